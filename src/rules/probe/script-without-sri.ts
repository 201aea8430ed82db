import { defineProbeRule } from '../../core/rule.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { resolveUrl, scriptTags } from '../../probe/observatory/html.js';
import { OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';
import { isExternalScript } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB028',
    name: 'script-without-sri',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [353, 829],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['subresource-integrity'],
    status: 'preview',
    summary: 'The page loads scripts from another site without Subresource Integrity (no integrity attribute).',
    fix: 'Add integrity="sha384-…" and crossorigin="anonymous" to third-party <script> tags, or host the files with the site\'s static files.',
    docs: {
      whatItDoes:
        'Reads the `<script src>` tags of the main HTML page and reports those from another registrable domain (or ' +
        'protocol-relative `//host/…` URLs) without an `integrity` attribute: low when loaded over HTTPS, medium over ' +
        'plain HTTP or protocol-relative. The MDN HTTP Observatory\'s subresource-integrity test ' +
        '(`sri-not-implemented-but-external-scripts-loaded-securely` −5, `…-not-loaded-securely` −50).',
      whyItMatters:
        'A third-party script runs with the full power of the page. If the CDN or the package is compromised (as ' +
        'happened to polyfill.io), every visitor runs the attacker\'s code. An integrity hash makes the browser refuse ' +
        'a file that changed.',
      example: {
        bad: ['<script src="https://cdn.jsdelivr.net/npm/htmx.org@1.9.12/dist/htmx.min.js"></script>'].join('\n'),
        good: ['<script src="https://cdn.jsdelivr.net/npm/htmx.org@1.9.12/dist/htmx.min.js"', '        integrity="sha384-ujb1lZYygJmzgSwoxRggbCHcjc0rB2XoQrxeTUQyRjrOnlCoYta87iKBWq3EsdM2"', '        crossorigin="anonymous"></script>'].join('\n'),
        language: 'html',
      },
      howToFix:
        'Pin a version and add its hash (`openssl dgst -sha384 -binary file.js | openssl base64 -A`, or the hash the ' +
        'CDN publishes) with `crossorigin="anonymous"`; better, vendor the file into the project\'s static files ' +
        '(`{% static %}`), which also removes the third party.',
      references: [
        { title: 'MDN: Subresource Integrity', url: 'https://developer.mozilla.org/en-US/docs/Web/Security/Subresource_Integrity' },
        { title: 'OWASP Third Party JavaScript Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Third_Party_Javascript_Management_Cheat_Sheet.html' },
        OBSERVATORY_REFERENCE,
      ],
      limitations: 'Registrable domains are approximated (the last two labels, three under common two-label suffixes such as co.uk), not read from the Public Suffix List.',
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page) return;
    for (const script of scriptTags(page.tags)) {
      if (script.integrity || !isExternalScript(script.src, page.response.url)) continue;
      const secure = resolveUrl(script.src, page.response.url)?.protocol === 'https:' && !script.src.startsWith('//');
      context.report({
        key: script.src,
        severity: secure ? 'low' : 'medium',
        message: `${page.response.url} loads the third-party script ${script.src} without an integrity hash${secure ? '' : ', and not over a fixed https:// URL'}`,
        evidence: [`line ${script.line}: <script src="${script.src}">`],
      });
    }
  },
});
