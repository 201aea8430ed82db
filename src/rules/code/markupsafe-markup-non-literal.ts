import { stringListOption } from '../../core/rule-options.js';
import { definePythonRule, type RuleOptionSpec } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { DJANGO_ESCAPING_CALLS } from '../../python/django.js';
import { abbreviate, unwrap } from '../../python/expressions.js';
import { assignedValues } from '../../python/scope.js';
import { interpolatedExpressions, isConstantText } from '../../python/strings.js';

/** Bandit's Markup names, plus Jinja2's re-export (removed in Jinja2 3.1, common in Flask 1.x code). */
const MARKUP_NAMES = ['markupsafe.Markup', 'flask.Markup', 'jinja2.Markup'];

/** Calls whose result is escaped, sanitised or rendered with autoescaping, and therefore safe to wrap in Markup. */
const ESCAPING_CALLS = new Set([
  'markupsafe.escape',
  'markupsafe.escape_silent',
  'markupsafe.Markup.escape',
  'flask.Markup.escape',
  'flask.escape',
  'jinja2.escape',
  'html.escape',
  ...DJANGO_ESCAPING_CALLS,
  'bleach.clean',
  'bleach.linkify',
  'nh3.clean',
  'flask.render_template',
  'flask.render_template_string',
]);

const EXTEND_MARKUP_NAMES = {
  name: 'extend_markup_names',
  type: 'string-list',
  default: [],
  description: 'Qualified names of more Markup-like classes to check, in addition to markupsafe.Markup and flask.Markup.',
} as const satisfies RuleOptionSpec;
const ALLOWED_CALLS = {
  name: 'allowed_calls',
  type: 'string-list',
  default: [],
  description: 'Qualified names of functions whose result is safe HTML (a project sanitiser, for instance).',
} as const satisfies RuleOptionSpec;

export default definePythonRule({
  meta: {
    code: 'PY704',
    name: 'markupsafe-markup-non-literal',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: ['B704'],
    status: 'stable',
    summary: 'markupsafe.Markup() marks a value that may contain unescaped user input as safe HTML.',
    fix: 'Escape the values first: build the HTML with Markup("<b>{}</b>").format(value) or markupsafe.escape(), not Markup() on a formatted string.',
    docs: {
      whatItDoes:
        'Reports `markupsafe.Markup(...)` and `flask.Markup(...)` (also Jinja2\'s old re-export, and the names in ' +
        'the `extend_markup_names` option) whose argument is not known to be safe. Quieter than Bandit, which ' +
        'reports every non-literal argument: text built only from literals and numbers, `escape()`, ' +
        '`format_html()`, `bleach.clean()` or `render_template()` results, the calls listed in the `allowed_calls` ' +
        'option, and local names only assigned such values are not reported.',
      whyItMatters:
        '`Markup` tells Jinja2 (and Django templates, which honour `__html__`) that a string is trusted HTML, so ' +
        'autoescaping skips it. If any part of it comes from a user (a display name, a comment, a query parameter), ' +
        'their `<script>` renders as-is: stored or reflected cross-site scripting that can steal sessions and act ' +
        'as the victim.',
      example: {
        bad: [
          'from markupsafe import Markup',
          '',
          'def badge(user):',
          '    return Markup(f"<span class=\\"badge\\">{user.display_name}</span>")',
        ].join('\n'),
        good: [
          'from markupsafe import Markup',
          '',
          'def badge(user):',
          '    return Markup("<span class=\\"badge\\">{}</span>").format(user.display_name)',
        ].join('\n'),
      },
      howToFix:
        'Wrap only constant markup in `Markup` and let it escape the values: `Markup("<b>{}</b>").format(value)`, ' +
        '`Markup("<b>%s</b>") % value` and `Markup(", ").join(items)` all escape their arguments. Otherwise escape ' +
        'each value with `markupsafe.escape()` before concatenating. For HTML that users may format, sanitise it ' +
        'with an allow-list sanitiser (`nh3.clean`, `bleach.clean`) before marking it safe.',
      references: [
        { title: 'MarkupSafe: Markup', url: 'https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup' },
        { title: 'Jinja2: working with automatic escaping', url: 'https://jinja.palletsprojects.com/en/stable/templates/#working-with-automatic-escaping' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'Bandit B704: markupsafe_markup_xss', url: 'https://bandit.readthedocs.io/en/latest/plugins/b704_markupsafe_markup_xss.html' },
      ],
      limitations:
        'Values are followed through assignments within one function or module; a parameter is always reported. ' +
        'Options (Bandit\'s `markupsafe_xss` block): `extend_markup_names` adds qualified names of other Markup ' +
        'classes, `allowed_calls` adds qualified names of functions whose result is safe.',
    },
    options: [EXTEND_MARKUP_NAMES, ALLOWED_CALLS],
  },
  create(context) {
    const { module } = context;
    const extra = stringListOption(context.options, EXTEND_MARKUP_NAMES);
    const allowed = new Set(stringListOption(context.options, ALLOWED_CALLS));
    const markupNames = new Set([...MARKUP_NAMES, ...extra]);
    const visiting = new Set<ReadonlyArray<PyNode | null>>();

    const check = (node: PyNode, name: string): void => {
      const argument = module.argument(node, 0, 'base');
      if (!argument || isSafe(argument, 0)) return;
      const callee = name.split('.').pop()!;
      context.report({
        node,
        message: `${callee}() on a value that is not a constant or escaped (\`${abbreviate(module.text(argument))}\`); its content bypasses autoescaping`,
      });
    };

    const visitors: Record<string, (node: PyNode) => void> = {};
    for (const name of markupNames) visitors[`call:${name}`] = (node) => check(node, name);
    return visitors;

    /** Built only from constants and escaped values? */
    function isSafe(input: PyNode, depth: number): boolean {
      if (depth > 12) return false;
      const node = unwrap(input);
      if (isConstantText(node, module)) return true;
      const next = depth + 1;
      switch (node.type) {
        case 'string':
        case 'concatenated_string':
          return interpolatedExpressions(node, module)?.every((expression) => isSafe(expression, next)) ?? false;
        case 'binary_operator': {
          const left = field(node, 'left');
          const right = field(node, 'right');
          if (!left || !right || (node.ops?.[0] !== '+' && node.ops?.[0] !== '%')) return false;
          if (!isSafe(left, next)) return false;
          const target = unwrap(right);
          const values = node.ops[0] === '%' && target.type === 'tuple' ? target.children : node.ops[0] === '%' && target.type === 'dictionary' ? target.children.map((p) => field(p, 'value') ?? p) : [right];
          return values.every((v) => v.type === 'comment' || isSafe(v, next));
        }
        case 'conditional_expression': {
          const branches = node.children.filter((c) => c.type !== 'comment');
          return branches.length === 3 && isSafe(branches[0]!, next) && isSafe(branches[2]!, next);
        }
        case 'list':
        case 'tuple':
          return node.children.every((c) => c.type === 'comment' || isSafe(c, next));
        case 'generator_expression':
        case 'list_comprehension': {
          const body = field(node, 'body');
          return body !== undefined && isSafe(body, next);
        }
        case 'call': {
          const qualified = module.qualifiedName(node);
          if (qualified && (ESCAPING_CALLS.has(qualified) || allowed.has(qualified) || markupNames.has(qualified))) return true;
          const fn = field(node, 'function');
          if (fn?.type !== 'attribute') return false;
          const method = field(fn, 'attribute');
          const receiver = field(fn, 'object');
          if (!method || !receiver || (module.text(method) !== 'format' && module.text(method) !== 'join')) return false;
          const argumentList = field(node, 'arguments');
          const args = argumentList?.type === 'generator_expression' ? [argumentList] : (argumentList?.children ?? []);
          return isSafe(receiver, next) && args.every((a) => a.type === 'comment' || isSafe(a.type === 'keyword_argument' ? (field(a, 'value') ?? a) : a, next));
        }
        case 'identifier': {
          const values = assignedValues(node, module);
          if (!values || values.length === 0) return false;
          // `html = html + escape(x)`: safe when every other contribution is.
          if (visiting.has(values)) return true;
          visiting.add(values);
          try {
            return values.every((value) => value !== null && isSafe(value, next));
          } finally {
            visiting.delete(values);
          }
        }
        default:
          return false;
      }
    }
  },
});
