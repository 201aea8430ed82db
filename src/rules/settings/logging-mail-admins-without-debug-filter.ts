import { defineProjectRule } from '../../core/rule.js';
import { checkSettings } from '../../settings/report.js';
import { FALSE, dictGet, pyRepr, truthy, type Value } from '../../settings/value.js';

const ADMIN_EMAIL_HANDLER = 'django.utils.log.AdminEmailHandler';
const REQUIRE_DEBUG_FALSE = 'django.utils.log.RequireDebugFalse';
/** Filter factories whose behaviour is known: none of them stops mail when DEBUG is on. */
const KNOWN_OTHER_FILTERS = new Set(['django.utils.log.RequireDebugTrue', 'logging.Filter']);

type FilterVerdict = 'has' | 'lacks' | 'unknown';

export default defineProjectRule({
  meta: {
    code: 'SET221',
    name: 'logging-mail-admins-without-debug-filter',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [532, 209],
    owasp: ['A09:2021-Security Logging and Monitoring Failures', 'A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'A LOGGING handler mails errors to ADMINS without the RequireDebugFalse filter, or with include_html on.',
    fix: 'Give the AdminEmailHandler handler "filters": ["require_debug_false"] (a {"()": "django.utils.log.RequireDebugFalse"} filter) and leave include_html off.',
    docs: {
      whatItDoes:
        'Looks at the `LOGGING` dictionary of each production settings module and reports every handler whose ' +
        'class is `django.utils.log.AdminEmailHandler` when none of its `filters` is a ' +
        '`django.utils.log.RequireDebugFalse` filter, or when it sets `include_html` to a true value. Filters ' +
        'ponyguard cannot identify (a project class, a `CallbackFilter`) are given the benefit of the doubt. ' +
        'Django\'s own default logging configuration has the filter; this rule is about projects that redefine the ' +
        '`mail_admins` handler (or add their own) in `LOGGING`.',
      whyItMatters:
        'AdminEmailHandler mails every 5xx error and every `django.request`/`django.security` error record to the ' +
        'addresses in `ADMINS`, with the request\'s headers, cookies, GET and POST data (only what ' +
        '`sensitive_variables`/`sensitive_post_parameters` mark is filtered). Without `RequireDebugFalse` it also ' +
        'does so when DEBUG is on — from developers\' machines, CI runs and staging copies that use production ' +
        'mail settings — so real users\' data and session cookies end up in inboxes outside production controls. ' +
        'With `include_html = True` each e-mail carries the full debug page: local variables of every frame and the ' +
        'settings, a far larger disclosure through a channel (mail servers, mailbox providers, forwarding rules) ' +
        'that keeps copies forever.',
      example: {
        bad: [
          'LOGGING = {',
          '    "version": 1,',
          '    "handlers": {',
          '        "mail_admins": {',
          '            "level": "ERROR",',
          '            "class": "django.utils.log.AdminEmailHandler",',
          '            "include_html": True,',
          '        },',
          '    },',
          '    "loggers": {"django.request": {"handlers": ["mail_admins"], "level": "ERROR"}},',
          '}',
        ].join('\n'),
        good: [
          'LOGGING = {',
          '    "version": 1,',
          '    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},',
          '    "handlers": {',
          '        "mail_admins": {',
          '            "level": "ERROR",',
          '            "class": "django.utils.log.AdminEmailHandler",',
          '            "filters": ["require_debug_false"],',
          '        },',
          '    },',
          '    "loggers": {"django.request": {"handlers": ["mail_admins"], "level": "ERROR"}},',
          '}',
        ].join('\n'),
      },
      howToFix:
        'Define a filter with `"()": "django.utils.log.RequireDebugFalse"` under `LOGGING["filters"]` (the ' +
        'filters of Django\'s default configuration are not visible to your own `LOGGING`) and list it in the ' +
        'handler\'s `"filters"`. Remove `include_html` (it defaults to False). Consider an error tracker that ' +
        'scrubs data (Sentry with `send_default_pii = False`) instead of mailing tracebacks at all, and mark views ' +
        'that handle secrets with `@sensitive_post_parameters` / `@sensitive_variables`.',
      references: [
        { title: 'Django: logging — AdminEmailHandler', url: 'https://docs.djangoproject.com/en/stable/ref/logging/#adminemailhandler' },
        { title: 'Django: logging — RequireDebugFalse', url: 'https://docs.djangoproject.com/en/stable/ref/logging/#django.utils.log.RequireDebugFalse' },
        { title: 'Django: error reporting and filtering sensitive information', url: 'https://docs.djangoproject.com/en/stable/howto/error-reporting/#filtering-error-reports' },
        { title: 'CWE-532: Insertion of Sensitive Information into Log File', url: 'https://cwe.mitre.org/data/definitions/532.html' },
        { title: 'OWASP Logging Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html' },
      ],
      limitations:
        'The finding is at the `LOGGING` assignment, also when a later statement changed the handler. Handlers ' +
        'configured outside `LOGGING` (`LOGGING_CONFIG = None` with manual setup) are not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const logging = settings.get('LOGGING');
      if (logging.source !== 'assigned' || logging.value.t !== 'dict') return;
      const config = settings.get('LOGGING_CONFIG');
      if (config.source === 'assigned' && config.value.t === 'none') return; // Django does not apply LOGGING
      const handlers = dictGet(logging.value, 'handlers');
      if (!handlers || handlers.t !== 'dict') return;
      const filters = dictGet(logging.value, 'filters');
      for (const [name, handler] of handlers.entries) {
        if (name.t !== 'str' || handler.t !== 'dict' || factoryName(handler, '()', 'class') !== ADMIN_EMAIL_HANDLER) continue;
        const verdict = filterVerdict(handler, filters);
        const includeHtml = dictGet(handler, 'include_html') ?? FALSE;
        // Only plain values: an imported name the evaluator cannot see into is modelled as an (always true) callable.
        const html = ['bool', 'int', 'str', 'none'].includes(includeHtml.t) ? truthy(includeHtml) : undefined;
        const problems: string[] = [];
        if (verdict === 'lacks') problems.push('has no django.utils.log.RequireDebugFalse filter, so error reports with request data are mailed also when DEBUG is on');
        if (html === true) problems.push('sets include_html, so every error e-mail carries the full debug page (local variables, settings)');
        if (problems.length === 0) continue;
        const fixes: string[] = [];
        if (verdict === 'lacks') fixes.push(`add "filters": ["require_debug_false"] to the ${pyRepr(name.v)} handler, with "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"} under LOGGING["filters"]`);
        if (html === true) fixes.push(`remove "include_html" from the ${pyRepr(name.v)} handler`);
        report({
          setting: 'LOGGING',
          message: `LOGGING handler ${pyRepr(name.v)} (AdminEmailHandler) ${problems.join(', and ')}`,
          fix: `In the LOGGING of ${settings.path}: ${fixes.join('; ')}.`,
          ...(html === true ? { severity: 'medium' as const } : {}),
        });
      }
    });
  },
});

/** The dotted factory of a dictConfig entry: the first of its keys present, a string or an imported callable. */
function factoryName(config: Value, ...keys: string[]): string | undefined {
  const value = keys.map((key) => dictGet(config, key)).find((v) => v !== undefined);
  if (!value) return undefined;
  if (value.t === 'str') return value.v;
  if (value.t === 'func') return value.name;
  return undefined;
}

/** Does the handler reference a RequireDebugFalse filter? 'unknown' when a filter cannot be identified. */
function filterVerdict(handler: Value, filters: Value | undefined): FilterVerdict {
  const names = dictGet(handler, 'filters');
  if (!names || names.t === 'none') return 'lacks';
  if (names.t !== 'list' && names.t !== 'tuple') return 'unknown';
  let unsure = false;
  for (const item of names.items) {
    if (item.t !== 'str') {
      unsure = true;
      continue;
    }
    const definition = filters ? dictGet(filters, item.v) : undefined;
    // A name the LOGGING does not define makes dictConfig fail at start-up: nothing is mailed; not this rule.
    if (!definition || definition.t !== 'dict') {
      unsure = true;
      continue;
    }
    // Without `()` dictConfig builds a plain logging.Filter(name).
    const factory = dictGet(definition, '()') ? factoryName(definition, '()') : 'logging.Filter';
    if (factory === REQUIRE_DEBUG_FALSE) return 'has';
    if (factory === undefined || !KNOWN_OTHER_FILTERS.has(factory)) unsure = true;
  }
  return unsure ? 'unknown' : 'lacks';
}
