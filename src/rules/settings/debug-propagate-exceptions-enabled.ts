import { defineProjectRule } from '../../core/rule.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

/**
 * Values whose truth is the setting's: an imported name the evaluator cannot see into (`from local_settings import
 * FLAG`) is modelled as a callable, which is always true, so it is not judged.
 */
const PLAIN = new Set(['bool', 'int', 'float', 'str', 'none']);

export default defineProjectRule({
  meta: {
    code: 'SET217',
    name: 'debug-propagate-exceptions-enabled',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [209, 248],
    owasp: ['A05:2021-Security Misconfiguration', 'A09:2021-Security Logging and Monitoring Failures'],
    aliases: [],
    status: 'stable',
    summary: 'DEBUG_PROPAGATE_EXCEPTIONS is true in production, so exceptions bypass Django\'s error handling.',
    fix: 'Remove DEBUG_PROPAGATE_EXCEPTIONS from the production settings (its default is False).',
    docs: {
      whatItDoes:
        'Reports a production settings module whose final `DEBUG_PROPAGATE_EXCEPTIONS` is true in Python\'s sense ' +
        '(`True`, a non-zero number, a non-empty string such as `"False"`), including when it comes from the ' +
        'default of an environment read. Django\'s `check --deploy` does not look at this setting.',
      whyItMatters:
        'Normally an unhandled exception in a view becomes a 500 response rendered by `handler500`, is logged ' +
        'through `django.request` (and mailed to `ADMINS`), and the `got_request_exception` signal fires. With ' +
        '`DEBUG_PROPAGATE_EXCEPTIONS = True` Django re-raises the exception to the WSGI or ASGI server instead. What ' +
        'the client then sees is up to the server: several (the development servers, some uWSGI and Gunicorn ' +
        'configurations, test harnesses) print the traceback — file paths, code lines, sometimes local values — into ' +
        'the response or an error page, and the project\'s own error page, logging and alerting are skipped, so ' +
        'failures in production go unnoticed.',
      example: {
        bad: ['# settings/production.py', 'DEBUG = False', 'DEBUG_PROPAGATE_EXCEPTIONS = True  # to see errors in the server log'].join('\n'),
        good: ['# settings/production.py', 'DEBUG = False', '# DEBUG_PROPAGATE_EXCEPTIONS keeps its default (False); errors go to LOGGING and ADMINS'].join('\n'),
      },
      howToFix:
        'Delete the setting from the production settings, or set it to `False`. To see errors, configure `LOGGING` ' +
        '(a handler for the `django.request` logger), `ADMINS` e-mails or an error tracker such as Sentry; they ' +
        'receive the exception without exposing it to the client. Reserve the setting for test suites that need ' +
        'exceptions to reach the test client.',
      references: [
        { title: 'Django settings: DEBUG_PROPAGATE_EXCEPTIONS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#debug-propagate-exceptions' },
        { title: 'Django: error reporting', url: 'https://docs.djangoproject.com/en/stable/howto/error-reporting/' },
        { title: 'CWE-209: Generation of Error Message Containing Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/209.html' },
        { title: 'OWASP A05:2021 Security Misconfiguration', url: 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/' },
      ],
      limitations: 'Whether the server in front of Django shows the traceback to clients is not known statically; the finding is about the setting.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const setting = settings.get('DEBUG_PROPAGATE_EXCEPTIONS');
      if (setting.source !== 'assigned' || !PLAIN.has(setting.value.t) || truthy(setting.value) !== true) return;
      const quirk = setting.value.t === 'str' ? ' (a non-empty string, which Python treats as true)' : '';
      report({
        setting: 'DEBUG_PROPAGATE_EXCEPTIONS',
        message: `DEBUG_PROPAGATE_EXCEPTIONS is ${display(setting.value)}${quirk} in production: exceptions escape Django's error handling, logging and handler500 and reach the WSGI/ASGI server, which may show the traceback to the client`,
        lines: ['DEBUG_PROPAGATE_EXCEPTIONS = False'],
      });
    });
  },
});
