import { defineProbeRule } from '../../core/rule.js';
import { DEBUG_PAGE_DESCRIPTIONS, debugSignals, type DebugPageKind } from '../../probe/django/signals.js';

/** The page that shows most comes first: its URL and evidence lead the finding. */
const ORDER: readonly DebugPageKind[] = ['technical-500', 'technical-500-text', 'technical-404', 'csrf-debug', 'default-urlconf'];

export default defineProbeRule({
  meta: {
    code: 'WEB050',
    name: 'debug-page-served',
    family: 'probe',
    severity: 'high',
    confidence: 'high',
    cwe: [489, 215],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'The live site runs with DEBUG = True: it serves Django\'s technical error pages.',
    fix: 'Set DEBUG = False in the settings the deployment runs with (check the environment variable that sets it), and restart the application server.',
    docs: {
      whatItDoes:
        'Looks at the responses the probe captured for a page of Django\'s `DEBUG = True` mode: the technical 404 page ' +
        '(a random path answered with "Page not found", the URLconf and "Django tried these URL patterns"), the technical ' +
        '500 page in HTML or plain text (traceback, "Django Version:", settings), the DEBUG variant of the CSRF failure ' +
        'page ("Reason given for failure", shown for the probe\'s POST without a token) and the default "The install ' +
        'worked successfully" page. The probe never tries to cause a server error: a technical 500 is reported when one ' +
        'was served anyway.',
      whyItMatters:
        'With DEBUG on, every error shows internals to anyone: the URL patterns (including a renamed admin), the ' +
        'settings module, installed apps and middleware, and on a server error the full traceback with local variables, ' +
        'the request headers and cookies, and most settings (Django masks only names that look secret). Attackers use ' +
        'it to map the application and harvest credentials; DEBUG also keeps every SQL query in memory.',
      example: {
        bad: ['GET /ponyguard-3f9a1c/ HTTP/1.1', '', 'HTTP/1.1 404 Not Found', '<title>Page not found at /ponyguard-3f9a1c/</title>', 'Using the URLconf defined in <code>shop.urls</code>,', 'Django tried these URL patterns, in this order:', 'You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.'].join('\n'),
        good: ['GET /ponyguard-3f9a1c/ HTTP/1.1', '', 'HTTP/1.1 404 Not Found', '<title>Not Found</title>', '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>'].join('\n'),
        language: 'http',
      },
      howToFix:
        'Find where the deployment\'s DEBUG comes from — often `DEBUG = os.environ.get("DEBUG", ...)` with the variable ' +
        'set in the service definition, a `.env` file or a settings module chosen by `DJANGO_SETTINGS_MODULE` — and make ' +
        'it `False` in production; restart the application server. Run `ponyguard scan PATH --url URL` to see whether ' +
        'the settings in the repository already say False (then the deployment runs other settings). Give the site its ' +
        'own `404.html` and `500.html` templates.',
      references: [
        { title: 'Django settings: DEBUG', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#debug' },
        { title: 'Django deployment checklist: DEBUG', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug' },
        { title: 'CWE-489: Active Debug Code', url: 'https://cwe.mitre.org/data/definitions/489.html' },
        { title: 'OWASP WSTG: Testing for Improper Error Handling', url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/08-Testing_for_Error_Handling/01-Testing_For_Improper_Error_Handling' },
      ],
      limitations:
        'A site with its own `handler404` and CSRF failure view shows no technical page for the probe\'s requests even ' +
        'with DEBUG on; only a server error would, and the probe does not cause one.',
    },
  },
  check(context) {
    const { site } = context;
    const pages = debugSignals(site).sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    const first = pages[0];
    if (!first) return;
    // One page of each kind: the first leads, the others add their request line.
    const leads = ORDER.map((kind) => pages.find((page) => page.kind === kind)).filter((page) => page !== undefined);
    const what = leads.map((page) => DEBUG_PAGE_DESCRIPTIONS[page.kind]).join('; ');
    const more = pages.length > leads.length ? ` and ${pages.length - leads.length} more response${pages.length - leads.length === 1 ? '' : 's'}` : '';
    context.report({
      url: first.url,
      message: `DEBUG is on: the site serves ${what} (${first.url} answered ${first.status}${more})`,
      key: 'debug-page',
      evidence: [...first.evidence, ...leads.slice(1).map((page) => `${page.evidence[0] ?? page.url}: ${DEBUG_PAGE_DESCRIPTIONS[page.kind]}`)],
    });
  },
});
