import { defineProbeRule } from '../../core/rule.js';
import { adminSignals } from '../../probe/django/signals.js';

/** Outcomes of the active login test that show a lockout or a throttle. */
const STOPPED = new Set(['axes', 'defender', 'drf-throttle', 'ratelimit', 'http-429', 'redirect']);

export default defineProbeRule({
  meta: {
    code: 'WEB052',
    name: 'admin-login-exposed',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [284, 307],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'preview',
    summary: 'Django\'s admin login page is reachable by anyone who can reach the site.',
    fix: 'Restrict the admin to trusted networks (at the proxy) or put it behind single sign-on or two-factor authentication, and add a lockout such as django-axes.',
    docs: {
      whatItDoes:
        'Reports the Django admin login page when the probe reached it: `/admin/` (redirected to its login page) or any ' +
        'other captured URL answering with the admin\'s login form (`id="login-form"` with `csrfmiddlewaretoken` or the ' +
        'admin\'s stylesheets; the title is configurable, so it is not relied upon). At Django\'s default `/admin/` path ' +
        'the severity is medium, at a renamed path low. When `--active` showed a lockout or throttle, the severity is low ' +
        'and the message says after how many attempts it came.',
      whyItMatters:
        'The admin is the most powerful login of a Django site: a staff account can read and change every registered ' +
        'model. A public login page takes credential stuffing and password guessing from the whole internet; Django ' +
        'itself has no lockout or rate limit, and `/admin/` is the first path every scanner tries.',
      example: {
        bad: ['GET /admin/ HTTP/1.1', '', 'HTTP/1.1 302 Found', 'Location: /admin/login/?next=/admin/', '', 'GET /admin/login/?next=/admin/ → 200 <form … id="login-form">'].join('\n'),
        good: ['# nginx in front of Django', 'location /admin/ {', '    allow 10.0.0.0/8;', '    deny all;', '    proxy_pass http://app;', '}'].join('\n'),
        language: 'http',
      },
      howToFix:
        'Serve the admin only to the networks that need it (an allow-list at the reverse proxy, a VPN, or a separate ' +
        'internal host), or require single sign-on or a second factor (django-otp). Add a lockout or throttle for failed ' +
        'logins (django-axes, django-defender) and check it with `ponyguard probe URL --active`. Renaming `/admin/` ' +
        'only removes the noise of automated scans.',
      references: [
        { title: 'Django: The Django admin site', url: 'https://docs.djangoproject.com/en/stable/ref/contrib/admin/' },
        { title: 'OWASP: Authentication Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html' },
        { title: 'django-axes documentation', url: 'https://django-axes.readthedocs.io/' },
        { title: 'CWE-307: Improper Restriction of Excessive Authentication Attempts', url: 'https://cwe.mitre.org/data/definitions/307.html' },
      ],
      limitations:
        'The probe sees what is reachable from where it runs: an admin restricted to the scanner\'s own network is ' +
        'reported too. A renamed admin is found only when a captured page leads to it (a redirect, a DEBUG page).',
    },
  },
  check(context) {
    const { site } = context;
    const outcome = site.active?.outcome;
    const protectedBy = outcome && STOPPED.has(outcome.kind) ? outcome : null;
    for (const admin of adminSignals(site)) {
      const where = admin.defaultPath ? 'at Django\'s default path /admin/, the first one scanners try' : `at ${admin.path}`;
      let tail = ' (run the probe with --active to see whether failed logins are throttled)';
      if (protectedBy) tail = `; failed logins were stopped after ${protectedBy.afterAttempts ?? '?'} attempt${protectedBy.afterAttempts === 1 ? '' : 's'} (${protectedBy.kind})`;
      else if (outcome?.kind === 'none') tail = `; ${outcome.detail}`;
      context.report({
        url: admin.url,
        message: `Django's admin login is reachable ${where}: ${admin.url}${tail}`,
        severity: protectedBy || !admin.defaultPath ? 'low' : 'medium',
        key: `admin ${admin.path}`,
        evidence: [`GET ${admin.requested} → 200 ${admin.url}`, `markers: ${admin.markers.join(', ')}`],
      });
    }
  },
});
