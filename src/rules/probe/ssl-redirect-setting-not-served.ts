import { defineCorrelationRule } from '../../core/rule.js';
import { reportAtSetting, settingViews } from '../../probe/django/settings.js';
import { SECURITY_MIDDLEWARE, hasMiddleware } from '../../settings/django-checks.js';

export default defineCorrelationRule({
  meta: {
    code: 'WEB083',
    name: 'ssl-redirect-setting-not-served',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [319],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'preview',
    summary: 'The settings set SECURE_SSL_REDIRECT, but the live site answers plain HTTP without redirecting to HTTPS.',
    fix: 'Make the deployment run these settings, or redirect HTTP to HTTPS at the proxy; behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER so that the redirect cannot loop.',
    docs: {
      whatItDoes:
        'With `ponyguard scan PATH --url URL`: when a judged settings module has SecurityMiddleware and ' +
        '`SECURE_SSL_REDIRECT` true, and the probe\'s plain `http://` request was answered without a first redirect to ' +
        'an `https://` URL, reports at the setting with the URL in the message.',
      whyItMatters:
        'Visitors who type the bare domain or follow an old link stay on plain HTTP, where their requests and cookies ' +
        'can be read and changed, although the settings say they are sent to HTTPS. The cause lies in the deployment: ' +
        'a proxy answering HTTP itself, or other settings.',
      example: {
        bad: ['# settings.py', 'SECURE_SSL_REDIRECT = True', '', '# GET http://shop.example/ → 200 (no redirect)'].join('\n'),
        good: ['# GET http://shop.example/ → 301 Location: https://shop.example/'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Check which settings the deployment runs and whether the proxy forwards plain-HTTP requests to Django; the ' +
        'simplest fix is a redirect at the proxy (nginx `return 301 https://$host$request_uri;`).',
      references: [
        { title: 'Django settings: SECURE_SSL_REDIRECT', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect' },
        { title: 'Django: SSL redirect', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations: 'Needs an answer over plain HTTP; a site with no HTTP port is not judged.',
    },
  },
  check(context) {
    const exchange = context.site.http;
    const response = exchange?.response;
    if (!exchange || !response) return;
    const firstHop = exchange.redirects[0];
    const redirected = firstHop ? (firstHop.location ?? '').startsWith('https:') : response.url.startsWith('https:');
    if (redirected) return;
    const seen = new Set<string>();
    for (const view of settingViews(context, 'SECURE_SSL_REDIRECT')) {
      if (view.truthy !== true || hasMiddleware(view.snapshot, SECURITY_MIDDLEWARE) !== true) continue;
      const answer = firstHop ? `redirected ${firstHop.status} to ${firstHop.location ?? '?'}` : `answered ${response.status}`;
      reportAtSetting(context, view, { message: `${view.said}, but ${exchange.request.url} ${answer} instead of redirecting to HTTPS: the deployment runs other settings, or a proxy answers HTTP itself`, key: 'no-ssl-redirect' }, seen);
    }
  },
});
