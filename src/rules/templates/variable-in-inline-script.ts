import { defineTemplateRule } from '../../core/rule.js';
import { effectiveFilters, encodedFor, isFixed } from '../../templates/escaping.js';
import { analyzeHtml, isJavaScriptAttribute, templateLanguage, type HtmlContext, type JsState } from '../../templates/html-context.js';
import { parseVariable, type TemplateToken, type VariableExpression } from '../../templates/lexer.js';

function explanation(expression: VariableExpression, state: JsState, inAttribute: boolean): string {
  const escapejs = effectiveFilters(expression).at(-1)?.name === 'escapejs';
  switch (state) {
    case 'code':
      return escapejs
        ? 'it is JavaScript code, not a string, and escapejs only protects quoted strings: alert(document.cookie) passes through'
        : 'it is JavaScript code, where HTML escaping does not stop expressions such as alert(document.cookie)';
    case 'template-literal':
      return 'it is inside a template literal, where neither HTML escaping nor escapejs stops a ${…} expression';
    case 'single-quoted-string':
    case 'double-quoted-string':
      return inAttribute
        ? 'the browser decodes &#x27; and &quot; in the attribute before running it, so the value can end the string'
        : 'HTML escaping leaves backslashes and line breaks alone, so the value can end the string (a trailing \\ swallows the closing quote)';
    case 'line-comment':
    case 'block-comment':
      return 'it is inside a JavaScript comment, which a line break or */ in the value ends';
    case 'regex':
      return 'it is inside a regular expression literal, which a / or line break in the value ends';
  }
}

function location(context: HtmlContext, language: string): string {
  if (context.kind === 'attribute-value') return `the ${context.attribute!.name}= attribute of <${context.element ?? '?'}>`;
  return language === 'javascript' ? 'a JavaScript template' : 'an inline <script>';
}

export default defineTemplateRule({
  meta: {
    code: 'TPL005',
    name: 'variable-in-inline-script',
    family: 'templates',
    severity: 'medium',
    confidence: 'medium',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'A template variable is rendered inside inline JavaScript, where Django\'s HTML escaping does not protect it.',
    fix: 'Pass the value with {{ value|json_script:"id" }} and read it in the script with JSON.parse(document.getElementById("id").textContent).',
    docs: {
      whatItDoes:
        'Follows the HTML structure of each template and reports every `{{ variable }}` rendered inside JavaScript: ' +
        'the content of an inline `<script>` element (classic or module, without `src`), an event handler attribute ' +
        '(`onclick="…"`), or an attribute front-end frameworks evaluate (`x-data`, `x-on:`, `@click`, `v-on:`, `hx-on`), ' +
        'and anywhere in a `.js` template. Not reported: values inside a quoted JavaScript string filtered with ' +
        '`|escapejs` (or `|urlencode`), literals and values whose filters only produce numbers or the template\'s own ' +
        'literals (`|length`, `|floatformat`, `|yesno:"true,false"`, `|date:"Y-m-d"`), `{{ csrf_token }}` (letters and ' +
        'digits only), `|json_script` output, and ' +
        'data blocks such as `<script type="application/json">` or `type="text/template"`, which the browser does ' +
        'not run. `|escapejs` in JavaScript code (outside quotes) or in a template literal is reported.',
      whyItMatters:
        'Autoescaping encodes `< > & \' "` for HTML. Inside a `<script>` element the browser does not decode those ' +
        'entities, and JavaScript has its own syntax: `var qty = {{ qty }};` runs whatever expression `qty` holds; ' +
        '`var a = "{{ a }}", b = "{{ b }}";` breaks when `a` ends with a backslash, which swallows the closing quote ' +
        'so that `b` is parsed as code; in a template literal `${…}` is evaluated. In an `onclick` attribute the ' +
        'browser decodes `&#x27;` back into a quote before running the handler, so a value can end the string. ' +
        'Each case is cross-site scripting with the victim\'s session. `{{ data|safe }}` for JSON from `json.dumps()` ' +
        'is worse still: a `</script>` inside the data ends the element.',
      example: {
        bad: '<script>\n  const cart = {{ cart_json|safe }};\n  const user = "{{ request.user.get_full_name }}";\n</script>',
        good: '{{ cart|json_script:"cart-data" }}\n{{ request.user.get_full_name|json_script:"user-name" }}\n<script>\n  const cart = JSON.parse(document.getElementById("cart-data").textContent);\n  const user = JSON.parse(document.getElementById("user-name").textContent);\n</script>',
        language: 'html+django',
      },
      howToFix:
        'Render the data outside the script with `{{ value|json_script:"element-id" }}`, which writes a ' +
        '`<script type="application/json">` element with `<`, `>` and `&` escaped, and read it with ' +
        '`JSON.parse(document.getElementById("element-id").textContent)`. This also works with a strict ' +
        'Content-Security-Policy once the script moves to a static file. For a single string inside quotes, ' +
        '`"{{ value|escapejs }}"` is acceptable. Replace inline event handlers with `addEventListener` in a static ' +
        'script that reads `data-*` attributes (which ordinary autoescaping protects).',
      references: [
        { title: 'Django templates: json_script', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#json-script' },
        { title: 'Django templates: escapejs', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#escapejs' },
        { title: 'Django security: cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'OWASP XSS Prevention Cheat Sheet: JavaScript contexts', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
        { title: 'OWASP DOM based XSS Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'The template does not say what a variable holds: an integer primary key or a value the view validated is ' +
        'still reported (suppress with `{# ponyguard: ignore[TPL005] -- reason #}`, or better, move it to ' +
        '`json_script`). A script element opened in a parent template and filled through `{% block %}` in a child is ' +
        'not seen as a script in the child. The JavaScript state (string, code, comment) is tracked lexically and ' +
        'can be misled by unusual regular-expression literals. An expression rendered several times in one file is ' +
        'reported once, at its first use, with the other lines in the message; suppressing that finding covers them all.',
    },
  },
  check(context) {
    const language = templateLanguage(context.file.path);
    const analysis = analyzeHtml(context.tokens, language);
    // One finding per expression and file: a generated script repeats `{{ id }}` dozens of times, and one fix (pass
    // the value through json_script) covers every use. The finding names the other lines.
    const byExpression = new Map<string, Array<{ token: TemplateToken; message: string }>>();
    for (const event of analysis.events) {
      if (event.type !== 'template' || event.token.type !== 'var') continue;
      const ctx = event.context;
      const inAttribute = ctx.kind === 'attribute-value' && isJavaScriptAttribute(ctx.attribute!.name);
      const inScript = ctx.kind === 'script' && ctx.script!.javascript && !ctx.script!.hasSrc;
      if ((!inAttribute && !inScript) || ctx.js === undefined) continue;
      const expression = parseVariable(event.token.contents);
      if (expression.filters.some((f) => f.name === 'json_script')) continue;
      if (isFixed(expression) || encodedFor(expression, ctx.js)) continue;
      const message = `{{ ${event.token.contents} }} is rendered in ${location(ctx, language)}: ${explanation(expression, ctx.js, inAttribute)}`;
      const key = event.token.contents.replace(/\s+/g, '');
      const uses = byExpression.get(key);
      if (uses) uses.push({ token: event.token, message });
      else byExpression.set(key, [{ token: event.token, message }]);
    }
    for (const [first, ...more] of byExpression.values()) {
      if (!first) continue;
      const lines = [...new Set(more.map((use) => use.token.line).filter((line) => line !== first.token.line))];
      const shown = lines.length > 8 ? `${lines.slice(0, 8).join(', ')}, …` : lines.join(', ');
      const also = more.length === 0 ? '' : ` (the same expression is rendered in JavaScript ${more.length} more time${more.length === 1 ? '' : 's'} in this file${lines.length > 0 ? `, on line${lines.length === 1 ? '' : 's'} ${shown}` : ''})`;
      context.report({ token: first.token, message: `${first.message}${also}` });
    }
  },
});
