import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy, type Value } from '../../settings/value.js';

const ONE_YEAR = 31536000;
/** Half a year: below it the protection window is short enough to call medium. */
const HALF_YEAR = 15768000;

/** The max-age Django writes (`"max-age=%s" % SECURE_HSTS_SECONDS`) as a number, or null when it is not one. */
function maxAge(value: Value): number | null | undefined {
  if (value.t === 'unknown') return undefined;
  if (value.t === 'int' || value.t === 'float') return value.v;
  if (value.t === 'str' && /^\d+$/.test(value.v)) return Number(value.v);
  return null;
}

function duration(seconds: number): string {
  const units: Array<[number, string]> = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  const [size, unit] = units.find(([size]) => seconds >= size) ?? units[units.length - 1]!;
  const amount = Math.round((seconds / size) * 10) / 10;
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

export default defineProjectRule({
  meta: {
    code: 'SET202',
    name: 'hsts-max-age-short',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [319, 523],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'stable',
    summary: 'SECURE_HSTS_SECONDS is set but shorter than one year (31536000 seconds).',
    fix: 'Raise SECURE_HSTS_SECONDS to 31536000 (one year) once HTTPS works everywhere the header applies.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.middleware.security.SecurityMiddleware` is in ' +
        '`MIDDLEWARE` and `SECURE_HSTS_SECONDS` is set (non-zero) but below one year. Values under half a year are ' +
        'reported as medium, values between half a year and a year as low. A value that is not a number ' +
        '(`True`, `"1 year"`) is reported too: Django writes it verbatim into `max-age=…`, and browsers ignore a ' +
        'header they cannot parse. Django\'s `check --deploy` only warns when the value is zero (`security.W004`, ' +
        'ponyguard SET004); it accepts `SECURE_HSTS_SECONDS = 60` without comment.',
      whyItMatters:
        'HSTS protects a browser only for `max-age` seconds after its last visit. With a short value a user who ' +
        'comes back after a weekend, or a device that was offline for a while, is unprotected again: its first ' +
        'request can go out over plain HTTP and be intercepted (SSL stripping). One year is the common ' +
        'recommendation (Mozilla Observatory, OWASP) and the minimum the Chromium preload list accepts, so a short ' +
        'value also keeps the domain out of browsers\' built-in HSTS lists. Short values are meant for the ramp-up ' +
        'period while checking that every page and subdomain works over HTTPS.',
      example: {
        bad: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_HSTS_SECONDS = 3600  # one hour, left over from testing'].join('\n'),
        good: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_HSTS_SECONDS = 31536000  # one year'].join('\n'),
      },
      howToFix:
        'Increase `SECURE_HSTS_SECONDS` in steps (a day, a week, a month) while watching for mixed-content or ' +
        'certificate problems, and finish at `31536000` (one year) or more (two years, `63072000`, is what the ' +
        'preload list recommends). Browsers remember the header, so only raise the value once HTTPS is reliable on ' +
        'every host it covers.',
      references: [
        { title: 'Django: HTTP Strict Transport Security', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security' },
        { title: 'Django settings: SECURE_HSTS_SECONDS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds' },
        { title: 'MDN: Strict-Transport-Security', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security' },
        { title: 'HSTS preload list submission requirements', url: 'https://hstspreload.org/' },
        { title: 'OWASP HTTP Strict Transport Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations: 'A Strict-Transport-Security header set by a proxy or CDN instead of Django is invisible to a static scan.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const seconds = settings.get('SECURE_HSTS_SECONDS');
      if (seconds.source !== 'assigned' || truthy(seconds.value) !== true) return;
      const age = maxAge(seconds.value);
      if (age === undefined) return;
      const lines = ['SECURE_HSTS_SECONDS = 31536000  # one year'];
      if (age === null) {
        const raw = seconds.value.t === 'str' ? seconds.value.v : display(seconds.value);
        report({
          setting: 'SECURE_HSTS_SECONDS',
          message: `SECURE_HSTS_SECONDS is ${display(seconds.value)}, not a number of seconds: Django sends "max-age=${raw}", which browsers ignore, so there is no HSTS`,
          lines,
          severity: 'medium',
        });
        return;
      }
      if (age >= ONE_YEAR) return;
      report({
        setting: 'SECURE_HSTS_SECONDS',
        message: `SECURE_HSTS_SECONDS is ${age} (${duration(age)}), shorter than one year (31536000): browsers forget HSTS soon after a visit, and the domain cannot be preloaded`,
        lines,
        severity: age < HALF_YEAR ? 'medium' : 'low',
      });
    });
  },
});
