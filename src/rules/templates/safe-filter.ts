import { defineTemplateRule } from '../../core/rule.js';
import { isTemplateLiteral, parseVariable, renderedTokens } from '../../templates/lexer.js';


export default defineTemplateRule({
  meta: {
    code: 'TPL001',
    name: 'safe-filter',
    family: 'templates',
    severity: 'medium',
    confidence: 'medium',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'A template variable is rendered with the |safe filter, which turns off autoescaping for it.',
    fix: 'Remove |safe and let Django escape the value; build trusted HTML in Python with format_html() instead.',
    docs: {
      whatItDoes:
        'Reports every `{{ variable|safe }}` in a Django template whose value is not a literal. The `safe` filter ' +
        'marks the value as already-escaped HTML, so Django inserts it into the page as it is.',
      whyItMatters:
        'Autoescaping is what stops a comment, a product name or a user\'s display name from becoming markup. A ' +
        'value rendered with `|safe` that contains `<script>` or an `onerror=` attribute runs in every visitor\'s ' +
        'browser: stored cross-site scripting when the value comes from the database, reflected when it comes from ' +
        'the request. Values that "are only ever written by admins" tend to end up written by users later.',
      example: {
        bad: '<div class="review">{{ review.body|safe }}</div>',
        good: '<div class="review">{{ review.body|linebreaksbr }}</div>',
        language: 'html+django',
      },
      howToFix:
        'Drop `|safe`: escaped output is what you want for any text. If the value must contain markup, produce it in ' +
        'Python with `format_html()` (which escapes every argument) or sanitise it with an HTML sanitiser such as ' +
        '`nh3` against an allow-list of tags, and mark only that result safe.',
      references: [
        { title: 'Django templates: safe', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safe' },
        { title: 'Django security: cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'OWASP XSS Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
      ],
      limitations: 'The template does not say where a variable comes from; a value the view already sanitised is still reported.',
    },
  },
  check(context) {
    for (const token of renderedTokens(context.tokens)) {
      if (token.type !== 'var') continue;
      const expression = parseVariable(token.contents);
      if (!expression.filters.some((f) => f.name === 'safe')) continue;
      if (isTemplateLiteral(expression.base)) continue;
      // `|escape|safe` or `|force_escape|safe` is escaped before being marked safe.
      const safeIndex = expression.filters.findIndex((f) => f.name === 'safe');
      if (expression.filters.slice(0, safeIndex).some((f) => f.name === 'force_escape' || f.name === 'escape' || f.name === 'urlencode' || f.name === 'json_script')) continue;
      context.report({ token, message: `{{ ${expression.base}|safe }} renders ${expression.base} without escaping` });
    }
  },
});
