import { defineCorrelationRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { reportAtSetting, settingViews } from '../../probe/django/settings.js';
import { SECURITY_MIDDLEWARE, hasMiddleware } from '../../settings/django-checks.js';

export default defineCorrelationRule({
  meta: {
    code: 'WEB080',
    name: 'hsts-setting-not-served',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [319, 523],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'preview',
    summary: 'The settings set SECURE_HSTS_SECONDS, but the live site\'s HTTPS responses carry no Strict-Transport-Security header.',
    fix: 'Find what drops the header: a proxy that terminates TLS without SECURE_PROXY_SSL_HEADER (Django then sees HTTP and sends no HSTS), a proxy that strips it, or a deployment that runs other settings.',
    docs: {
      whatItDoes:
        'With `ponyguard scan PATH --url URL`: when a judged settings module has SecurityMiddleware and a non-zero ' +
        '`SECURE_HSTS_SECONDS`, and the site\'s HTTPS response has no `Strict-Transport-Security` header, reports at ' +
        'the setting, with the URL in the message.',
      whyItMatters:
        'The settings promise HSTS, the static scan is satisfied, and browsers never get it: the first plain-HTTP ' +
        'request of every visit stays open to SSL stripping. Django sends the header only for requests it considers ' +
        'secure (`request.is_secure()`), so behind a TLS-terminating proxy it silently sends nothing unless ' +
        '`SECURE_PROXY_SSL_HEADER` is set and the proxy sets that header.',
      example: {
        bad: ['# settings.py', 'SECURE_HSTS_SECONDS = 31536000', '# no SECURE_PROXY_SSL_HEADER; nginx terminates TLS', '', '# GET https://shop.example/ → 200, no Strict-Transport-Security'].join('\n'),
        good: ['# settings.py', 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")', '# nginx: proxy_set_header X-Forwarded-Proto $scheme;'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Behind a proxy that terminates TLS, set `SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")` and make ' +
        'the proxy set (and overwrite) `X-Forwarded-Proto`; otherwise check that the proxy or CDN does not remove the ' +
        'header, and that the deployment runs these settings (`DJANGO_SETTINGS_MODULE`, environment variables). Or add ' +
        'the header at the proxy itself.',
      references: [
        { title: 'Django: HTTP Strict Transport Security', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security' },
        { title: 'Django settings: SECURE_PROXY_SSL_HEADER', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header' },
        { title: 'MDN: Strict-Transport-Security', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations: 'Needs an HTTPS response from the site; when HTTPS does not work, the probe rules report that instead.',
    },
  },
  check(context) {
    const response = context.site.https?.response;
    if (!response || !response.url.startsWith('https:')) return;
    if (firstHeader(response.headers, 'strict-transport-security') !== undefined) return;
    const seen = new Set<string>();
    for (const view of settingViews(context, 'SECURE_HSTS_SECONDS')) {
      if (view.truthy !== true || hasMiddleware(view.snapshot, SECURITY_MIDDLEWARE) !== true) continue;
      reportAtSetting(
        context,
        view,
        {
          message: `${view.said}, but ${response.url} answered ${response.status} over HTTPS with no Strict-Transport-Security header: a proxy strips it, Django does not see the request as secure (SECURE_PROXY_SSL_HEADER), or the deployment runs other settings`,
          key: 'no-hsts',
        },
        seen,
      );
    }
  },
});
