import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, hasMiddleware, notTrue } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET008',
    name: 'ssl-redirect-disabled',
    family: 'settings',
    severity: 'medium',
    confidence: 'medium',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures', 'A05:2021-Security Misconfiguration'],
    aliases: ['security.W008'],
    status: 'stable',
    summary: 'SECURE_SSL_REDIRECT is not True, so Django serves plain-HTTP requests instead of redirecting them to HTTPS.',
    fix: 'Set SECURE_SSL_REDIRECT = True in the production settings (with SECURE_PROXY_SSL_HEADER when TLS ends at a proxy), or redirect at the proxy and silence security.W008.',
    docs: {
      whatItDoes:
        'Reports a production settings module where SecurityMiddleware is in `MIDDLEWARE` and ' +
        '`SECURE_SSL_REDIRECT` is not the boolean `True` (including when it is not set: the default is `False`). ' +
        'This is Django\'s `security.W008` deployment check. Django tests `is True`, so `1` or the string `"True"` ' +
        'read from an environment variable without a boolean cast is reported. When the value comes from the ' +
        'default of an environment read, the finding points at that default and names the variable. Without ' +
        'SecurityMiddleware only SET001 (`security.W001`) is reported.',
      whyItMatters:
        'If the application answers plain HTTP, a visitor who types the bare domain or follows an `http://` link ' +
        'sends the request (and any cookie not marked Secure) in clear text, and an attacker on the network can ' +
        'serve them a modified page instead of letting them reach HTTPS (SSL stripping). Redirecting every ' +
        'HTTP request to HTTPS, together with HSTS, keeps users on the encrypted site.',
      example: {
        bad: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "False") == "True"'].join('\n'),
        good: [
          'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]',
          'SECURE_SSL_REDIRECT = True',
          '# TLS terminates at the load balancer, which sets X-Forwarded-Proto:',
          'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
        ].join('\n'),
      },
      howToFix:
        'Set `SECURE_SSL_REDIRECT = True`. When TLS terminates at a load balancer or reverse proxy, Django sees ' +
        'every request as HTTP: also set `SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")`, and make ' +
        'sure the proxy always overwrites that header, or the redirect loops. Exempt health-check paths with ' +
        '`SECURE_REDIRECT_EXEMPT` if the balancer probes over HTTP. If the proxy already redirects all HTTP ' +
        'traffic (and the application port is not reachable directly), keep the setting off and document it with ' +
        '`SILENCED_SYSTEM_CHECKS = ["security.W008"]`; that is the common and legitimate case, hence the medium ' +
        'confidence.',
      references: [
        { title: 'Django: SSL redirect', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect' },
        { title: 'Django settings: SECURE_SSL_REDIRECT', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect' },
        { title: 'Django settings: SECURE_PROXY_SSL_HEADER', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header' },
        { title: 'Django system checks: security.W008', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'OWASP Transport Layer Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations:
        'A redirect done by nginx, a load balancer or a CDN is invisible to a static scan, so sites that redirect ' +
        'at the edge are reported (as Django reports them); the live probe checks the redirect actually served.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const flag = settings.get('SECURE_SSL_REDIRECT');
      if (notTrue(flag.value) !== true) return;
      const quirk = truthy(flag.value) === true ? ' (Django requires the boolean True; a truthy value does not count)' : '';
      const what = flag.source === 'assigned' ? `SECURE_SSL_REDIRECT is ${display(flag.value)}${quirk}` : 'SECURE_SSL_REDIRECT is not set (default False)';
      report({
        setting: 'SECURE_SSL_REDIRECT',
        message: `${what}: Django serves plain-HTTP requests instead of redirecting them to HTTPS`,
        lines: ['SECURE_SSL_REDIRECT = True'],
        djangoId: 'security.W008',
      });
    });
  },
});
