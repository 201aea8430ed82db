import { definePythonRule } from '../../core/rule.js';

/** requests' functions that take a `timeout` (Bandit's verbs, plus `requests.request`). */
const REQUESTS = /^requests(?:\.api)?\.(get|options|head|post|put|patch|delete|request)$/;
/** httpx functions and clients: their default timeout is 5 s, so only an explicit `timeout=None` is reported. */
const HTTPX = /^httpx\.(get|options|head|post|put|patch|delete|request|stream|Client|AsyncClient)$/;

export default definePythonRule({
  meta: {
    code: 'PY113',
    name: 'request-without-timeout',
    family: 'code',
    severity: 'medium',
    confidence: 'low',
    cwe: [400],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B113'],
    status: 'stable',
    summary: 'An HTTP request is made without a timeout, so it can wait forever.',
    fix: 'Pass timeout= with a number of seconds (or a (connect, read) tuple) to every requests call, and never timeout=None.',
    docs: {
      whatItDoes:
        'Reports calls to `requests.get`, `post`, `put`, `patch`, `delete`, `head`, `options` and ' +
        '`requests.request` (through any import or alias) that pass no `timeout=` keyword, and calls to those or to ' +
        '`httpx` functions and clients (`httpx.get`, …, `httpx.stream`, `httpx.Client`, `httpx.AsyncClient`) that ' +
        'pass `timeout=None`. These are Bandit\'s B113 criteria, with `requests.request` added.',
      whyItMatters:
        '`requests` has no default timeout: a server that accepts the connection and never answers — or answers one ' +
        'byte a minute — holds the calling thread forever. In a Django view that is one worker per request; a few ' +
        'slow or hostile endpoints (or an attacker who controls the URL) exhaust every worker and take the site ' +
        'down.',
      example: {
        bad: ['import requests', '', 'def exchange_rate(currency):', '    response = requests.get(f"https://rates.example.com/{currency}")', '    return response.json()["rate"]'].join('\n'),
        good: [
          'import requests',
          '',
          'def exchange_rate(currency):',
          '    response = requests.get(f"https://rates.example.com/{currency}", timeout=(3.05, 10))',
          '    return response.json()["rate"]',
        ].join('\n'),
      },
      howToFix:
        'Give every call a timeout suited to the service: `timeout=10`, or `timeout=(connect, read)`. For many calls, ' +
        'use a `requests.Session` wrapper or an adapter that sets a default, and keep slow work out of the request ' +
        'cycle (a task queue). With httpx, keep its default timeout or pass a finite `httpx.Timeout`.',
      references: [
        { title: 'Requests: timeouts', url: 'https://requests.readthedocs.io/en/latest/user/advanced/#timeouts' },
        { title: 'HTTPX: timeouts', url: 'https://www.python-httpx.org/advanced/timeouts/' },
        { title: 'CWE-400: Uncontrolled Resource Consumption', url: 'https://cwe.mitre.org/data/definitions/400.html' },
        { title: 'Bandit B113: request_without_timeout', url: 'https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html' },
      ],
      limitations:
        'Calls through a `requests.Session` (`session.get(...)`) are not judged, and a timeout passed inside ' +
        '`**kwargs` is not seen, so such calls are reported (as in Bandit).',
    },
  },
  create(context) {
    const { module } = context;
    return {
      call(node) {
        const name = module.qualifiedName(node);
        if (!name) return;
        const isRequests = REQUESTS.test(name);
        if (!isRequests && !HTTPX.test(name)) return;
        const timeout = module.keywordArg(node, 'timeout');
        if (timeout === undefined) {
          if (isRequests) context.report({ node, message: `${name}() without a timeout: a server that never answers blocks this worker forever` });
          return;
        }
        if (module.literal(timeout)?.kind === 'none') context.report({ node, message: `${name}() with timeout=None: a server that never answers blocks this worker forever` });
      },
    };
  },
});
