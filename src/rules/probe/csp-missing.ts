import { defineProbeRule } from '../../core/rule.js';
import { mainPage, responseEvidence } from '../../probe/observatory/evidence.js';
import { isHtml } from '../../probe/observatory/html.js';
import { CSP_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB006',
    name: 'csp-missing',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [1021, 693],
    owasp: ['A05:2021-Security Misconfiguration', 'A03:2021-Injection'],
    aliases: ['content-security-policy'],
    status: 'preview',
    summary: 'The page is served without an enforced Content-Security-Policy.',
    fix: 'Send a Content-Security-Policy header: SECURE_CSP on Django 6.0+ (ContentSecurityPolicyMiddleware), django-csp before.',
    docs: {
      whatItDoes:
        'Reports an HTML page with neither a `Content-Security-Policy` header nor a `<meta http-equiv="Content-Security-Policy">` ' +
        'tag, and says so when the site only sends `Content-Security-Policy-Report-Only` (which reports violations but ' +
        'blocks nothing). The MDN HTTP Observatory results `csp-not-implemented` and ' +
        '`csp-not-implemented-but-reporting-enabled` (−25 each).',
      whyItMatters:
        'A CSP is the second line of defence against cross-site scripting: when an attacker manages to inject markup ' +
        '(a template with `|safe`, a `mark_safe` on user data), a policy without `\'unsafe-inline\'` stops the injected ' +
        'script from running and limits where data can be sent. Without one, any injection runs with the user\'s session.',
      example: {
        bad: ['$ curl -sI https://shop.example.com/ | grep -i content-security', 'content-security-policy-report-only: default-src \'self\'; report-uri /csp-report/'].join('\n'),
        good: [
          '# settings.py (Django 6.0+)',
          'from django.utils.csp import CSP',
          'MIDDLEWARE = [..., "django.middleware.csp.ContentSecurityPolicyMiddleware"]',
          'SECURE_CSP = {',
          '    "default-src": [CSP.SELF],',
          '    "script-src": [CSP.SELF, CSP.NONCE],',
          '    "object-src": [CSP.NONE],',
          '    "base-uri": [CSP.NONE],',
          '    "frame-ancestors": [CSP.SELF],',
          '}',
        ].join('\n'),
        language: 'python',
      },
      howToFix:
        'Start with a report-only policy (`SECURE_CSP_REPORT_ONLY`, or django-csp\'s report-only mode) to find what the ' +
        'pages load, fix or allow it, then enforce the policy with `SECURE_CSP` (Django 6.0+) or django-csp\'s ' +
        '`CONTENT_SECURITY_POLICY`. Prefer nonces (`CSP.NONCE` / `{{ csp_nonce }}`) to `\'unsafe-inline\'`.',
      references: [...CSP_REFERENCES, OBSERVATORY_REFERENCE, { title: 'CWE-1021: Improper Restriction of Rendered UI Layers', url: 'https://cwe.mitre.org/data/definitions/1021.html' }],
      limitations: 'Only the probed page is checked; policies set per view can differ. Non-HTML responses (APIs) are not reported.',
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || !isHtml(page.response) || page.csp.invalid || page.csp.policies.length > 0) return;
    const { response } = page;
    if (page.csp.reportOnly.length > 0) {
      context.report({ key: 'report-only', message: `${response.url} only sends Content-Security-Policy-Report-Only: violations are reported but nothing is blocked`, evidence: responseEvidence(site, response, ['content-security-policy-report-only']) });
      return;
    }
    context.report({ key: 'missing', message: `${response.url} sends no Content-Security-Policy: an injected script would run unhindered`, evidence: responseEvidence(site, response, ['content-security-policy']) });
  },
});
