import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { mainPage, responseEvidence } from '../../probe/observatory/evidence.js';
import { isHtml } from '../../probe/observatory/html.js';
import { OWASP_HEADERS_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB019',
    name: 'permissions-policy-missing',
    family: 'probe',
    severity: 'info',
    confidence: 'high',
    cwe: [693],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['permissions-policy'],
    status: 'preview',
    summary: 'The page sends no Permissions-Policy to turn off browser features it does not use.',
    fix: 'Send a Permissions-Policy header that disables unused features (e.g. camera=(), microphone=(), geolocation=()), with django-permissions-policy or the web server.',
    docs: {
      whatItDoes: 'Informational. Reports an HTML page with no `Permissions-Policy` header, and one that still sends only the deprecated `Feature-Policy` header. Not scored by the MDN HTTP Observatory.',
      whyItMatters:
        'Permissions-Policy limits what the page and the frames it embeds may use: camera, microphone, geolocation, ' +
        'payment, USB. If an attacker injects script or a third-party iframe is compromised, features that are turned ' +
        'off cannot be abused to spy on the user.',
      example: {
        bad: ['# no Permissions-Policy header'].join('\n'),
        good: ['# pip install django-permissions-policy', 'MIDDLEWARE = [..., "django_permissions_policy.PermissionsPolicyMiddleware"]', 'PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": [], "payment": []}'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Django has no built-in setting. Use `django-permissions-policy` (`PERMISSIONS_POLICY` setting) or add the ' +
        'header in the web server, listing the features the site does not use with an empty allowlist `()`.',
      references: [
        { title: 'MDN: Permissions-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Permissions-Policy' },
        { title: 'django-permissions-policy', url: 'https://github.com/adamchainz/django-permissions-policy' },
        OWASP_HEADERS_REFERENCE,
      ],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || !isHtml(page.response) || firstHeader(page.response.headers, 'permissions-policy') !== undefined) return;
    const legacy = firstHeader(page.response.headers, 'feature-policy') !== undefined;
    context.report({
      key: legacy ? 'feature-policy-only' : 'missing',
      message: legacy ? `${page.response.url} sends only the deprecated Feature-Policy header; current browsers read Permissions-Policy` : `${page.response.url} sends no Permissions-Policy: every browser feature stays available to the page and its frames`,
      evidence: responseEvidence(site, page.response, ['permissions-policy', 'feature-policy']),
    });
  },
});
