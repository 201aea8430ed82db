import { defineProbeRule } from '../../core/rule.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { pageResources, resolveUrl } from '../../probe/observatory/html.js';

export default defineProbeRule({
  meta: {
    code: 'WEB027',
    name: 'mixed-content',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [319, 311],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'preview',
    summary: 'An HTTPS page loads or submits to http:// URLs (mixed content).',
    fix: 'Load every resource over https:// (or a relative URL), and set upgrade-insecure-requests in the CSP while fixing the templates.',
    docs: {
      whatItDoes:
        'Scans the HTML of an HTTPS page for `http://` URLs in scripts, stylesheets, frames, objects and form actions ' +
        '(active content: medium) and in images, audio, video and icons (passive content: low).',
      whyItMatters:
        'A script or stylesheet fetched over HTTP can be replaced by anyone on the network, which gives them control of ' +
        'the HTTPS page; a form posting to http:// sends its fields (passwords) in clear text. Browsers block active ' +
        'mixed content, so the page breaks; passive content is still exposed and tracks the user.',
      example: {
        bad: ['<script src="http://cdn.example.com/app.js"></script>', '<form action="http://shop.example.com/login/" method="post">'].join('\n'),
        good: ['<script src="https://cdn.example.com/app.js"></script>', '<form action="{% url \'login\' %}" method="post">'].join('\n'),
        language: 'html',
      },
      howToFix:
        'Use https:// or relative URLs in templates (`{% static %}` and `{% url %}` produce relative ones); make sure ' +
        '`STATIC_URL` and `MEDIA_URL` are not absolute http:// URLs; add `upgrade-insecure-requests` to the CSP as a safety net.',
      references: [
        { title: 'MDN: Mixed content', url: 'https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content' },
        { title: 'W3C: Mixed Content', url: 'https://www.w3.org/TR/mixed-content/' },
        { title: 'MDN: CSP upgrade-insecure-requests', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/upgrade-insecure-requests' },
      ],
      limitations: 'Only the HTML of the probed page is read: URLs built by scripts or in stylesheets are not seen.',
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || !page.https) return;
    const insecure = pageResources(page.tags).filter((r) => resolveUrl(r.url, page.response.url)?.protocol === 'http:');
    const active = insecure.filter((r) => r.active);
    const passive = insecure.filter((r) => !r.active);
    const describe = (list: typeof insecure): string[] => list.slice(0, 10).map((r) => `line ${r.line}: <${r.kind}> ${r.url}`);
    if (active.length > 0) context.report({ key: 'active', message: `The HTTPS page ${page.response.url} loads active content over plain HTTP (${active.length}: ${active.slice(0, 3).map((r) => r.url).join(', ')}${active.length > 3 ? ', …' : ''})`, evidence: describe(active) });
    if (passive.length > 0) context.report({ key: 'passive', severity: 'low', message: `The HTTPS page ${page.response.url} loads ${passive.length} image or media URL(s) over plain HTTP (${passive.slice(0, 3).map((r) => r.url).join(', ')}${passive.length > 3 ? ', …' : ''})`, evidence: describe(passive) });
  },
});
