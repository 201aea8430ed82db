import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { headerLines, requestLine } from '../../probe/observatory/evidence.js';
import { CORS_REFERENCES } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB024',
    name: 'cors-wildcard-with-credentials',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [942],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'The site sends Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true.',
    fix: 'Either drop Access-Control-Allow-Credentials (public data) or list the trusted origins (django-cors-headers CORS_ALLOWED_ORIGINS).',
    docs: {
      whatItDoes: 'Reports a CORS answer (preflight or main page) combining `Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true`.',
      whyItMatters:
        'Browsers refuse credentialed requests under a wildcard, so this combination does not leak data by itself; it ' +
        'shows that the site wants credentialed cross-origin access without an allow-list. The usual "fix" that makes ' +
        'it work, echoing the request\'s Origin, opens the site to every web page (see WEB023).',
      example: {
        bad: ['Access-Control-Allow-Origin: *', 'Access-Control-Allow-Credentials: true'].join('\n'),
        good: ['Access-Control-Allow-Origin: https://app.example.com', 'Access-Control-Allow-Credentials: true', 'Vary: Origin'].join('\n'),
        language: 'text',
      },
      howToFix: 'Decide whether the endpoint is public (then no credentials) or private (then an explicit list of origins in `CORS_ALLOWED_ORIGINS`, never a reflection of any Origin).',
      references: [...CORS_REFERENCES],
    },
  },
  check(context) {
    const { site } = context;
    for (const exchange of [site.cors, site.main, site.corsNull]) {
      const response = exchange?.response;
      if (!exchange || !response) continue;
      const acao = firstHeader(response.headers, 'access-control-allow-origin')?.trim();
      const credentials = firstHeader(response.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
      if (acao !== '*' || !credentials) continue;
      context.report({ url: exchange.request.url, key: 'wildcard-credentials', message: `${exchange.request.url} allows any origin (*) and credentials at once: browsers refuse it, and "fixing" it by echoing the Origin would expose every user`, evidence: [requestLine(exchange), ...headerLines(response, ['access-control-allow-origin', 'access-control-allow-credentials'])] });
      return;
    }
  },
});
