import { defineProbeRule } from '../../core/rule.js';
import { mainPage, responseEvidence } from '../../probe/observatory/evidence.js';
import { OBSERVATORY_REFERENCE, OWASP_HEADERS_REFERENCE } from '../../probe/observatory/references.js';
import { xContentTypeOptionsTest } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB015',
    name: 'x-content-type-options-missing',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [693, 430],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['x-content-type-options'],
    status: 'preview',
    summary: 'The response has no valid X-Content-Type-Options: nosniff header.',
    fix: 'Set SECURE_CONTENT_TYPE_NOSNIFF = True (the default) with SecurityMiddleware, or send X-Content-Type-Options: nosniff from the web server.',
    docs: {
      whatItDoes: 'Reports a main response whose first `X-Content-Type-Options` header is missing or is not `nosniff` (the MDN HTTP Observatory results `x-content-type-options-not-implemented` and `-header-invalid`, −5).',
      whyItMatters:
        'Without `nosniff`, browsers guess the type of a response from its content. A user upload or a JSON answer ' +
        'that contains markup or script can then be run as HTML or JavaScript, turning a harmless file into stored XSS.',
      example: {
        bad: ['SECURE_CONTENT_TYPE_NOSNIFF = False'].join('\n'),
        good: ['SECURE_CONTENT_TYPE_NOSNIFF = True  # the default; needs SecurityMiddleware'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Keep `django.middleware.security.SecurityMiddleware` in `MIDDLEWARE` and `SECURE_CONTENT_TYPE_NOSNIFF = True`. ' +
        'Files served by the web server (static, media) need the header there too (`add_header X-Content-Type-Options nosniff always;` in nginx).',
      references: [
        { title: 'Django settings: SECURE_CONTENT_TYPE_NOSNIFF', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-content-type-nosniff' },
        { title: 'MDN: X-Content-Type-Options', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Content-Type-Options' },
        OWASP_HEADERS_REFERENCE,
        OBSERVATORY_REFERENCE,
      ],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page) return;
    const { result } = xContentTypeOptionsTest(page);
    if (result === 'x-content-type-options-nosniff') return;
    const evidence = responseEvidence(site, page.response, ['x-content-type-options']);
    if (result === 'x-content-type-options-not-implemented') context.report({ key: 'missing', message: `${page.response.url} sends no X-Content-Type-Options: nosniff, so browsers may sniff responses into HTML or script`, evidence });
    else context.report({ key: 'invalid', message: `X-Content-Type-Options on ${page.response.url} is not "nosniff", so browsers ignore it`, evidence });
  },
});
