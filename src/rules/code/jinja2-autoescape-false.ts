import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { isTruthy } from '../../python/expressions.js';

export default definePythonRule({
  meta: {
    code: 'PY701',
    name: 'jinja2-autoescape-false',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [79, 94],
    owasp: ['A03:2021-Injection'],
    aliases: ['B701'],
    status: 'stable',
    summary: 'A Jinja2 Environment is created without HTML autoescaping.',
    fix: 'Pass autoescape=True, or autoescape=select_autoescape() to escape HTML and XML templates by file extension.',
    docs: {
      whatItDoes:
        'Reports `jinja2.Environment(...)` (through any import or alias) when `autoescape` is missing (Jinja2\'s ' +
        'default is off) or false, with high confidence, and when it is an expression other than `True` or a ' +
        '`select_autoescape(...)` call, with medium confidence since it may be true at run time. Unlike Bandit, an ' +
        'Environment built from `**options` without an explicit `autoescape` is not reported: that is the factory ' +
        'Django\'s Jinja2 backend calls, and the backend puts `autoescape=True` in those options.',
      whyItMatters:
        'Without autoescaping, every `{{ value }}` is written into the page as-is. A user name, a comment or a query ' +
        'parameter containing `<script>` then runs in other visitors\' browsers: stored or reflected cross-site ' +
        'scripting, which can steal sessions and CSRF tokens and act as the victim. Escaping by hand with `|e` on ' +
        'every variable is one forgotten filter away from a hole.',
      example: {
        bad: [
          'from jinja2 import Environment, FileSystemLoader',
          '',
          'env = Environment(loader=FileSystemLoader("emails/templates"))',
        ].join('\n'),
        good: [
          'from jinja2 import Environment, FileSystemLoader, select_autoescape',
          '',
          'env = Environment(loader=FileSystemLoader("emails/templates"), autoescape=select_autoescape())',
        ].join('\n'),
      },
      howToFix:
        'Pass `autoescape=select_autoescape()` (escapes templates ending in .html, .htm and .xml) or ' +
        '`autoescape=True`. With Django\'s `django.template.backends.jinja2.Jinja2` backend, leave `autoescape` out ' +
        'of `OPTIONS` (it defaults to True) and build the environment in your `environment` factory with ' +
        '`Environment(**options)`. Mark trusted HTML explicitly with `markupsafe.Markup` only where it is really safe.',
      references: [
        { title: 'Jinja2: autoescaping', url: 'https://jinja.palletsprojects.com/en/stable/api/#autoescaping' },
        { title: 'Django: the Jinja2 template backend', url: 'https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.jinja2.Jinja2' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'Bandit B701: jinja2_autoescape_false', url: 'https://bandit.readthedocs.io/en/latest/plugins/b701_jinja2_autoescape_false.html' },
      ],
      limitations:
        'Environments for non-HTML output (plain-text e-mails, configuration files) do not need escaping; suppress ' +
        'the finding there with a reason. Setting `env.autoescape` after construction is not followed.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const autoescape = module.keywordArg(node, 'autoescape');
      if (!autoescape) {
        // `Environment(**options)`: Django's Jinja2 backend passes autoescape=True in the options.
        if (field(node, 'arguments')?.children.some((c) => c.type === 'dictionary_splat')) return;
        context.report({ node, message: 'jinja2 Environment without autoescape: Jinja2 does not escape HTML by default, so template variables can inject markup and scripts' });
        return;
      }
      const value = module.literal(autoescape);
      if (value) {
        if (isTruthy(value)) return;
        context.report({ node, message: 'jinja2 Environment with autoescape disabled: template variables can inject markup and scripts' });
        return;
      }
      if (autoescape.type === 'call' && module.calleeName(autoescape) === 'select_autoescape') return;
      context.report({
        node,
        message: `jinja2 Environment with autoescape=${module.text(autoescape).replace(/\s+/g, ' ').slice(0, 40)}: make sure it is True or select_autoescape()`,
        confidence: 'medium',
      });
    };
    return { 'call:jinja2.Environment': check, 'call:jinja2.environment.Environment': check };
  },
});
