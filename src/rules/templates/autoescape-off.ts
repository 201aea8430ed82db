import { defineTemplateRule } from '../../core/rule.js';
import { templateLanguage } from '../../templates/html-context.js';
import { blockName, isTemplateLiteral, parseVariable, renderedTokens, type TemplateToken } from '../../templates/lexer.js';


/** Filters whose output cannot carry markup, even with autoescaping off. */
const NEUTRALISING = new Set(['escape', 'force_escape', 'escapeseq', 'escapejs', 'urlencode', 'json_script', 'length', 'wordcount', 'floatformat']);

/** Built-in tags that render nothing a user controls (or only escape-aware variables already counted). */
const STRUCTURAL_TAGS = new Set([
  'if', 'elif', 'else', 'endif', 'for', 'empty', 'endfor', 'with', 'endwith', 'load', 'static', 'get_static_prefix',
  'get_media_prefix', 'url', 'csrf_token', 'comment', 'endcomment', 'spaceless', 'endspaceless', 'autoescape',
  'endautoescape', 'trans', 'translate', 'blocktrans', 'blocktranslate', 'endblocktrans', 'endblocktranslate', 'plural',
  'now', 'regroup', 'ifchanged', 'endifchanged', 'templatetag', 'widthratio', 'lorem', 'filter', 'endfilter', 'extends',
  'endblock', 'resetcycle', 'get_current_language', 'get_current_language_bidi', 'get_available_languages',
  'get_language_info', 'get_language_info_list', 'language', 'endlanguage', 'localize', 'endlocalize', 'localtime',
  'endlocaltime', 'timezone', 'endtimezone', 'get_current_timezone', 'querystring', 'partialdef', 'endpartialdef',
]);

/** Words in a template's path that say it renders plain text (an e-mail body, a subject line), not a web page. */
const PLAIN_TEXT_WORDS = new Set(['txt', 'text', 'plain', 'email', 'emails', 'mail', 'mails', 'subject', 'sms']);
const MAIL_WORDS = new Set(['email', 'emails', 'mail', 'mails', 'subject']);

/** HTML markup in the template's own text: a start tag, an end tag, a comment or a doctype. */
const MARKUP = /<(?:[a-z][a-z0-9-]*[\s/>]|\/[a-z]|!--|!doctype)/i;

type Kind = 'html' | 'plain-text' | 'html-email';

/**
 * What the template produces. Non-HTML extensions (`.txt`, `.email`, `.json`, `.js`…) are plain output where
 * `autoescape off` is how Django templates are meant to be used (TPL005 covers JavaScript templates); an HTML-named
 * file whose path says e-mail, subject or text and whose text has no markup is a plain-text e-mail body too
 * (Django's own `registration/password_reset_email.html`).
 */
function templateKind(path: string, tokens: readonly TemplateToken[]): Kind {
  if (templateLanguage(path) !== 'html') return 'plain-text';
  const words = path.toLowerCase().split(/[^a-z0-9]+/);
  if (!words.some((w) => PLAIN_TEXT_WORDS.has(w))) return 'html';
  const markup = tokens.some((t) => t.type === 'text' && MARKUP.test(t.raw));
  if (!markup) return 'plain-text';
  return words.some((w) => MAIL_WORDS.has(w)) ? 'html-email' : 'html';
}

function unescapedVariable(contents: string): string | undefined {
  const expression = parseVariable(contents);
  if (isTemplateLiteral(expression.base)) return undefined;
  if (expression.filters.some((f) => NEUTRALISING.has(f.name))) return undefined;
  return expression.base;
}

interface Region {
  off: boolean;
  token: TemplateToken;
  variables: string[];
  /** `{% include %}`, `{% block %}` and custom tags inside, whose output is unescaped too. */
  tags: string[];
}

function describe(region: Region): string {
  const parts: string[] = [];
  const variables = [...new Set(region.variables)];
  if (variables.length > 0) {
    const shown = variables.slice(0, 5).join(', ');
    parts.push(`renders ${shown}${variables.length > 5 ? ` and ${variables.length - 5} more` : ''} unescaped`);
  }
  const tags = [...new Set(region.tags)];
  if (tags.length > 0) parts.push(`leaves the output of ${tags.map((t) => `{% ${t} %}`).join(', ')} unescaped${variables.length > 0 ? ' too' : ''}`);
  return parts.length > 0
    ? `{% autoescape off %} ${parts.join(' and ')}`
    : '{% autoescape off %} turns HTML escaping off for everything rendered inside it (no variable is rendered there yet)';
}

export default defineTemplateRule({
  meta: {
    code: 'TPL003',
    name: 'autoescape-off',
    family: 'templates',
    severity: 'medium',
    confidence: 'high',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'An {% autoescape off %} block in an HTML template renders every variable inside it without HTML escaping.',
    fix: 'Remove the {% autoescape off %} block and let Django escape the values; mark only sanitised or format_html()-built HTML safe.',
    docs: {
      whatItDoes:
        'Reports each `{% autoescape off %}` tag of an HTML template and names the variables rendered inside the ' +
        'block (and the `{% include %}`, `{% block %}` and custom tags whose output is unescaped there too). ' +
        'Templates that produce plain text are not reported: files with a non-HTML extension (`.txt`, `.email`, ' +
        '`.json`…) and HTML-named templates whose path says e-mail, subject or text and that contain no markup, such as ' +
        'Django\'s own `registration/password_reset_email.html`. In those, turning escaping off is correct, since ' +
        '`&amp;` and `&#x27;` would appear literally in the message. An HTML e-mail template (markup, and a path ' +
        'that says e-mail) is reported at low severity.',
      whyItMatters:
        '`{% autoescape off %}` is `|safe` on every variable in the block, including ones added later by someone who ' +
        'never saw the opening tag, and it propagates into included templates and the content of blocks filled by ' +
        'child templates. A product description, a user name or a search term containing `<script>` or ' +
        '`<img src=x onerror=…>` then runs in visitors\' browsers: stored or reflected cross-site scripting, with ' +
        'access to the session and to every action the victim can perform.',
      example: {
        bad: '{% autoescape off %}\n<div class="description">{{ product.description }}</div>\n{% endautoescape %}',
        good: '<div class="description">{{ product.description|linebreaks }}</div>',
        language: 'html+django',
      },
      howToFix:
        'Delete the `{% autoescape off %}` / `{% endautoescape %}` pair. If a value must contain markup (a rich-text ' +
        'description written in an editor), sanitise it when it is saved or rendered with an allow-list HTML ' +
        'sanitiser such as `nh3`, and mark only that sanitised string safe; build small fragments in Python with ' +
        '`format_html()`. For text formatting, use filters that escape: `linebreaks`, `linebreaksbr`, `urlize`. ' +
        'Plain-text e-mail bodies belong in `.txt` templates, where this rule does not apply.',
      references: [
        { title: 'Django templates: autoescape', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#autoescape' },
        { title: 'Django templates: automatic HTML escaping', url: 'https://docs.djangoproject.com/en/stable/ref/templates/language/#automatic-html-escaping' },
        { title: 'Django security: cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'OWASP XSS Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'Whether a template is plain text is judged from its file name and its markup; an HTML template named like ' +
        'an e-mail and written without any tag is taken for plain text. The rule does not know where variables come ' +
        'from, so a block that only renders values the view sanitised is still reported; variables filtered with ' +
        '`escape`, `force_escape`, `urlencode`, `escapejs` or `json_script` are not listed. `{% filter safe %}` and ' +
        '`|safe` are separate rules (TPL001).',
    },
  },
  check(context) {
    const kind = templateKind(context.file.path, context.tokens);
    if (kind === 'plain-text') return;
    const stack: Region[] = [];
    const finished: Region[] = [];
    for (const token of renderedTokens(context.tokens)) {
      const name = blockName(token);
      if (name === 'autoescape') {
        const argument = token.contents.split(/\s+/)[1];
        stack.push({ off: argument === 'off', token, variables: [], tags: [] });
        continue;
      }
      if (name === 'endautoescape') {
        const region = stack.pop();
        if (region) finished.push(region);
        continue;
      }
      // Everything rendered here is unescaped for each enclosing `off` block up to the nearest `on` one.
      const open: Region[] = [];
      for (let i = stack.length - 1; i >= 0 && stack[i]!.off; i--) open.push(stack[i]!);
      if (open.length === 0) continue;
      if (token.type === 'var') {
        const variable = unescapedVariable(token.contents);
        if (variable !== undefined) for (const region of open) region.variables.push(variable);
      } else if (token.type === 'block' && !name.startsWith('end') && (name === 'include' || name === 'block' || name === 'firstof' || name === 'cycle' || !STRUCTURAL_TAGS.has(name))) {
        for (const region of open) region.tags.push(name === 'include' || name === 'block' ? token.contents : name);
      }
    }
    // An `{% autoescape off %}` left open runs to the end of the template.
    finished.push(...stack);
    finished.sort((a, b) => a.token.start - b.token.start);
    for (const region of finished) {
      if (!region.off) continue;
      const dynamic = region.variables.length > 0 || region.tags.length > 0;
      if (kind === 'html-email') {
        context.report({
          token: region.token,
          severity: 'low',
          message: `${describe(region)} in an HTML e-mail: recipients' mail clients get the values as markup`,
        });
      } else if (dynamic) context.report({ token: region.token, message: describe(region) });
      else context.report({ token: region.token, severity: 'low', message: describe(region) });
    }
  },
});
