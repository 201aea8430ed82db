import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { responseEvidence } from '../../probe/observatory/evidence.js';
import { describeSeconds, ONE_YEAR, parseHsts } from '../../probe/observatory/hsts.js';
import { HSTS_REFERENCES } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB005',
    name: 'hsts-not-preload-ready',
    family: 'probe',
    severity: 'info',
    confidence: 'medium',
    cwe: [319],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['hsts-preload'],
    status: 'preview',
    summary: 'The Strict-Transport-Security header does not meet the HSTS preload list requirements.',
    fix: 'Send max-age=31536000; includeSubDomains; preload (SECURE_HSTS_SECONDS = 31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS = True, SECURE_HSTS_PRELOAD = True), then submit the domain at hstspreload.org.',
    docs: {
      whatItDoes:
        'Informational. For a valid HSTS header on the HTTPS response, reports what keeps the host from the HSTS ' +
        'preload list: no `preload` directive, or a `preload` directive without the list\'s other requirements ' +
        '(`max-age` of at least one year and `includeSubDomains`), which the list rejects.',
      whyItMatters:
        'HSTS only protects after the first visit. Preloaded domains are built into browsers, so even the very first ' +
        'request is made over HTTPS. A `preload` directive with a short max-age or without `includeSubDomains` signals ' +
        'an intent that cannot be honoured.',
      example: {
        bad: ['SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_PRELOAD = True', '# includeSubDomains missing: the preload list rejects it'].join('\n'),
        good: ['SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', 'SECURE_HSTS_PRELOAD = True'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Preloading is hard to undo (removal takes months), so only do it when every subdomain serves HTTPS for good. ' +
        'Then set `SECURE_HSTS_SECONDS = 31536000`, `SECURE_HSTS_INCLUDE_SUBDOMAINS = True` and ' +
        '`SECURE_HSTS_PRELOAD = True`, and submit the registrable domain at https://hstspreload.org/.',
      references: [
        { title: 'Django settings: SECURE_HSTS_PRELOAD', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload' },
        { title: 'HSTS preload list submission requirements', url: 'https://hstspreload.org/#submission-requirements' },
        ...HSTS_REFERENCES,
      ],
      limitations: 'The preload list itself is not consulted, and the list\'s requirement that the registrable domain (not a subdomain) sends the header is not checked.',
    },
  },
  check(context) {
    const { site } = context;
    const response = site.https?.response;
    if (!response || !response.url.startsWith('https:')) return;
    const header = firstHeader(response.headers, 'strict-transport-security');
    if (header === undefined) return;
    const parsed = parseHsts(header);
    if (!parsed.ok) return;
    const { maxAge, includeSubDomains, preload } = parsed.value;
    const missing = [maxAge < ONE_YEAR ? `max-age of at least one year (it is ${describeSeconds(maxAge)})` : '', includeSubDomains ? '' : 'includeSubDomains'].filter(Boolean);
    const evidence = responseEvidence(site, response, ['strict-transport-security']);
    if (preload && missing.length > 0) context.report({ url: response.url, key: 'preload-ineligible', severity: 'low', message: `Strict-Transport-Security asks for preloading but the preload list requires ${missing.join(' and ')}`, evidence });
    else if (!preload && missing.length === 0) context.report({ url: response.url, key: 'preload-ready-not-requested', message: `Strict-Transport-Security is eligible for the HSTS preload list but has no preload directive: first visits are not protected`, evidence });
  },
});
