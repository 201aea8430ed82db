import { defineTemplateRule } from '../../core/rule.js';
import { blockName, isTemplateLiteral, parseVariable, renderedTokens, splitOutsideQuotes, type VariableExpression } from '../../templates/lexer.js';

/** Filters that escape every element before `safeseq` marks them safe. */
const ESCAPING = new Set(['escapeseq', 'force_escape', 'escape']);

/** Block tags whose arguments bind or loop over filtered values that are rendered later. */
const BINDING_TAGS = new Set(['for', 'with', 'include', 'blocktrans', 'blocktranslate']);

/** `x|…|safeseq` expressions inside a block tag's arguments: `{% for item in items|safeseq %}`. */
function safeseqExpressions(contents: string): string[] {
  // Split on whitespace and `=` outside quotes; keep the pieces that apply safeseq.
  const pieces = splitOutsideQuotes(contents, (ch) => /\s|=/.test(ch)).filter(Boolean);
  return pieces.filter((piece) => unescapedSafeseq(parseVariable(piece)));
}

function unescapedSafeseq(expression: VariableExpression): boolean {
  const index = expression.filters.findIndex((f) => f.name === 'safeseq');
  if (index === -1 || isTemplateLiteral(expression.base)) return false;
  return !expression.filters.slice(0, index).some((f) => ESCAPING.has(f.name));
}

export default defineTemplateRule({
  meta: {
    code: 'TPL002',
    name: 'safeseq-filter',
    family: 'templates',
    severity: 'medium',
    confidence: 'medium',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'A template applies the |safeseq filter to a sequence, which turns off autoescaping for each of its elements.',
    fix: 'Remove |safeseq so each element is escaped: |join escapes the elements and keeps a literal separator such as "<br>" as written.',
    docs: {
      whatItDoes:
        'Reports `{{ items|safeseq }}` (usually `{{ items|safeseq|join:", " }}`) when `items` is not a literal, and ' +
        'the same filter inside the tags that bind values for later rendering: `{% for tag in tags|safeseq %}`, ' +
        '`{% with names=names|safeseq %}`, `{% include … with x=y|safeseq %}`, `{% blocktranslate with … %}`. ' +
        '`safeseq` is `safe` applied to every element of a list: each element is marked as already-escaped HTML.',
      whyItMatters:
        'Lists rendered in templates are often user data: tags, product options, names of participants, search ' +
        'suggestions. With `|safeseq`, an element such as `<img src=x onerror=alert(document.cookie)>` is inserted ' +
        'into the page as markup instead of text, and runs in the browser of every visitor who sees the list ' +
        '(stored or reflected cross-site scripting). The filter is typically added to get a `<br>` separator through ' +
        '`join`, which is a formatting problem (and an unnecessary one), not a reason to trust the data.',
      example: {
        bad: '<p>Tags: {{ product.tag_names|safeseq|join:", " }}</p>',
        good: '<p>Tags: {{ product.tag_names|join:", " }}</p>',
        language: 'html+django',
      },
      howToFix:
        'Drop `|safeseq`: with autoescaping on, `join` escapes each element and keeps a string-literal separator as ' +
        'written (template literals are trusted), so `{{ items|join:"<br>" }}` is already right; `{% for %}` loops ' +
        'escape each `{{ item }}`. Inside `{% autoescape off %}`, use `|escapeseq` (Django 5.0 and later) instead, or ' +
        'build the fragment in Python with `format_html_join()`. ' +
        'If the elements really are HTML, sanitise them against an allow-list of tags (with `nh3`, for example) in the ' +
        'view and mark only the sanitised strings safe.',
      references: [
        { title: 'Django templates: safeseq', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safeseq' },
        { title: 'Django templates: escapeseq', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#escapeseq' },
        { title: 'Django utils: format_html_join()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html_join' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'OWASP XSS Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'The template does not say where the list comes from: a list the view built from constants or already ' +
        'sanitised is still reported (suppress it with a `{# ponyguard: ignore[TPL002] -- reason #}` comment). ' +
        'Values marked safe in Python before they reach the template are PY703\'s business, not this rule\'s.',
    },
  },
  check(context) {
    for (const token of renderedTokens(context.tokens)) {
      if (token.type === 'var') {
        const expression = parseVariable(token.contents);
        if (unescapedSafeseq(expression)) context.report({ token, message: `{{ ${expression.base}|safeseq }} renders every element of ${expression.base} without escaping` });
      } else if (BINDING_TAGS.has(blockName(token))) {
        for (const piece of safeseqExpressions(token.contents)) {
          const base = parseVariable(piece).base;
          context.report({ token, message: `{% ${blockName(token)} %} marks every element of ${base} safe (${piece}): they are rendered without escaping` });
        }
      }
    }
  },
});
