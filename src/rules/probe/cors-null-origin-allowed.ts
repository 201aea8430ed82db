import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { headerLines, requestLine } from '../../probe/observatory/evidence.js';
import { CORS_REFERENCES } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB025',
    name: 'cors-null-origin-allowed',
    family: 'probe',
    severity: 'high',
    confidence: 'high',
    cwe: [942, 346],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'preview',
    summary: 'The site allows the "null" origin (sandboxed frames, local files) to read its responses.',
    fix: 'Never allow the "null" origin: remove it from CORS_ALLOWED_ORIGINS, and do not echo an Origin of null.',
    docs: {
      whatItDoes:
        'The probe sends a request with `Origin: null`. This rule reports an answer with `Access-Control-Allow-Origin: null`: ' +
        'high severity with `Access-Control-Allow-Credentials: true`, low without.',
      whyItMatters:
        'Any site can produce requests whose Origin is `null`: a sandboxed iframe (`<iframe sandbox="allow-scripts">`), ' +
        'a `data:` URL, a redirect. Allowing `null` with credentials therefore lets every web page read the user\'s data, ' +
        'as a reflected origin would.',
      example: {
        bad: ['CORS_ALLOWED_ORIGINS = ["https://app.example.com", "null"]', 'CORS_ALLOW_CREDENTIALS = True'].join('\n'),
        good: ['CORS_ALLOWED_ORIGINS = ["https://app.example.com"]', 'CORS_ALLOW_CREDENTIALS = True'].join('\n'),
        language: 'python',
      },
      howToFix: 'Remove `"null"` from `CORS_ALLOWED_ORIGINS` (django-cors-headers) or from the hand-written allow-list; local development pages should be served from a real origin (`http://localhost:8000`).',
      references: [...CORS_REFERENCES],
    },
  },
  check(context) {
    const { site } = context;
    for (const exchange of [site.corsNull]) {
      const response = exchange?.response;
      if (!exchange || !response) continue;
      const acao = firstHeader(response.headers, 'access-control-allow-origin')?.trim().toLowerCase();
      if (acao !== 'null') continue;
      const credentials = firstHeader(response.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
      context.report({
        url: exchange.request.url,
        key: credentials ? 'null-with-credentials' : 'null',
        severity: credentials ? 'high' : 'low',
        message: `${exchange.request.url} allows the "null" origin${credentials ? ' with credentials: any page, through a sandboxed iframe, can read the user\'s data' : ': sandboxed frames and local files of any site can read its responses'}`,
        evidence: [`${requestLine(exchange)} (Origin: null)`, ...headerLines(response, ['access-control-allow-origin', 'access-control-allow-credentials'])],
      });
      return;
    }
  },
});
