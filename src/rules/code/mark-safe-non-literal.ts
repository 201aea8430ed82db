import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { abbreviate } from '../../python/expressions.js';
import { isSafeHtml } from '../../python/safe-html.js';

/** Callables that mark a string as safe HTML, skipping autoescaping. */
const MARK_SAFE = [
  'django.utils.safestring.mark_safe',
  'django.utils.html.mark_safe',
  'django.utils.safestring.SafeString',
  'django.utils.safestring.SafeText',
  'django.utils.safestring.SafeUnicode',
  'django.utils.safestring.SafeBytes',
];

export default definePythonRule({
  meta: {
    code: 'PY703',
    name: 'mark-safe-non-literal',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [79, 80],
    owasp: ['A03:2021-Injection'],
    aliases: ['B703'],
    status: 'stable',
    summary: 'mark_safe() (or SafeString) is applied to a value that may contain unescaped user input.',
    fix: 'Build the HTML with format_html() (which escapes each argument) instead of mark_safe() on a formatted string.',
    docs: {
      whatItDoes:
        'Finds calls to `django.utils.safestring.mark_safe` and the `SafeString` family (through any import or alias) ' +
        'whose argument is not a constant: a variable, a parameter, a formatted string or a call. Arguments built ' +
        'only from literals and from `escape()`, `conditional_escape()`, `format_html()` or `format_html_join()` results, ' +
        'and local variables assigned only such values, are not reported.',
      whyItMatters:
        'Django templates escape every variable unless it is marked safe. `mark_safe(x)` tells Django that `x` is ' +
        'trusted HTML; if any part of `x` comes from a user (a name, a comment, a query parameter), the page renders ' +
        'their markup as-is: a stored or reflected cross-site scripting hole that can steal sessions and act as the user.',
      example: {
        bad: [
          'from django.utils.safestring import mark_safe',
          '',
          'def greeting(user):',
          '    return mark_safe("<b>Hello %s</b>" % user.first_name)',
        ].join('\n'),
        good: [
          'from django.utils.html import format_html',
          '',
          'def greeting(user):',
          '    return format_html("<b>Hello {}</b>", user.first_name)',
        ].join('\n'),
      },
      howToFix:
        'Use `format_html("<b>{}</b>", value)`, which escapes each argument and returns a safe string, or ' +
        '`format_html_join()` for lists. Escape values explicitly with `escape()` before concatenating them into markup ' +
        'that you then mark safe. Leave plain values unmarked and let the template escape them.',
      references: [
        { title: 'Django: mark_safe()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe' },
        { title: 'Django: format_html()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html' },
        { title: 'Django security: cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'Bandit B703: django_mark_safe', url: 'https://bandit.readthedocs.io/en/latest/plugins/b703_django_mark_safe.html' },
      ],
      limitations:
        'Values are followed through assignments within one function. Whether a variable really holds user input is ' +
        'the taint rules\' job; this rule reports every non-constant argument it cannot prove escaped.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode, name: string): void => {
      const argument = module.argument(node, 0, name.endsWith('mark_safe') ? 's' : undefined);
      if (!argument || isSafeHtml(argument, module, node, 0)) return;
      const callee = name.split('.').pop()!;
      context.report({
        node,
        message: `${callee}() on a value that is not a constant or escaped (\`${abbreviate(module.text(argument))}\`); its content bypasses autoescaping`,
      });
    };
    return Object.fromEntries(MARK_SAFE.map((name) => [`call:${name}`, (node: PyNode) => check(node, name)]));
  },
});
