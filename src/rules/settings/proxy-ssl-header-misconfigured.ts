import type { Confidence } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import { display, envOf, pyRepr, truthy, type Value } from '../../settings/value.js';

/** WSGI environ keys a server sets itself (not request headers), which legitimately lack the `HTTP_` prefix. */
const ENVIRON_KEYS = new Set(['wsgi.url_scheme', 'HTTPS', 'REQUEST_SCHEME', 'SERVER_PORT', 'SSL_PROTOCOL', 'SSL_TLS_SNI', 'SERVER_PROTOCOL']);

/** Request headers that never carry the scheme, with what they carry. */
const NOT_SCHEME: Record<string, string> = {
  HTTP_X_FORWARDED_FOR: 'the client address',
  HTTP_X_REAL_IP: 'the client address',
  HTTP_X_FORWARDED_HOST: 'the original host name',
  HTTP_HOST: 'the host name',
  HTTP_X_FORWARDED_SERVER: 'the proxy host name',
};

interface Diagnosis {
  problems: string[];
  /**
   * 'never': is_secure() is always False behind the proxy; 'crash': Django raises ImproperlyConfigured;
   * 'inverted': plain HTTP counts as secure and HTTPS does not.
   */
  effect: 'never' | 'crash' | 'inverted';
  confidence: Confidence;
  /** The corrected (header, value). */
  suggestion: [string, string];
}

const PROTO = /PROTO|SCHEME/;

/** `HTTP_X_FORWARDED_PROTO` → `X-Forwarded-Proto`. */
function headerTitle(metaKey: string): string {
  return metaKey
    .replace(/^HTTP_/, '')
    .split('_')
    .map((part) => part.charAt(0) + part.slice(1).toLowerCase())
    .join('-');
}
const SSL_FLAG = /SSL|FRONT_END_HTTPS/;

/** What is wrong with a SECURE_PROXY_SSL_HEADER value, or undefined when it is fine or not knowable. */
function diagnose(value: Value): Diagnosis | undefined {
  if (truthy(value) !== true) return undefined;
  const fallback: [string, string] = ['HTTP_X_FORWARDED_PROTO', 'https'];
  if (value.t !== 'list' && value.t !== 'tuple') {
    if (value.t === 'str' && value.v.length === 2) {
      return { problems: [`SECURE_PROXY_SSL_HEADER is the string ${display(value)}, not a (header, value) pair: Django unpacks it into the header ${pyRepr(value.v[0]!)}, which never matches`], effect: 'never', confidence: 'high', suggestion: fallback };
    }
    return { problems: [`SECURE_PROXY_SSL_HEADER is ${display(value)}, not a (header, value) pair: Django raises ImproperlyConfigured whenever it checks request.is_secure()`], effect: 'crash', confidence: 'high', suggestion: fallback };
  }
  if (value.items.length !== 2) {
    return { problems: [`SECURE_PROXY_SSL_HEADER is ${display(value)}, not a (header, value) pair: Django raises ImproperlyConfigured whenever it checks request.is_secure()`], effect: 'crash', confidence: 'high', suggestion: fallback };
  }
  const [first, second] = value.items as [Value, Value];
  if (first.t === 'unknown' || second.t === 'unknown') return undefined;
  if (first.t !== 'str' || second.t !== 'str') {
    return { problems: [`SECURE_PROXY_SSL_HEADER is ${display(value)}: both the header name and the expected value must be strings, or the test never matches`], effect: 'never', confidence: 'high', suggestion: fallback };
  }
  const header = first.v;
  const expected = second.v;
  const problems: string[] = [];
  let confidence: Confidence = 'high';
  let effect: Diagnosis['effect'] = 'never';
  let name = header;

  if (header !== 'wsgi.url_scheme' && !/^[A-Z0-9_]+$/.test(header)) {
    name = `HTTP_${header.toUpperCase().replace(/[-\s]/g, '_').replace(/^HTTP_/, '')}`;
    problems.push(`the header name ${pyRepr(header)} is not in request.META form (WSGI servers expose it as ${pyRepr(name)}), so it never matches`);
  } else if (!header.startsWith('HTTP_') && !ENVIRON_KEYS.has(header)) {
    name = `HTTP_${header}`;
    confidence = 'medium';
    problems.push(`the header name ${pyRepr(header)} lacks the HTTP_ prefix WSGI servers give request headers (${pyRepr(name)}), so it never matches unless the server sets ${header} itself (uwsgi_param)`);
  } else if (NOT_SCHEME[header]) {
    problems.push(`${header} carries ${NOT_SCHEME[header]}, not the scheme, so it never equals ${pyRepr(expected)}`);
    name = 'HTTP_X_FORWARDED_PROTO';
  }

  let wanted = expected;
  if (PROTO.test(name)) {
    wanted = 'https';
    if (expected === 'http') {
      effect = 'inverted';
      problems.push(`it expects 'http', so plain-HTTP requests count as secure and HTTPS ones do not`);
    } else if (expected !== 'https') {
      problems.push(`it expects ${pyRepr(expected)}, but ${headerTitle(name)} carries 'https' or 'http' and Django compares case-sensitively, so it never matches`);
    }
  } else if (name === 'HTTP_FORWARDED' && expected === 'https') {
    wanted = 'https';
    name = 'HTTP_X_FORWARDED_PROTO';
    if (confidence === 'high') confidence = 'medium';
    problems.push("the standard Forwarded header holds parameters ('for=…;proto=https'), never the bare value 'https', so it never matches");
  } else if ((SSL_FLAG.test(name) || name === 'HTTPS') && expected === 'https') {
    wanted = 'on';
    if (confidence === 'high') confidence = 'medium';
    problems.push(`${name} is an on/off flag ('on' when the client used TLS), so expecting 'https' never matches`);
  }
  if (problems.length === 0) return undefined;
  return { problems: [`SECURE_PROXY_SSL_HEADER is ${display(value)}: ${problems.join('; ')}`], effect, confidence, suggestion: [name, wanted] };
}

const CONSEQUENCES: Record<Diagnosis['effect'], { redirect: string; plain: string }> = {
  crash: {
    redirect: '; with SECURE_SSL_REDIRECT on, SecurityMiddleware checks it on every request, so every request fails',
    plain: '; every POST through the CSRF middleware (and anything else calling request.is_secure()) fails with a server error',
  },
  never: {
    redirect: '; with SECURE_SSL_REDIRECT on, every request through the TLS-terminating proxy looks like plain HTTP and is redirected to HTTPS again: a redirect loop',
    plain: '; request.is_secure() stays False behind the proxy, so Django builds http:// links (password-reset e-mails included)',
  },
  inverted: {
    redirect: '; with SECURE_SSL_REDIRECT on, HTTPS requests are redirected in a loop while plain-HTTP requests are served without a redirect',
    plain: '',
  },
};

export default defineProjectRule({
  meta: {
    code: 'SET204',
    name: 'proxy-ssl-header-misconfigured',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [436, 319],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'SECURE_PROXY_SSL_HEADER is malformed or names a header and value that can never match, so Django never sees requests as HTTPS.',
    fix: 'Use SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https"), and make the proxy set or strip that header on every request.',
    docs: {
      whatItDoes:
        'Checks `SECURE_PROXY_SSL_HEADER` in each production settings module against how Django reads it ' +
        '(`header, value = SECURE_PROXY_SSL_HEADER`, then `request.META.get(header) == value`). It reports a ' +
        'value that is not a pair of strings (Django raises `ImproperlyConfigured` whenever it checks ' +
        '`request.is_secure()`); a header name in HTTP form (`\'X-Forwarded-Proto\'`) or without the `HTTP_` ' +
        'prefix, which never appears in `request.META`; a header that does not carry the scheme ' +
        '(`HTTP_X_FORWARDED_FOR`); and an expected value that the header never holds (`\'HTTPS\'` or `\'on\'` for ' +
        'X-Forwarded-Proto, `\'https\'` for the on/off X-Forwarded-Ssl flag). When `SECURE_SSL_REDIRECT` is on ' +
        'and SecurityMiddleware is installed, such a header means a redirect loop behind a TLS-terminating proxy ' +
        '(or a server error on every request for a malformed value), and the finding is raised to high.',
      whyItMatters:
        'Behind a proxy that terminates TLS, Django only knows a request came over HTTPS through this header. ' +
        'When the test can never match, `request.is_secure()` is always False: `SECURE_SSL_REDIRECT` redirects ' +
        'every request to HTTPS again (an endless loop, which teams often "fix" by turning redirects off), ' +
        '`build_absolute_uri()` and password-reset e-mails produce `http://` links that leak tokens in cleartext, ' +
        'and the CSRF middleware skips its strict Referer check for HTTPS. The opposite mistake matters too: the ' +
        'header is trusted blindly, so the proxy must overwrite or strip it on every incoming request — if it ' +
        'passes a client-supplied `X-Forwarded-Proto` through (or the app is reachable without the proxy), anyone ' +
        'can claim HTTPS over plain HTTP and bypass the redirect and the HTTPS-only logic.',
      example: {
        bad: ['SECURE_SSL_REDIRECT = True', 'SECURE_PROXY_SSL_HEADER = ("X-Forwarded-Proto", "https")  # never in request.META'].join('\n'),
        good: ['SECURE_SSL_REDIRECT = True', '# nginx: proxy_set_header X-Forwarded-Proto $scheme;', 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")'].join('\n'),
      },
      howToFix:
        'Write the header in `request.META` form — `HTTP_` plus the header name upper-cased with dashes turned ' +
        'into underscores — and the exact value the proxy sends: `("HTTP_X_FORWARDED_PROTO", "https")` for ' +
        'X-Forwarded-Proto, `("HTTP_X_FORWARDED_SSL", "on")` for X-Forwarded-Ssl. Then make sure the proxy sets ' +
        'the header itself on every request (nginx `proxy_set_header X-Forwarded-Proto $scheme;`, which replaces ' +
        'any client value) and that the application cannot be reached around the proxy. If there is no proxy, ' +
        'remove the setting.',
      references: [
        { title: 'Django settings: SECURE_PROXY_SSL_HEADER', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header' },
        { title: 'Django: HttpRequest.META', url: 'https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpRequest.META' },
        { title: 'Django: SSL redirect', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect' },
        { title: 'MDN: X-Forwarded-Proto', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-Proto' },
        { title: 'CWE-436: Interpretation Conflict', url: 'https://cwe.mitre.org/data/definitions/436.html' },
      ],
      limitations:
        'Whether the proxy strips a client-supplied header is configuration outside the settings and is not ' +
        'verified. Header names without the `HTTP_` prefix are reported with medium confidence, since a server ' +
        'can set custom environ keys (uWSGI `uwsgi_param`). Custom headers whose meaning ponyguard does not know ' +
        'are not judged on their expected value.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const header = settings.get('SECURE_PROXY_SSL_HEADER');
      if (header.source !== 'assigned') return;
      const diagnosis = diagnose(header.value);
      if (!diagnosis) return;
      let message = diagnosis.problems.join('; ');
      const redirects = hasMiddleware(settings, SECURITY_MIDDLEWARE) === true && truthy(settings.get('SECURE_SSL_REDIRECT').value) === true;
      message += CONSEQUENCES[diagnosis.effect][redirects ? 'redirect' : 'plain'];
      // A tuple literal does not carry its items' provenance, so checkSettings cannot see an item's env default.
      const value = header.value;
      const items = value.t === 'list' || value.t === 'tuple' ? value.items : [];
      const itemDefaults = unsetDefaults(value.env).length > 0 ? [] : unsetDefaults(envOf(...items));
      let confidence = diagnosis.confidence;
      if (itemDefaults.length > 0) {
        const variables = [...new Set(itemDefaults.map((use) => use.variable))];
        const names = variables.join(', ');
        message += ` when ${names} ${variables.length === 1 ? 'is' : 'are'} not set (the default applies; set ${names} in the production environment)`;
        if (!settings.environment.given) confidence = 'medium';
      }
      const [name, wanted] = diagnosis.suggestion;
      report({
        setting: 'SECURE_PROXY_SSL_HEADER',
        message,
        lines: [`SECURE_PROXY_SSL_HEADER = ("${name}", "${wanted}")  # the proxy must set or strip this header on every request`],
        severity: redirects ? 'high' : 'medium',
        // High-confidence diagnoses keep checkSettings' own choice (medium when an unset variable's default decides).
        ...(confidence !== 'high' ? { confidence } : {}),
      });
    });
  },
});
