import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { headerLines, requestLine } from '../../probe/observatory/evidence.js';
import { CORS_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';
import { sentOrigin } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB023',
    name: 'cors-reflects-origin-with-credentials',
    family: 'probe',
    severity: 'high',
    confidence: 'high',
    cwe: [942, 346],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: ['cross-origin-resource-sharing-implemented-with-universal-access'],
    status: 'preview',
    summary: 'The site allows any origin to read its responses with the user\'s cookies (reflected Origin plus Allow-Credentials).',
    fix: 'List the trusted origins explicitly (django-cors-headers CORS_ALLOWED_ORIGINS) instead of CORS_ALLOW_ALL_ORIGINS or a regex that matches anything, when CORS_ALLOW_CREDENTIALS is True.',
    docs: {
      whatItDoes:
        'The probe sends a CORS preflight with a foreign `Origin` the site cannot know. This rule reports an answer that ' +
        'echoes that origin in `Access-Control-Allow-Origin` together with `Access-Control-Allow-Credentials: true` ' +
        '(the MDN HTTP Observatory\'s `cross-origin-resource-sharing-implemented-with-universal-access`, −50).',
      whyItMatters:
        'Any web site the user visits can then make authenticated requests to this site with the user\'s cookies and ' +
        'read the answers: account data, API responses, CSRF tokens. It is the same-origin policy switched off for ' +
        'logged-in users.',
      example: {
        bad: ['CORS_ALLOW_ALL_ORIGINS = True', 'CORS_ALLOW_CREDENTIALS = True'].join('\n'),
        good: ['CORS_ALLOWED_ORIGINS = ["https://app.example.com"]', 'CORS_ALLOW_CREDENTIALS = True'].join('\n'),
        language: 'python',
      },
      howToFix:
        'With django-cors-headers, replace `CORS_ALLOW_ALL_ORIGINS = True` (formerly `CORS_ORIGIN_ALLOW_ALL`) or an ' +
        'over-broad `CORS_ALLOWED_ORIGIN_REGEXES` with an explicit `CORS_ALLOWED_ORIGINS` list, or drop ' +
        '`CORS_ALLOW_CREDENTIALS`. Hand-written middleware must compare the Origin with an allow-list before echoing it.',
      references: [...CORS_REFERENCES, OBSERVATORY_REFERENCE, { title: 'CWE-942: Permissive Cross-domain Policy with Untrusted Domains', url: 'https://cwe.mitre.org/data/definitions/942.html' }],
      limitations: 'Only the probed URL is tested; APIs often configure CORS per path (CORS_URLS_REGEX).',
    },
  },
  check(context) {
    const { site } = context;
    for (const exchange of [site.cors, site.main]) {
      const response = exchange?.response;
      const origin = exchange ? sentOrigin(exchange.request) : undefined;
      if (!exchange || !response || !origin || origin === 'null') continue;
      const acao = firstHeader(response.headers, 'access-control-allow-origin')?.trim();
      const credentials = firstHeader(response.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
      if (acao !== origin || !credentials) continue;
      context.report({
        url: exchange.request.url,
        key: 'reflected-origin',
        message: `${exchange.request.url} allows the foreign origin ${origin} to read responses with credentials: any site can act as the logged-in user and read the answers`,
        evidence: [`${requestLine(exchange)} (Origin: ${origin})`, ...headerLines(response, ['access-control-allow-origin', 'access-control-allow-credentials'])],
      });
      return;
    }
  },
});
