import { defineProbeRule } from '../../core/rule.js';
import { requestLine } from '../../probe/observatory/evidence.js';
import { redirectionTest } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB001',
    name: 'http-not-redirected-to-https',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures', 'A05:2021-Security Misconfiguration'],
    aliases: ['redirection'],
    status: 'preview',
    summary: 'The plain-HTTP site does not send visitors straight to HTTPS on the same host.',
    fix: 'Set SECURE_SSL_REDIRECT = True (or redirect in the web server) so that http:// answers with a 301 to the same URL on https://.',
    docs: {
      whatItDoes:
        'Fetches the `http://` variant of the URL, follows its redirects, and reports when it is served over plain HTTP ' +
        'with no redirect, when the redirects end on another `http://` URL (or loop), when the first hop goes to another ' +
        '`http://` URL before reaching HTTPS, and when the first hop jumps to HTTPS on a different host. These are the ' +
        'failing results of the MDN HTTP Observatory\'s redirection test (`redirection-missing`, `-not-to-https`, ' +
        '`-not-to-https-on-initial-redirection`, `-off-host-from-http`). A site that does not answer on HTTP at all is fine.',
      whyItMatters:
        'People type bare domains and follow old `http://` links. Until the browser has seen an HSTS header, that first ' +
        'request travels in clear text, and a network attacker can keep the victim on HTTP (SSL stripping). A same-host ' +
        'redirect to HTTPS is what lets the HTTPS response set HSTS for that host; an intermediate HTTP hop or a jump to ' +
        'another host leaves a plain-text step that HSTS never covers.',
      example: {
        bad: ['$ curl -sI http://shop.example.com/', 'HTTP/1.1 200 OK', 'Content-Type: text/html; charset=utf-8'].join('\n'),
        good: ['$ curl -sI http://shop.example.com/', 'HTTP/1.1 301 Moved Permanently', 'Location: https://shop.example.com/', '', '# settings.py', 'SECURE_SSL_REDIRECT = True'].join('\n'),
        language: 'text',
      },
      howToFix:
        'Redirect every `http://` request with a 301 to the same path on `https://` on the same host. In Django, set ' +
        '`SECURE_SSL_REDIRECT = True` (SecurityMiddleware does it; behind a TLS-terminating proxy also set ' +
        '`SECURE_PROXY_SSL_HEADER`), or do it in nginx (`return 301 https://$host$request_uri;`). Redirect to another ' +
        'host only after the same-host hop, then send HSTS from the HTTPS response.',
      references: [
        { title: 'Django settings: SECURE_SSL_REDIRECT', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect' },
        { title: 'Django: SSL redirect (SecurityMiddleware)', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect' },
        { title: 'MDN HTTP Observatory: tests and scoring', url: 'https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring' },
        { title: 'OWASP Transport Layer Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations: 'The HSTS preload list is not consulted: a preloaded host that still answers HTTP is reported (browsers would never ask it over HTTP).',
    },
  },
  check(context) {
    const { site } = context;
    const exchange = site.http;
    if (!exchange) return;
    const { result } = redirectionTest(site);
    const url = exchange.request.url;
    const evidence = [requestLine(exchange)];
    const hops = exchange.redirects;
    switch (result) {
      case 'redirection-missing':
        context.report({
          url,
          key: 'missing',
          message: `${url} is served over plain HTTP (status ${exchange.response?.status ?? '?'}) instead of redirecting to HTTPS${site.https?.response ? '' : `; HTTPS does not answer${site.https?.error ? ` (${site.https.error.message})` : ''}`}`,
          evidence: site.https ? [...evidence, requestLine(site.https)] : evidence,
        });
        break;
      case 'redirection-not-to-https':
        context.report({
          url,
          key: 'not-to-https',
          message: exchange.error ? `${url} never reaches HTTPS: ${exchange.error.message}` : `${url} redirects, but ends on ${exchange.response?.url ?? '?'}, not an https:// URL`,
          evidence,
        });
        break;
      case 'redirection-not-to-https-on-initial-redirection':
        context.report({ url, key: 'initial-hop', severity: 'low', message: `${url} first redirects to ${hops[0]?.location ?? '?'} over plain HTTP before reaching HTTPS; redirect straight to https:// on the same host`, evidence });
        break;
      case 'redirection-off-host-from-http':
        context.report({ url, key: 'off-host', severity: 'low', message: `${url} redirects to HTTPS on another host (${hops[0]?.location ?? '?'}), so HSTS is never set for ${new URL(url).hostname}; redirect to https://${new URL(url).host}/ first`, evidence });
        break;
      default:
        break;
    }
  },
});
