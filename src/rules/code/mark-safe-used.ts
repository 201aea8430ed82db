import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { isSafeHtml } from '../../python/safe-html.js';

export default definePythonRule({
  meta: {
    code: 'PY308',
    name: 'mark-safe-used',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: ['B308'],
    status: 'stable',
    summary: 'mark_safe() turns off autoescaping for a value that is not a constant or escaped HTML.',
    fix: 'Build the HTML with format_html(), which escapes each argument, instead of calling mark_safe() on it.',
    docs: {
      whatItDoes:
        'Reports calls to `django.utils.safestring.mark_safe()` (also imported from `django.utils.html`, or through ' +
        'an alias) whose argument is not provably safe. Unlike Bandit\'s B308, which reports every call, a literal ' +
        'or a value built only from literals and `escape()`, `conditional_escape()`, `format_html()` or ' +
        '`format_html_join()` results is not reported. This is the rule for Bandit configurations that select B308: ' +
        'when PY703 (mark-safe-non-literal, B703) is enabled it reports these calls, and PY308 stays silent so that a ' +
        'call is never reported twice.',
      whyItMatters:
        'Django escapes every template variable unless the value is marked safe. `mark_safe(x)` promises Django that ' +
        '`x` is trusted HTML; when part of it comes from a user — a display name, a comment, a query parameter — their ' +
        '`<script>` reaches the page unescaped. That is cross-site scripting: the attacker\'s code runs with the ' +
        'victim\'s session, can read CSRF tokens and act as them.',
      example: {
        bad: [
          'from django.utils.safestring import mark_safe',
          '',
          'def author_link(comment):',
          '    return mark_safe(f\'<a href="/u/{comment.author_id}">{comment.author_name}</a>\')',
        ].join('\n'),
        good: [
          'from django.utils.html import format_html',
          '',
          'def author_link(comment):',
          '    return format_html(\'<a href="/u/{}">{}</a>\', comment.author_id, comment.author_name)',
        ].join('\n'),
      },
      howToFix:
        'Use `format_html("<b>{}</b>", value)`: it escapes each argument and returns a safe string. Use ' +
        '`format_html_join()` for lists, and `escape()` on every value you concatenate into markup before marking the ' +
        'result safe. Values that need no markup should simply not be marked safe: let the template escape them.',
      references: [
        { title: 'Django: mark_safe()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe' },
        { title: 'Django: format_html()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html' },
        { title: 'Django security: cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'Bandit B308: mark_safe', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b308-mark-safe' },
      ],
      limitations:
        'Silent whenever PY703 is enabled (PY703 reports the same calls, plus SafeString). Values are followed ' +
        'through assignments within one function only, as in PY703.',
    },
  },
  create(context) {
    // PY703 reports exactly these calls (and the SafeString family): one finding per call is enough.
    if (context.isEnabled('PY703')) return {};
    const { module } = context;
    const check = (node: PyNode): void => {
      const argument = module.argument(node, 0, 's');
      if (!argument || isSafeHtml(argument, module, node, 0)) return;
      context.report({ node, message: 'mark_safe() on a value that is not a constant or escaped HTML: its content bypasses autoescaping' });
    };
    return { 'call:django.utils.safestring.mark_safe': check, 'call:django.utils.html.mark_safe': check };
  },
});
