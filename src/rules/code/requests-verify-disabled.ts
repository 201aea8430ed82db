import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

const VERBS = ['get', 'options', 'head', 'post', 'put', 'patch', 'delete'];
/** Method names that send a request and take `verify=` (requests, httpx and their sessions/clients). */
const METHODS = new Set([...VERBS, 'request', 'stream']);
/** Functions and constructors known to take `verify=` (Bandit's list, plus `requests.request` and httpx's transports). */
const KNOWN = new Set([
  ...['requests', 'requests.api'].flatMap((m) => [...VERBS, 'request'].map((v) => `${m}.${v}`)),
  ...[...VERBS, 'request', 'stream', 'Client', 'AsyncClient', 'HTTPTransport', 'AsyncHTTPTransport'].map((v) => `httpx.${v}`),
]);
/** Constructors of session/client objects whose methods send requests. */
const SESSIONS = new Set(['requests.Session', 'requests.session', 'requests.sessions.Session', 'requests.sessions.session', 'httpx.Client', 'httpx.AsyncClient']);

/** `False` (or `0`, which requests treats the same way): the certificate is not checked. */
function isFalsy(module: PythonModule, node: PyNode): boolean {
  const value = module.literal(node);
  return (value?.kind === 'bool' && !value.value) || (value?.kind === 'int' && value.value === 0);
}

export default definePythonRule({
  meta: {
    code: 'PY501',
    name: 'requests-verify-disabled',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [295],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A02:2021-Cryptographic Failures'],
    aliases: ['B501'],
    status: 'stable',
    summary: 'An HTTPS request is sent with verify=False: the server\'s certificate is not checked, so anyone on the path can impersonate it.',
    fix: 'Remove verify=False; for a private CA pass verify="/path/to/ca-bundle.pem" (or an ssl.SSLContext for httpx) instead.',
    docs: {
      whatItDoes:
        'Reports `verify=False` (or `verify=0`) passed to `requests.get/post/put/patch/delete/head/options/request` ' +
        'and to `httpx` (the same verbs, `request`, `stream`, `Client`, `AsyncClient` and the HTTP transports), ' +
        'resolved through imports and aliases. Beyond Bandit, it follows sessions: `requests.Session().get(…, ' +
        'verify=False)`, a name or attribute assigned a `requests.Session()` / `httpx.Client()` (including ' +
        '`with … as s`), and `session.verify = False` on such a session. A `.get()`/`.post()`/… call with ' +
        '`verify=False` on any other object is reported with medium confidence. A `verify` value that is not a ' +
        'literal (a setting, a CA bundle path, a variable) is not reported.',
      whyItMatters:
        'Certificate verification is what makes HTTPS authenticate the server. Without it, an attacker who can ' +
        'intercept traffic — on public Wi-Fi, a compromised router, a poisoned DNS answer, a cloud neighbour — ' +
        'presents any certificate and reads or rewrites the exchange: API keys and OAuth tokens sent to the ' +
        'provider, payment confirmations, user data. `verify=False` is usually added to get past a self-signed ' +
        'certificate in development and then ships to production with the rest of the code.',
      example: {
        bad: [
          'import requests',
          '',
          'def fetch_rates():',
          '    response = requests.get("https://rates.internal.example/api", verify=False, timeout=5)',
          '    return response.json()',
        ].join('\n'),
        good: [
          'import requests',
          '',
          'def fetch_rates():',
          '    response = requests.get(',
          '        "https://rates.internal.example/api", verify=settings.INTERNAL_CA_BUNDLE, timeout=5',
          '    )',
          '    return response.json()',
        ].join('\n'),
      },
      howToFix:
        'Delete `verify=False`. If the server uses a private or self-signed CA, pass the CA bundle path ' +
        '(`verify="/etc/ssl/internal-ca.pem"`, or the `REQUESTS_CA_BUNDLE` environment variable) — for httpx, an ' +
        '`ssl.SSLContext` loaded with that CA. Fix the certificate of a server that fails verification rather ' +
        'than the client. In tests, mock the HTTP layer instead of disabling verification.',
      references: [
        { title: 'Requests: SSL certificate verification', url: 'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification' },
        { title: 'HTTPX: SSL', url: 'https://www.python-httpx.org/advanced/ssl/' },
        { title: 'CWE-295: Improper Certificate Validation', url: 'https://cwe.mitre.org/data/definitions/295.html' },
        { title: 'Bandit B501: request_with_no_cert_validation', url: 'https://bandit.readthedocs.io/en/latest/plugins/b501_request_with_no_cert_validation.html' },
      ],
      limitations:
        'Sessions are followed by name within the file, without data flow: a session passed in as a parameter is ' +
        'recognised only through the medium-confidence `.get()`/`.post()` check, and `verify=False` spread from a ' +
        'dictionary (`**options`) is not seen. Other clients (`aiohttp`\'s `ssl=False`, `urllib3` `cert_reqs="CERT_NONE"`) ' +
        'are not this rule\'s business.',
    },
  },
  create(context) {
    const { module } = context;
    /** Source text of names and attributes bound to a session/client object (`s`, `self.session`). */
    const sessions = new Set<string>();
    const isSession = (node: PyNode | undefined): boolean => {
      if (!node) return false;
      if (node.type === 'call') return SESSIONS.has(module.qualifiedName(node) ?? '');
      return (node.type === 'identifier' || node.type === 'attribute') && sessions.has(module.text(node).replace(/\s+/g, ''));
    };
    const remember = (call: PyNode): void => {
      const parent = call.parent;
      let target: PyNode | undefined;
      if (parent?.type === 'assignment' && call.field === 'right') target = field(parent, 'left');
      else if (parent?.type === 'as_pattern') target = field(parent, 'alias')?.children[0];
      if (target && (target.type === 'identifier' || target.type === 'attribute')) sessions.add(module.text(target).replace(/\s+/g, ''));
    };
    return {
      call: (node) => {
        const qualified = module.qualifiedName(node);
        if (qualified && SESSIONS.has(qualified)) remember(node);
        const name = module.calleeName(node);
        const known = qualified !== null && KNOWN.has(qualified);
        if (!known && (name === undefined || !METHODS.has(name))) return;
        const verify = module.keywordArg(node, 'verify');
        if (!verify || !isFalsy(module, verify)) return;
        const fn = field(node, 'function');
        const sessionCall = fn?.type === 'attribute' && isSession(field(fn, 'object'));
        const label = known ? qualified : module.calleeText(node);
        context.report({
          node,
          message: `${label}(verify=${module.text(verify)}) sends the request without checking the server's TLS certificate`,
          ...(known || sessionCall ? {} : { confidence: 'medium' as const }),
        });
      },
      assignment: (node) => {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left?.type !== 'attribute' || !right || !isFalsy(module, right)) return;
        const attr = field(left, 'attribute');
        if (!attr || module.text(attr) !== 'verify' || !isSession(field(left, 'object'))) return;
        context.report({ node, message: `${module.text(left)} = ${module.text(right)} turns off TLS certificate checks for every request of this session` });
      },
    };
  },
});
