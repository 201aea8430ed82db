import { defineProbeRule } from '../../core/rule.js';
import { mainPage, responseEvidence } from '../../probe/observatory/evidence.js';
import { isHtml } from '../../probe/observatory/html.js';
import { OBSERVATORY_REFERENCE, OWASP_HEADERS_REFERENCE } from '../../probe/observatory/references.js';
import { referrerPolicy } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB016',
    name: 'referrer-policy-unsafe',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [200, 598],
    owasp: ['A01:2021-Broken Access Control', 'A05:2021-Security Misconfiguration'],
    aliases: ['referrer-policy'],
    status: 'preview',
    summary: 'The Referrer-Policy leaks full URLs to other sites, is not recognised, or is not set.',
    fix: "Set SECURE_REFERRER_POLICY = 'same-origin' (or 'strict-origin-when-cross-origin').",
    docs: {
      whatItDoes:
        'Reads the policy in force on the main page (the last recognised token of the `Referrer-Policy` headers, then ' +
        '`<meta name="referrer">`) and reports `unsafe-url`, `origin`, `origin-when-cross-origin` and ' +
        '`no-referrer-when-downgrade` (low), a value no browser recognises (low), and, informationally, an HTML page ' +
        'with no policy at all (browsers then default to `strict-origin-when-cross-origin`).',
      whyItMatters:
        'The Referer header carries the URL the user came from. Full URLs often hold secrets: password-reset tokens, ' +
        'search terms, object ids, session ids in query strings. An unsafe policy sends them to every third-party ' +
        'script, image and link target, and over plain HTTP.',
      example: {
        bad: ["SECURE_REFERRER_POLICY = 'unsafe-url'"].join('\n'),
        good: ["SECURE_REFERRER_POLICY = 'same-origin'  # Django's default since 3.1"].join('\n'),
        language: 'python',
      },
      howToFix:
        'Set `SECURE_REFERRER_POLICY` to `"same-origin"`, `"strict-origin"` or `"strict-origin-when-cross-origin"` ' +
        '(SecurityMiddleware sends it), and check that the web server or a `<meta name="referrer">` does not override it.',
      references: [
        { title: 'Django settings: SECURE_REFERRER_POLICY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy' },
        { title: 'MDN: Referrer-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referrer-Policy' },
        OWASP_HEADERS_REFERENCE,
        OBSERVATORY_REFERENCE,
      ],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page) return;
    const { policy, present, values } = referrerPolicy(page);
    const evidence = responseEvidence(site, page.response, ['referrer-policy']);
    if (!present) {
      if (isHtml(page.response)) context.report({ key: 'missing', severity: 'info', message: `${page.response.url} sets no Referrer-Policy; browsers default to strict-origin-when-cross-origin, older ones send full URLs`, evidence });
      return;
    }
    if (policy === null) context.report({ key: 'invalid', message: `Referrer-Policy "${values.join(', ')}" is not a policy browsers recognise, so their default applies`, evidence });
    else if (['unsafe-url', 'origin', 'origin-when-cross-origin', 'no-referrer-when-downgrade'].includes(policy)) {
      context.report({ key: `unsafe:${policy}`, severity: policy === 'unsafe-url' || policy === 'no-referrer-when-downgrade' ? 'medium' : 'low', message: `Referrer-Policy ${policy} sends ${policy.startsWith('origin') ? 'the origin' : 'full URLs, with their query strings,'} to other sites`, evidence });
    }
  },
});
