import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { isTranslatedLiteral } from '../../python/django.js';
import type { PythonModule } from '../../python/module.js';
import { valuesBefore } from '../../python/scope.js';
import { describeBuild, quotedParts, stringBuild } from '../../python/strings.js';

const ESCAPING_CALLS = new Set(['django.utils.html.escape', 'django.utils.html.conditional_escape', 'html.escape', 'markupsafe.escape']);

export default definePythonRule({
  meta: {
    code: 'PY803',
    name: 'format-html-preformatted',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'The format string given to format_html() is already formatted, so the values inserted into it are not escaped.',
    fix: 'Pass a constant format string with {} placeholders and the values as separate arguments: format_html("<b>{}</b>", value).',
    docs: {
      whatItDoes:
        'Finds calls to `django.utils.html.format_html` (and the `format_string` argument of `format_html_join`) whose ' +
        'format string is itself built at run time: an f-string with replacement fields, `"…%s" % x`, ' +
        '`"…{}".format(x)` or a concatenation such as `a + b`, directly or through a local variable built that way. ' +
        'The intended use, `format_html("<b>{}</b>", x)`, is not reported.',
      whyItMatters:
        '`format_html()` escapes the *arguments* it substitutes and marks the *format string* as safe HTML. When the ' +
        'value is already interpolated into the format string (with an f-string, `%` or `.format()`), `format_html()` ' +
        'never sees it as an argument: it is treated as trusted markup and returned with `mark_safe()`. The result ' +
        'looks like the safe API but behaves like `mark_safe(f"…{user_input}…")` — a cross-site scripting hole. It is ' +
        'also a common mistake when converting old `%`-formatted code, which makes it worth a dedicated check.',
      example: {
        bad: [
          'from django.utils.html import format_html',
          '',
          'def author_link(user):',
          '    return format_html(f\'<a href="{user.url}">{user.name}</a>\')',
        ].join('\n'),
        good: [
          'from django.utils.html import format_html',
          '',
          'def author_link(user):',
          '    return format_html(\'<a href="{}">{}</a>\', user.url, user.name)',
        ].join('\n'),
      },
      howToFix:
        'Keep the format string constant, write `{}` (or `{name}`) where each value goes, and pass the values as ' +
        'positional or keyword arguments of `format_html()`: each is escaped with `conditional_escape()`. For lists, ' +
        'use `format_html_join(sep, "<li>{}</li>", ((item,) for item in items))`. If a part of the markup really is ' +
        'trusted HTML, pass it as an argument too, marked with `mark_safe()` at the place where it is built.',
      references: [
        { title: 'Django: format_html()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html' },
        { title: 'Django: format_html_join()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html_join' },
        { title: 'Django security: Cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'OWASP Cross Site Scripting Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
      ],
      limitations:
        'A format string passed in as a parameter, or built in another function, is not followed. When every ' +
        'interpolated value is explicitly escaped (`f"<b>{escape(x)}</b>"`), the call is reported with low confidence: ' +
        'it is safe, but still the wrong way to use `format_html()`.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (call: PyNode, index: number): void => {
      const format = module.argument(call, index, 'format_string');
      if (!format) return;
      const callee = module.calleeName(call) ?? 'format_html';
      let build = stringBuild(format, module, { knownString: true });
      let where = '';
      if (!build && format.type === 'identifier') {
        for (const value of valuesBefore(format, module)) {
          build = stringBuild(value, module, { knownString: true });
          if (build && build.dynamic.every((part) => isTranslatedLiteral(part, module))) build = undefined;
          if (build) {
            where = ` (\`${module.text(format)}\`, line ${module.lines.lineOf(value.start)})`;
            break;
          }
        }
      }
      if (!build) return;
      const dynamic = build.dynamic.filter((part) => !isTranslatedLiteral(part, module));
      if (dynamic.length === 0) return;
      build = { ...build, dynamic };
      const escaped = build.dynamic.every((part) => isEscaped(part, module));
      context.report({
        node: call,
        message: escaped
          ? `${callee}() format string${where} is built with ${describeBuild(build.how)} from escaped values: pass them as arguments instead`
          : `${callee}() format string${where} is built with ${describeBuild(build.how)}: ${quotedParts(build, module)} ${build.dynamic.length > 1 ? 'are' : 'is'} inserted unescaped and marked safe`,
        ...(escaped ? { confidence: 'low' as const } : {}),
      });
    };
    return {
      'call:django.utils.html.format_html': (call) => check(call, 0),
      'call:django.utils.html.format_html_join': (call) => check(call, 1),
    };
  },
});

function isEscaped(part: PyNode, module: PythonModule): boolean {
  const inner = part.type === 'parenthesized_expression' ? (part.children.find((c) => c.type !== 'comment') ?? part) : part;
  if (inner.type !== 'call') return false;
  const qualified = module.qualifiedName(inner);
  return qualified !== null && ESCAPING_CALLS.has(qualified);
}
