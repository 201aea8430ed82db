import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { unwrap } from '../../python/expressions.js';
import { leadingText } from '../../python/leading-text.js';
import type { PythonModule } from '../../python/module.js';

const PREFIXES = ['urllib.request', 'six.moves.urllib.request'];
/** Functions that open the URL given as their first argument. */
const URL_FUNCTIONS = PREFIXES.flatMap((prefix) => [`${prefix}.urlopen`, `${prefix}.urlretrieve`]);
/** Opener classes: their `open()` accepts any scheme, and they take no URL when built. */
const OPENER_CLASSES = PREFIXES.flatMap((prefix) => [`${prefix}.URLopener`, `${prefix}.FancyURLopener`]);
const REQUEST_CLASSES = new Set(PREFIXES.map((prefix) => `${prefix}.Request`));

const WEB_SCHEME = /^https?:\/\//i;

export default definePythonRule({
  meta: {
    code: 'PY310',
    name: 'urlopen-unrestricted-scheme',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [22, 918],
    owasp: ['A01:2021-Broken Access Control', 'A10:2021-Server-Side Request Forgery'],
    aliases: ['B310'],
    status: 'stable',
    summary: 'urllib opens a URL whose scheme is not fixed, so file:// and other schemes are accepted as well as http(s).',
    fix: 'Check that the URL\'s scheme is http or https (and its host is one you expect) before opening it, or use requests, which only speaks HTTP.',
    docs: {
      whatItDoes:
        'Reports `urllib.request.urlopen()` and `urlretrieve()` (and their `six.moves.urllib.request` versions) when ' +
        'the URL is not a string whose text starts with `http://` or `https://`, and every construction of the ' +
        '`URLopener` / `FancyURLopener` classes. Quieter than Bandit\'s B310: a URL written as a literal — or an ' +
        'f-string, concatenation or format whose fixed start is `https://…` — cannot change scheme, so it is not ' +
        'reported; neither is a `Request("https://…")` object built the same way.',
      whyItMatters:
        '`urlopen()` does not only speak HTTP: `file:///etc/passwd` reads local files, `ftp://` and `data:` work too, ' +
        'and the legacy opener classes accept even more. When any part of the URL comes from a user — a webhook ' +
        'address, an avatar URL, an import-from-URL form — they can make the Django server read its own files ' +
        '(settings, `.env`, keys) or reach internal services (server-side request forgery).',
      example: {
        bad: [
          'from urllib.request import urlopen',
          '',
          'def import_feed(request):',
          '    data = urlopen(request.POST["feed_url"], timeout=10).read()',
        ].join('\n'),
        good: [
          'from urllib.parse import urlsplit',
          'from urllib.request import urlopen',
          'from django.core.exceptions import ValidationError',
          '',
          'def import_feed(request):',
          '    url = request.POST["feed_url"]',
          '    if urlsplit(url).scheme not in ("http", "https"):',
          '        raise ValidationError("Only http(s) feeds are supported.")',
          '    data = urlopen(url, timeout=10).read()',
        ].join('\n'),
      },
      howToFix:
        'Validate the URL before opening it: parse it with `urllib.parse.urlsplit()` and accept only the `http` and ' +
        '`https` schemes (Django\'s `URLValidator(schemes=["https"])` does this in a form field), and for user-supplied ' +
        'URLs also restrict the host to avoid SSRF. Alternatively use `requests` or `httpx`, which refuse non-HTTP ' +
        'schemes. Replace `URLopener` / `FancyURLopener`, deprecated since Python 3.3, with `urlopen()`.',
      references: [
        { title: 'Python: urllib.request.urlopen()', url: 'https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen' },
        { title: 'Django: URLValidator', url: 'https://docs.djangoproject.com/en/stable/ref/validators/#urlvalidator' },
        { title: 'CWE-918: Server-Side Request Forgery', url: 'https://cwe.mitre.org/data/definitions/918.html' },
        { title: 'CWE-22: Path Traversal', url: 'https://cwe.mitre.org/data/definitions/22.html' },
        { title: 'Bandit B310: urllib_urlopen', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b310-urllib-urlopen' },
      ],
      limitations:
        'A scheme check done before the call (an `if` on `urlsplit(url).scheme`) is not recognised, nor is a URL held ' +
        'in a module constant; suppress the finding on that line once the check is in place.',
    },
  },
  create(context) {
    const { module } = context;
    const checkUrl = (node: PyNode): void => {
      const url = module.argument(node, 0, 'url');
      if (url && fixedWebScheme(url, module)) return;
      const name = module.qualifiedName(node)?.split('.').pop() ?? 'urlopen';
      context.report({ node, message: `${name}() on a URL whose scheme is not fixed: file:// and other schemes are opened too` });
    };
    const checkOpener = (node: PyNode): void => {
      const name = module.qualifiedName(node)?.split('.').pop() ?? 'URLopener';
      context.report({ node, message: `${name} opens URLs of any scheme, including file://, and is deprecated` });
    };
    return Object.fromEntries([
      ...URL_FUNCTIONS.map((name) => [`call:${name}`, checkUrl] as const),
      ...OPENER_CLASSES.map((name) => [`call:${name}`, checkOpener] as const),
    ]);
  },
});

/** Is the URL (a string, or a `Request` built from one) fixed to start with `http://` or `https://`? */
function fixedWebScheme(node: PyNode, module: PythonModule): boolean {
  const inner = unwrap(node);
  if (inner.type === 'call') {
    const qualified = module.qualifiedName(inner);
    if (qualified && REQUEST_CLASSES.has(qualified)) {
      const url = module.argument(inner, 0, 'url');
      return url !== undefined && fixedWebScheme(url, module);
    }
  }
  const prefix = leadingText(inner, module);
  return prefix !== undefined && WEB_SCHEME.test(prefix);
}
