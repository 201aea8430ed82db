import { defineProjectRule } from '../../core/rule.js';
import { REFERRER_POLICIES, SECURITY_MIDDLEWARE, checkExists, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, iterate, str, type Value } from '../../settings/value.js';

/**
 * The values Django's E023 test finds outside the valid set, or undefined when it cannot be known. A string is split
 * on commas and each part stripped; any other iterable (list, tuple, set, dict keys) is used as a set, unstripped.
 * Non-iterables make Django's own check crash, so they are not judged.
 */
function invalidValues(value: Value): string[] | undefined {
  if (value.t === 'str') return value.v.split(',').map((v) => v.trim()).filter((v) => !REFERRER_POLICIES.includes(v));
  // bytes are not str: set(b"…") holds integers, none of them a policy.
  if (value.t === 'bytes') return value.v.length > 0 ? [display(value)] : [];
  if (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set' && value.t !== 'dict') return undefined;
  const items = iterate(value) ?? [];
  const invalid: string[] = [];
  let unsure = false;
  for (const item of items) {
    if (item.t === 'str') {
      if (!REFERRER_POLICIES.includes(item.v)) invalid.push(display(item));
    } else if (item.t === 'int' || item.t === 'float' || item.t === 'bool' || item.t === 'none' || item.t === 'bytes') {
      invalid.push(display(item));
    } else unsure = true;
  }
  // A known invalid entry decides it; otherwise an unknown entry may be anything.
  if (invalid.length > 0) return invalid;
  return unsure ? undefined : [];
}

export default defineProjectRule({
  meta: {
    code: 'SET023',
    name: 'referrer-policy-invalid',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [200, 693],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['security.E023'],
    status: 'stable',
    summary: 'SECURE_REFERRER_POLICY contains a value that is not a valid Referrer-Policy token.',
    fix: 'Set SECURE_REFERRER_POLICY to valid Referrer-Policy values only, e.g. SECURE_REFERRER_POLICY = "same-origin".',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.middleware.security.SecurityMiddleware` is in ' +
        '`MIDDLEWARE` and `SECURE_REFERRER_POLICY` contains a value outside the policies browsers understand ' +
        '(`no-referrer`, `no-referrer-when-downgrade`, `origin`, `origin-when-cross-origin`, `same-origin`, ' +
        '`strict-origin`, `strict-origin-when-cross-origin`, `unsafe-url`). It follows Django\'s parsing exactly: a ' +
        'string is split on commas and each part is stripped, so `"no-referrer, strict-origin"` is fine; a list, ' +
        'tuple or set is taken as it is, so `["same-origin "]` (with a trailing space) is not. This is Django\'s ' +
        '`security.E023` check (Django 3.0 and later), an error that makes `manage.py check --deploy` fail.',
      whyItMatters:
        'SecurityMiddleware copies the setting into the `Referrer-Policy` header verbatim. Browsers ignore tokens ' +
        'they do not recognise, so a misspelt policy such as `strict-origin-when-crossorigin` silently falls back to ' +
        'the browser default or to another token in the list: full URLs, including paths and query strings with ' +
        'password-reset tokens, search terms or document ids, can then leak in the `Referer` header to third-party ' +
        'sites, analytics and CDNs. Because E023 is an error, it also breaks a deploy pipeline that runs ' +
        '`check --deploy`.',
      example: {
        bad: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_REFERRER_POLICY = "strict-origin-when-crossorigin"  # typo'].join('\n'),
        good: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"'].join('\n'),
      },
      howToFix:
        'Use only the standard tokens. `"same-origin"` (Django\'s default since 3.1) sends no referrer to other ' +
        'sites; `"strict-origin-when-cross-origin"` sends only the origin, and only over HTTPS. To give older ' +
        'browsers a fallback, list several valid values, least preferred first: `"no-referrer-when-downgrade, ' +
        'strict-origin-when-cross-origin"` or a list of strings without surrounding spaces.',
      references: [
        { title: 'Django: Referrer Policy (SecurityMiddleware)', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy' },
        { title: 'Django settings: SECURE_REFERRER_POLICY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy' },
        { title: 'Django system checks: security.E023', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Referrer-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referrer-Policy' },
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
      ],
      limitations:
        'A policy added by a proxy or CDN, or a value ponyguard cannot evaluate, is not judged. A value Django cannot ' +
        'iterate (a number) makes Django\'s own check crash and is not reported; `None` is `security.W022`.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '3.0')) return;
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const policy = settings.get('SECURE_REFERRER_POLICY');
      if (policy.source === 'opaque') return;
      const invalid = invalidValues(policy.value);
      if (!invalid || invalid.length === 0) return;
      const shown = policy.value.t === 'str' ? invalid.map((v) => display(str(v))) : invalid;
      report({
        setting: 'SECURE_REFERRER_POLICY',
        message: `SECURE_REFERRER_POLICY is ${display(policy.value)}, and ${shown.join(', ')} ${shown.length === 1 ? 'is not a' : 'are not'} valid Referrer-Policy ${shown.length === 1 ? 'value' : 'values'}`,
        lines: ['SECURE_REFERRER_POLICY = "same-origin"'],
        djangoId: 'security.E023',
      });
    });
  },
});
