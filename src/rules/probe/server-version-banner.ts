import { defineProbeRule } from '../../core/rule.js';
import { serverBanners } from '../../probe/observatory/banners.js';
import { requestLine } from '../../probe/observatory/evidence.js';
import { OWASP_HEADERS_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB026',
    name: 'server-version-banner',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [200, 497],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'Response headers (Server, X-Powered-By) disclose software versions.',
    fix: 'Hide versions in the web server (nginx server_tokens off; Apache ServerTokens Prod) and remove X-Powered-By.',
    docs: {
      whatItDoes:
        'Reports `Server`, `X-Powered-By`, `X-AspNet-Version` and `X-Generator` headers of the main response that name ' +
        'a product with its version (`nginx/1.18.0`, `gunicorn/20.0.4`, `PHP/7.4.3`). Django\'s development server ' +
        '(`Server: WSGIServer/0.2 CPython/3.11.2`) is WEB056\'s finding, not repeated here.',
      whyItMatters:
        'Exact versions let an attacker pick known exploits without probing, and tell them which servers run unpatched ' +
        'software.',
      example: {
        bad: ['Server: nginx/1.18.0 (Ubuntu)', 'X-Powered-By: PHP/7.4.3'].join('\n'),
        good: ['# nginx.conf', 'server_tokens off;   # Server: nginx', '# gunicorn behind nginx: the proxy\'s Server header replaces gunicorn\'s'].join('\n'),
        language: 'text',
      },
      howToFix:
        'Set `server_tokens off;` in nginx, `ServerTokens Prod` and `ServerSignature Off` in Apache, and remove ' +
        '`X-Powered-By` where it is added. gunicorn\'s own banner is replaced by the proxy\'s when it runs behind one.',
      references: [
        OWASP_HEADERS_REFERENCE,
        { title: 'OWASP WSTG: Fingerprint Web Server', url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/01-Information_Gathering/02-Fingerprint_Web_Server' },
        { title: 'nginx: server_tokens', url: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens' },
      ],
      limitations: 'Hiding versions only slows an attacker down; keeping the software patched is what matters.',
    },
  },
  check(context) {
    const { site } = context;
    const response = site.main.response;
    if (!response) return;
    for (const banner of serverBanners(response.headers)) {
      const evidence = [requestLine(site.main), banner.header];
      if (banner.developmentServer) continue;
      if (banner.versions.length > 0) context.report({ key: `${banner.name}:${banner.versions.join(' ')}`, message: `The ${banner.header.split(':')[0]} header discloses ${banner.versions.join(', ')}`, evidence });
    }
  },
});
