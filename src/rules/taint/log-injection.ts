import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import type { CallView, SinkArgument, SinkMatch } from '../../taint/spec.js';

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);

/** Receiver types of loggers: `logging.getLogger(...)`, its children, adapters, the root logger. */
const LOGGER_TYPE = /^logging\.(getLogger\(\)(\.getChild\(\))?|Logger\(\)|LoggerAdapter\(\)|root|getLoggerClass\(\)\(\))$/;
/** Loggers Django defines (`django.utils.log.request_logger`). */
const DJANGO_LOGGERS = /^django\.utils\.log\.request_logger\.\w+$/;
/** Receivers named like a logger: `logger`, `log`, `LOGGER`, `self.logger`, `audit_logger`. */
const LOGGER_NAME = /^_*(logger|log|LOGGER|LOG|Logger)$|_(logger|log|LOGGER|LOG)$/;

/** How sure the call is a logging call: high for known loggers, medium for receivers named like one. */
function loggerConfidence(call: CallView): 'high' | 'medium' | undefined {
  const callee = call.callee ?? '';
  if (/^logging\.\w+$/.test(callee) || DJANGO_LOGGERS.test(callee)) return 'high';
    const types = call.receiverTypes;
  if (types.some((type) => LOGGER_TYPE.test(type))) return 'high';
  const receiver = call.receiver;
  if (!receiver) return undefined;
  const name = receiver.type === 'identifier' ? call.module.text(receiver) : receiver.type === 'attribute' ? call.module.text(field(receiver, 'attribute')!) : '';
  return LOGGER_NAME.test(name) ? 'medium' : undefined;
}

/** A `%` conversion of a format string: the mapping key (if any) and the conversion character. */
interface Conversion {
  key?: string;
  type: string;
}

/** The conversions of a `%`-format string, or null when it consumes arguments in ways not followed (`%*d`). */
function conversions(format: string): Conversion[] | null {
  const out: Conversion[] = [];
  for (const match of format.matchAll(/%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g)) {
    if (match[5] === '%') continue;
    if (match[3] === '*' || match[4] === '*') return null;
    out.push({ ...(match[1] !== undefined ? { key: match[1] } : {}), type: match[5]! });
  }
  return out;
}

/** Conversions that write text as it is; `%r` / `%a` write repr(), which escapes line breaks; numbers are numbers. */
function verbatim(type: string): boolean {
  return type === 's' || type === 'c';
}

/** The values formatted into a `%`-format string: those written verbatim. */
function formatted(format: string, values: PyNode[]): PyNode[] {
  const list = conversions(format);
  if (list === null) return values;
  if (list.some((c) => c.key !== undefined)) return list.some((c) => verbatim(c.type)) ? values.slice(0, 1) : [];
  if (list.length !== values.length) return values;
  return values.filter((_, index) => verbatim(list[index]!.type));
}

function unwrap(node: PyNode): PyNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.children[0]) current = current.children[0];
  return current;
}

/** The parts of a log message that carry data verbatim. */
function messageParts(module: PythonModule, message: PyNode): PyNode[] {
  const node = unwrap(message);
  if (node.type === 'string' && node.children.some((c) => c.type === 'interpolation')) {
    // f"…{value}…": `{value!r}` writes repr(value).
    return node.children
      .filter((child) => child.type === 'interpolation')
      .filter((child) => !child.children.some((c) => c.type === 'type_conversion' && /^!(r|a)$/.test(module.text(c))))
      .map((child) => field(child, 'expression'))
      .filter((expression): expression is PyNode => expression !== undefined);
  }
  if (node.type === 'binary_operator' && node.ops?.[0] === '%') {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const format = left ? module.literal(left) : undefined;
    if (format?.kind === 'str' && right) {
      const values = unwrap(right);
      return formatted(format.value, values.type === 'tuple' ? values.children.filter((c) => c.type !== 'comment') : [values]);
    }
  }
  return [message];
}

function logMatch(call: CallView): SinkMatch | undefined {
  const method = call.method ?? call.callee?.split('.').pop();
  if (!method || !LOG_METHODS.has(method)) return undefined;
  const confidence = loggerConfidence(call);
  if (!confidence) return undefined;
  const messageIndex = method === 'log' ? 1 : 0;
  const message = call.argument(messageIndex, 'msg');
  if (!message) return undefined;
  const lazy = call.module.positionalArgs(call.node).slice(messageIndex + 1);
  const format = call.module.literal(message);
  const nodes = format?.kind === 'str' ? (lazy.length > 0 ? formatted(format.value, lazy) : []) : [...messageParts(call.module, message), ...lazy];
  const args: SinkArgument[] = nodes.map((node) => ({ node }));
  if (args.length === 0) return undefined;
  return { args, note: `the message logged by ${method}()`, ...(confidence === 'medium' ? { maxConfidence: 'medium' as const } : {}) };
}

export default defineTaintRule({
  meta: {
    code: 'TNT012',
    name: 'log-injection',
    family: 'taint',
    severity: 'info',
    confidence: 'high',
    cwe: [117],
    owasp: ['A09:2021-Security Logging and Monitoring Failures'],
    aliases: [],
    status: 'stable',
    summary: 'Request data is written verbatim into a log message, where line breaks let a client forge log entries.',
    fix: 'Log request values with %r (or repr()) so that line breaks are escaped, or strip CR/LF from them before logging.',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments) ' +
        'through assignments, string building, helper functions and other modules, and reports it when it is ' +
        'written verbatim into a log message: the message of `logging.debug/info/warning/error/exception/critical/log` ' +
        'and of the same methods on loggers (`logging.getLogger(...)`, module-level or local, children and ' +
        'adapters), whether it is formatted into the message (f-string, `%`, `+`, `.format()`) or passed as a lazy ' +
        '`%s` argument (`logger.info("user %s", name)`), which `logging` also writes as it is. Values logged with ' +
        '`%r` / `!r` (repr escapes line breaks), numbers (`%d`, `int()`), values passed in `extra=`, and values ' +
        'escaped with `repr()`, `json.dumps()` or `urllib.parse.quote()` are not reported. Calls on receivers that ' +
        'are only named like a logger (`self.logger`, a `log` parameter) are reported at medium confidence.',
      whyItMatters:
        'Python\'s `logging` does not escape anything: a value containing `\\n` starts a new line in a plain-text ' +
        'log, so `?q=x%0A2024-05-01 12:00:00 INFO admin logged in from 10.0.0.1` adds a fake entry that looks like ' +
        'the application\'s own. Forged lines mislead incident response and audit trails, hide an attack among ' +
        'invented entries, and can trigger log-based alerting or automation. Terminal escape sequences in the ' +
        'value also reach whoever tails the log. The severity is informational: the flaw damages the integrity of ' +
        'logs, not the application itself.',
      example: {
        bad:
          'logger = logging.getLogger(__name__)\n' +
          '\n' +
          'def login_view(request):\n' +
          '    username = request.POST.get("username", "")\n' +
          '    if not authenticate(request, username=username, password=request.POST.get("password")):\n' +
          '        logger.warning(f"Failed login for {username}")',
        good:
          'logger = logging.getLogger(__name__)\n' +
          '\n' +
          'def login_view(request):\n' +
          '    username = request.POST.get("username", "")\n' +
          '    if not authenticate(request, username=username, password=request.POST.get("password")):\n' +
          '        logger.warning("Failed login for %r", username)',
      },
      howToFix:
        'Log client values with `%r` (lazy: `logger.info("search %r", q)`) or `{q!r}`: repr() quotes the value and ' +
        'escapes line breaks and control characters. Alternatively remove CR and LF (`q.replace("\\r", "").replace(' +
        '"\\n", "")`), or use a structured (JSON) log formatter, which escapes every value. Keep user values out of ' +
        'the format string itself.',
      references: [
        { title: 'Django: Logging', url: 'https://docs.djangoproject.com/en/stable/topics/logging/' },
        { title: 'Python: logging — optimization and lazy formatting', url: 'https://docs.python.org/3/howto/logging.html#optimization' },
        { title: 'CWE-117: Improper Output Neutralization for Logs', url: 'https://cwe.mitre.org/data/definitions/117.html' },
        { title: 'OWASP Logging Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html' },
        { title: 'CodeQL: py/log-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-log-injection/' },
      ],
      limitations:
        'Removing line breaks with `str.replace()` is not recognised as a fix (only calls like `repr()` are), so ' +
        'such code is still reported; log with `%r` instead. A logging configuration with a formatter that escapes ' +
        'values (JSON) makes these findings moot; the analysis does not read it. `print()` and third-party loggers ' +
        '(structlog, loguru) are not sinks.',
    },
  },
  sinks: {
    callees: [...LOG_METHODS].map((method) => `logging.${method}`),
    methods: [...LOG_METHODS],
    match: logMatch,
  },
  sanitizers: ['repr', 'ascii', 'json.dumps', 'urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.urlencode'],
  // A forged log entry needs a line break.
  attackCharacters: '\n\r',
  // Without line feeds a message stays on one line: `.replace("\n", " ")` is the usual fix.
  removedCharacters: '\n',
});
