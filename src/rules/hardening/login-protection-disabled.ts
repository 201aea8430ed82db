import { defineProjectRule } from '../../core/rule.js';
import { authAnalysis } from '../../hardening/auth-coverage.js';
import { ratelimitUse } from '../../hardening/auth-entry-points.js';
import { appInstalled, authSettings } from '../../hardening/auth-settings.js';
import { checkSettings } from '../../settings/report.js';

export default defineProjectRule({
  meta: {
    code: 'HRD005',
    name: 'login-protection-disabled',
    family: 'hardening',
    severity: 'high',
    confidence: 'high',
    cwe: [307],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'A login protection the project installs is switched off in production settings (AXES_ENABLED = False, RATELIMIT_ENABLE = False, allauth rate limits off).',
    fix: 'Remove the switch from the production settings (keep it only in test settings), so the lockout or rate limit applies.',
    docs: {
      whatItDoes:
        'Reports, in a production settings module, `AXES_ENABLED = False` when django-axes is installed, ' +
        '`RATELIMIT_ENABLE = False` when django-ratelimit is used (its decorator appears in the code, or the app is ' +
        'installed), and django-allauth\'s login or password-reset limit turned off — `ACCOUNT_RATE_LIMITS = False`, ' +
        'a falsy `"login_failed"` / `"reset_password"` entry, or `ACCOUNT_LOGIN_ATTEMPTS_LIMIT = None` in older ' +
        'versions — when allauth is installed. The finding is at the assignment (or the default of the environment ' +
        'variable that decides it).',
      whyItMatters:
        'These switches exist for test suites, which would otherwise lock themselves out. Left on in production ' +
        'they silently remove the protection the rest of the configuration promises: every decorator and every ' +
        'lockout setting stays in place and looks right, while passwords can be guessed without limit.',
      example: {
        bad: ['# settings/production.py', 'from .base import *', 'AXES_ENABLED = False  # copied from the test settings'].join('\n'),
        good: ['# settings/test.py', 'from .base import *', 'AXES_ENABLED = False  # tests log in many times'].join('\n'),
      },
      howToFix:
        'Delete the assignment from the production settings (the packages default to enabled) and set it only in ' +
        'the settings module the tests use. When an environment variable decides it, make the default the enabled ' +
        'value so that a missing variable keeps the protection on.',
      references: [
        { title: 'django-axes: configuration (AXES_ENABLED)', url: 'https://django-axes.readthedocs.io/en/latest/4_configuration.html' },
        { title: 'django-ratelimit: settings (RATELIMIT_ENABLE)', url: 'https://django-ratelimit.readthedocs.io/en/stable/settings.html' },
        { title: 'django-allauth: rate limits', url: 'https://docs.allauth.org/en/latest/account/rate_limits.html' },
        { title: 'CWE-307: Improper Restriction of Excessive Authentication Attempts', url: 'https://cwe.mitre.org/data/definitions/307.html' },
      ],
    },
  },
  check(context) {
    const ratelimitUsed = ratelimitUse(context.project) !== undefined;
    const analysis = authAnalysis(context.project);
    checkSettings(context, (snapshot, report) => {
      const settings = authSettings(snapshot);
      if (settings.axes.installed === true && settings.axes.enabled === false) {
        report({
          setting: 'AXES_ENABLED',
          message: 'AXES_ENABLED is False: django-axes is installed but neither counts failed logins nor locks anyone out',
          lines: ['AXES_ENABLED = True  # or remove the line; disable axes in the test settings only'],
        });
      }
      if (settings.ratelimit.enabled === false && (ratelimitUsed || appInstalled(snapshot, 'django_ratelimit') === true)) {
        report({
          setting: 'RATELIMIT_ENABLE',
          message: 'RATELIMIT_ENABLE is False: every @ratelimit decorator of the project lets all requests through',
          lines: ['RATELIMIT_ENABLE = True  # or remove the line; disable it in the test settings only'],
        });
      }
      const allauthUsed = settings.allauth.installed === true || analysis.bySnapshot.some((s) => s.settings.snapshot === snapshot && s.entries.some((c) => c.entry.package === 'allauth'));
      if (allauthUsed) {
        const login = settings.allauth.loginLimitDisabled;
        const reset = settings.allauth.resetLimitDisabled;
        if (login) {
          report({
            setting: login.setting,
            message: `${login.setting} turns off django-allauth's limit on failed logins${reset?.setting === login.setting ? ' (and on password-reset emails)' : ''}`,
            fix: login.setting === 'ACCOUNT_RATE_LIMITS' ? 'Remove ACCOUNT_RATE_LIMITS (allauth\'s defaults limit failed logins), or give "login_failed" a rate such as "10/m/ip,5/5m/key".' : 'Remove ACCOUNT_LOGIN_ATTEMPTS_LIMIT (the default is 5 attempts), or set a small number.',
          });
        }
        if (reset && reset.setting !== login?.setting) {
          report({
            setting: reset.setting,
            message: `${reset.setting} turns off django-allauth's limit on password-reset emails`,
            fix: 'Give "reset_password" a rate such as "20/m/ip,5/m/key" in ACCOUNT_RATE_LIMITS, or remove the entry.',
            severity: 'low',
          });
        }
      }
    });
  },
});
