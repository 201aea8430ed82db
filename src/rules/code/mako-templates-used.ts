import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

/** Mako's escaping filters: `h` (HTML), `x` (XML), and their function names. */
const ESCAPING_FILTERS = new Set(['h', 'x', 'html_escape', 'xml_escape', 'filters.html_escape', 'filters.xml_escape', 'mako.filters.html_escape', 'mako.filters.xml_escape']);

export default definePythonRule({
  meta: {
    code: 'PY702',
    name: 'mako-templates-used',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [79, 80],
    owasp: ['A03:2021-Injection'],
    aliases: ['B702'],
    status: 'stable',
    summary: 'A Mako template is created without HTML escaping, so its expressions render unescaped.',
    fix: 'Create the template with default_filters=["h"] (HTML-escape every expression), or render with Django templates.',
    docs: {
      whatItDoes:
        'Reports `mako.template.Template(...)` calls (through any import or alias). Mako writes `${expression}` ' +
        'into the output without escaping unless told otherwise. A template created with `default_filters` that ' +
        'include `h` (HTML escaping) or `x` (XML escaping) is not reported; Bandit reports every Mako template.',
      whyItMatters:
        'Unescaped expressions turn any user-supplied text that reaches a template (a name, a message, a query ' +
        'parameter) into markup: `<script>` in a profile field runs in every visitor\'s browser, with their session. ' +
        'Escaping each expression by hand with `${ value | h }` works until one is forgotten.',
      example: {
        bad: [
          'from mako.template import Template',
          '',
          'def render_invoice(invoice):',
          '    return Template(filename="invoice.html").render(customer=invoice.customer_name)',
        ].join('\n'),
        good: [
          'from mako.template import Template',
          '',
          'def render_invoice(invoice):',
          '    template = Template(filename="invoice.html", default_filters=["h"])',
          '    return template.render(customer=invoice.customer_name)',
        ].join('\n'),
      },
      howToFix:
        'Pass `default_filters=["h"]` (or `["str", "h"]`) to every `Template` and `TemplateLookup`, so that every ' +
        'expression is HTML-escaped and only output you mark with `| n` is left raw. In a Django project, prefer ' +
        'Django templates or Jinja2 with autoescaping, which escape by default.',
      references: [
        { title: 'Mako: expression escaping and default filters', url: 'https://docs.makotemplates.org/en/latest/filtering.html' },
        { title: 'Django security: cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'Bandit B702: use_of_mako_templates', url: 'https://bandit.readthedocs.io/en/latest/plugins/b702_use_of_mako_templates.html' },
      ],
      limitations:
        'Templates produced for non-HTML output do not need escaping; suppress the finding there. Templates loaded ' +
        'through a `TemplateLookup` are not reported (its own `default_filters` applies to them), and `default_filters` ' +
        'held in a variable is assumed to escape.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const filters = module.keywordArg(node, 'default_filters');
      if (filters && escapes(filters)) return;
      context.report({
        node,
        message: filters ? 'Mako Template whose default_filters do not escape HTML: expressions render unescaped' : 'Mako Template without default_filters=["h"]: expressions render unescaped',
      });
    };
    return { 'call:mako.template.Template': check, 'call:mako.Template': check };

    function escapes(filters: PyNode): boolean {
      const value = module.literal(filters);
      if (value && (value.kind === 'list' || value.kind === 'tuple')) return value.items.some((item) => item.kind === 'str' && ESCAPING_FILTERS.has(item.value));
      return !value; // a variable: it may well hold ["h"]; not judged
    }
  },
});
