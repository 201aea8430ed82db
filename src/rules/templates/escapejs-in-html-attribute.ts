import { defineTemplateRule } from '../../core/rule.js';
import { analyzeHtml, isJavaScriptAttribute, isUrlAttribute, templateLanguage, type HtmlContext } from '../../templates/html-context.js';
import { parseVariable } from '../../templates/lexer.js';

interface Verdict {
  where: string;
  why: string;
  /** The context lets an attacker do more than garble the value. */
  exploitable: boolean;
}

/** CSS: outside a quoted CSS string, escapejs leaves `{ } ( ) : /` and `url()` intact (`;` is escaped). */
function css(where: string, context: HtmlContext): Verdict | undefined {
  if (context.css === 'comment') return undefined;
  if (context.css === 'string') {
    return { where, why: 'escapejs is not CSS escaping (CSS does not read \\u0027 escapes, so the value is garbled)', exploitable: false };
  }
  return { where, why: 'escapejs leaves CSS syntax such as { } ( ) : / and url() intact, so the value can add CSS rules or load remote resources', exploitable: true };
}

/** Where an escapejs'd value lands, when that is not JavaScript, and what that means. */
function verdict(context: HtmlContext): Verdict | undefined {
  switch (context.kind) {
    case 'attribute-value': {
      const attribute = context.attribute!;
      if (isJavaScriptAttribute(attribute.name)) return undefined;
      const where = `the ${attribute.name}= attribute of <${context.element ?? '?'}>`;
      if (isUrlAttribute(attribute.name) && attribute.valueBefore.trim() === '') {
        return {
          where,
          why: 'escapejs does not encode URLs, so a javascript: URL passes through and runs when the link is followed',
          exploitable: true,
        };
      }
      if (attribute.name === 'style') return css(where, context);
      return {
        where,
        why: 'escapejs is not HTML attribute encoding (the value shows \\u0027-style escapes, and its output is marked safe so Django does not escape it)',
        exploitable: false,
      };
    }
    case 'style':
      return css('a <style> element', context);
    case 'text':
    case 'rcdata':
      return {
        where: context.kind === 'rcdata' ? `a <${context.element ?? '?'}> element` : 'HTML text',
        why: 'escapejs is not HTML encoding (the value shows \\u003C-style escapes, and its output is marked safe so Django does not escape it)',
        exploitable: false,
      };
    case 'tag':
      return {
        where: `the <${context.element ?? '?'}> tag itself`,
        why: 'escapejs output is marked safe and written between attributes',
        exploitable: false,
      };
    default:
      // JavaScript (script elements, including JSON data blocks), comments, plain-text templates.
      return undefined;
  }
}

export default defineTemplateRule({
  meta: {
    code: 'TPL004',
    name: 'escapejs-in-html-attribute',
    family: 'templates',
    severity: 'medium',
    confidence: 'medium',
    cwe: [116, 79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'A template variable is escaped with |escapejs outside JavaScript, where that escaping is the wrong one.',
    fix: 'Drop |escapejs outside JavaScript and let autoescaping encode the value; validate URL values (scheme allow-list) in the view.',
    docs: {
      whatItDoes:
        'Follows the HTML structure of each template (tags, attribute values, `<script>` and `<style>` elements) and ' +
        'reports `{{ value|escapejs }}` written anywhere except JavaScript: in an ordinary attribute value ' +
        '(`href`, `value`, `title`, `data-*`…), in HTML text, or in CSS. `escapejs` is correct inside a quoted string ' +
        'of an inline `<script>` or of an event handler attribute (`onclick="…"`), and in framework attributes that ' +
        'hold JavaScript (`x-data`, `x-on:`, `@click`, `v-on:`, `hx-on`); those are not reported. A value at the ' +
        'start of a URL attribute (`href`, `src`, `action`, `formaction`…) or in CSS outside a quoted string is reported ' +
        'at medium severity; ' +
        'elsewhere the mistake garbles the output but cannot add markup, and it is reported at low severity.',
      whyItMatters:
        '`escapejs` turns characters into `\\uXXXX` escapes that only a JavaScript string parser understands, and ' +
        'its result is marked safe, so Django\'s HTML escaping is skipped. In a URL attribute that leaves a ' +
        '`javascript:alert(document.cookie)` value untouched, so a link built from user data runs script when ' +
        'clicked; in CSS, braces, parentheses and `url()` pass through and the value can restyle the page or leak ' +
        'data to another host. Elsewhere the value is displayed with literal `\\u0027` sequences: the code ' +
        'believes it is protected by an encoding that is not the one the browser applies (CWE-116), which is how ' +
        'the exploitable cases above get written.',
      example: {
        bad: '<a href="{{ profile.website|escapejs }}">Website</a>\n<input name="q" value="{{ query|escapejs }}">',
        good: '<a href="{{ profile.website }}">Website</a>  {# the view only accepts http(s) URLs #}\n<input name="q" value="{{ query }}">',
        language: 'html+django',
      },
      howToFix:
        'Outside JavaScript, remove `|escapejs`: Django\'s autoescaping is the right encoding for HTML text and quoted ' +
        'attribute values. For URLs, also check the scheme where the value is accepted (a `URLField` validator or ' +
        '`url_has_allowed_host_and_scheme()`), because no escaping stops a `javascript:` URL. To hand a value to ' +
        'JavaScript, use `{{ value|json_script:"id" }}` and read it with `JSON.parse(document.getElementById("id").textContent)`, ' +
        'or keep `escapejs` inside a quoted string of a `<script>` element or an event handler attribute.',
      references: [
        { title: 'Django templates: escapejs', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#escapejs' },
        { title: 'Django templates: json_script', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#json-script' },
        { title: 'CWE-116: Improper Encoding or Escaping of Output', url: 'https://cwe.mitre.org/data/definitions/116.html' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'OWASP XSS Prevention Cheat Sheet: output encoding for each context', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'The HTML structure is read from the template text alone: tags built by template variables, or split between ' +
        'a parent template and its blocks, are not seen, and `{% if %}` branches are read one after the other. ' +
        'JavaScript attributes of front-end frameworks are recognised by name (Alpine, Vue, htmx); others are treated ' +
        'as ordinary attributes.',
    },
  },
  check(context) {
    const analysis = analyzeHtml(context.tokens, templateLanguage(context.file.path));
    for (const event of analysis.events) {
      if (event.type !== 'template' || event.token.type !== 'var') continue;
      const expression = parseVariable(event.token.contents);
      if (!expression.filters.some((f) => f.name === 'escapejs')) continue;
      const found = verdict(event.context);
      if (!found) continue;
      context.report({
        token: event.token,
        message: `{{ ${expression.base}|escapejs }} in ${found.where}: ${found.why}`,
        ...(found.exploitable ? {} : { severity: 'low' as const }),
      });
    }
  },
});
