import { defineProjectRule } from '../../core/rule.js';
import { AXES_BACKEND, AXES_MIDDLEWARE, authSettings, isAxesBackend } from '../../hardening/auth-settings.js';
import { middlewareSetting } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { pyRepr, stringItems } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'HRD003',
    name: 'axes-misconfigured',
    family: 'hardening',
    severity: 'high',
    confidence: 'high',
    cwe: [307],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A05:2021-Security Misconfiguration'],
    aliases: ['axes.W002', 'axes.W003'],
    status: 'preview',
    summary: 'django-axes is installed but not wired: its backend is missing from AUTHENTICATION_BACKENDS or not first (a correct guess logs in despite a lockout), or its middleware is missing.',
    fix: "Put 'axes.backends.AxesStandaloneBackend' first in AUTHENTICATION_BACKENDS and 'axes.middleware.AxesMiddleware' last in MIDDLEWARE.",
    docs: {
      whatItDoes:
        'For a production settings module with `axes` in `INSTALLED_APPS`, reports `AUTHENTICATION_BACKENDS` when no ' +
        'axes backend (`axes.backends.AxesStandaloneBackend`, or the legacy `AxesBackend`) is in it (django-axes\' ' +
        'own check `axes.W003`) or when one is there but not first (high severity), and `MIDDLEWARE` when ' +
        '`axes.middleware.AxesMiddleware` is missing (`axes.W002`, low severity). `SILENCED_SYSTEM_CHECKS` is honoured.',
      whyItMatters:
        'django-axes records failures through Django\'s `user_login_failed` signal, but it refuses a locked-out ' +
        'login in its authentication backend. When that backend is missing, or comes after `ModelBackend`, the ' +
        'model backend accepts the right password before axes is asked: an attacker who keeps guessing after the ' +
        'lockout still gets in on the right guess, so the lockout limits nothing. Without the middleware a ' +
        'locked-out login still fails, but the client gets an ordinary "wrong password" page instead of the lockout ' +
        'response (and the 429/403 status monitoring relies on).',
      example: {
        bad: [
          'INSTALLED_APPS += ["axes"]',
          'AUTHENTICATION_BACKENDS = [',
          '    "django.contrib.auth.backends.ModelBackend",',
          '    "axes.backends.AxesStandaloneBackend",',
          ']',
        ].join('\n'),
        good: [
          'INSTALLED_APPS += ["axes"]',
          'MIDDLEWARE += ["axes.middleware.AxesMiddleware"]',
          'AUTHENTICATION_BACKENDS = [',
          '    "axes.backends.AxesStandaloneBackend",',
          '    "django.contrib.auth.backends.ModelBackend",',
          ']',
        ].join('\n'),
      },
      howToFix:
        'List `axes.backends.AxesStandaloneBackend` first in `AUTHENTICATION_BACKENDS` (set the setting if the ' +
        'project relies on Django\'s default, which holds only `ModelBackend`), and add ' +
        '`axes.middleware.AxesMiddleware` at the end of `MIDDLEWARE`. Run `manage.py check`: django-axes reports ' +
        'W002/W003 itself.',
      references: [
        { title: 'django-axes: installation', url: 'https://django-axes.readthedocs.io/en/latest/2_installation.html' },
        { title: 'django-axes: checks (axes.W002, axes.W003)', url: 'https://django-axes.readthedocs.io/en/latest/3_usage.html' },
        { title: 'Django: authentication backends', url: 'https://docs.djangoproject.com/en/stable/topics/auth/customizing/#specifying-authentication-backends' },
        { title: 'CWE-307: Improper Restriction of Excessive Authentication Attempts', url: 'https://cwe.mitre.org/data/definitions/307.html' },
      ],
      limitations:
        'A project backend that subclasses the axes backend under another name is not recognised as one. ' +
        'AXES_ENABLED = False is reported by HRD005.',
    },
  },
  check(context) {
    checkSettings(context, (snapshot, report) => {
      const axes = authSettings(snapshot).axes;
      if (axes.installed !== true) return;
      const others = (axes.backends ?? []).filter((b) => !isAxesBackend(b));
      const fixed = `AUTHENTICATION_BACKENDS = [${[AXES_BACKEND, ...others].map(pyRepr).join(', ')}]`;
      if (axes.backend === 'missing') {
        const assigned = snapshot.get('AUTHENTICATION_BACKENDS').source === 'assigned';
        report({
          setting: 'AUTHENTICATION_BACKENDS',
          message: `django-axes is installed but ${assigned ? 'AUTHENTICATION_BACKENDS has' : "AUTHENTICATION_BACKENDS is not set, so Django's default has"} no axes backend: failures are recorded, but a locked-out client that guesses the right password still logs in`,
          lines: [fixed],
          djangoId: 'axes.W003',
          ...(assigned ? {} : { at: snapshot.get('INSTALLED_APPS').at ?? 'module' }),
        });
      } else if (axes.backend === 'not-first') {
        const first = axes.backends?.[0] ?? '?';
        report({
          setting: 'AUTHENTICATION_BACKENDS',
          message: `django-axes' backend is not first in AUTHENTICATION_BACKENDS: ${pyRepr(first)} accepts a correct password before axes is asked, so the lockout never stops a right guess`,
          lines: [fixed],
        });
      }
      if (axes.middleware === false) {
        const name = middlewareSetting(snapshot);
        const items = stringItems(snapshot.get(name).value) ?? [];
        report({
          setting: name,
          message: `django-axes is installed but '${AXES_MIDDLEWARE}' is not in ${name}: locked-out clients get an ordinary login failure instead of axes' lockout response`,
          lines: [`${name} = [${[...items, AXES_MIDDLEWARE].map(pyRepr).join(', ')}]`],
          severity: 'low',
          djangoId: 'axes.W002',
        });
      }
    });
  },
});
