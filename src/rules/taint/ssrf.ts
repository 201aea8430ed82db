import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import type { CallView, SinkMatch } from '../../taint/spec.js';

/** Where the URL is among a call's arguments. */
type Slot = readonly [index: number, keyword: string];

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** Module-level functions (qualified) that send a request, and where their URL (or host) is. */
const CLIENT_FUNCTIONS: ReadonlyMap<string, Slot> = new Map<string, Slot>([
  ...VERBS.flatMap((verb) => [`requests.${verb}`, `requests.api.${verb}`, `httpx.${verb}`].map((name) => [name, [0, 'url']] as [string, Slot])),
  ['requests.request', [1, 'url']],
  ['requests.api.request', [1, 'url']],
  ['httpx.request', [1, 'url']],
  ['httpx.stream', [1, 'url']],
  ['urllib.request.urlopen', [0, 'url']],
  ['urllib.request.Request', [0, 'url']],
  ['urllib.request.urlretrieve', [0, 'url']],
  ['urllib3.request', [1, 'url']],
  ['aiohttp.request', [1, 'url']],
  ['http.client.HTTPConnection', [0, 'host']],
  ['http.client.HTTPSConnection', [0, 'host']],
]);

/** Client objects: the calls that create them (receiver types), as such or entered by `with`. */
const CLIENT_TYPES = [
  /^requests\.(sessions\.)?[Ss]ession\(\)$/,
  /^httpx\.(Async)?Client\(\)$/,
  /^urllib3\.(poolmanager\.)?(PoolManager|ProxyManager)\(\)$/,
  /^urllib3\.(connectionpool\.)?(HTTPConnectionPool|HTTPSConnectionPool|connection_from_url)\(\)$/,
  /^aiohttp\.(client\.)?ClientSession\(\)$/,
];

function isClient(type: string): boolean {
  const created = type.replace(/\.__a?enter__\(\)$/, '');
  return CLIENT_TYPES.some((pattern) => pattern.test(created));
}
const CLIENT_METHODS: ReadonlyMap<string, Slot> = new Map<string, Slot>([
  ...VERBS.map((verb) => [verb, [0, 'url']] as [string, Slot]),
  ['request', [1, 'url']],
  ['stream', [1, 'url']],
  ['urlopen', [1, 'url']],
  ['ws_connect', [0, 'url']],
]);

/** Module-level string constants (`API_BASE = "https://api.example.com"`). */
function moduleConstant(module: PythonModule, name: string): string | undefined {
  let found: string | undefined;
  for (const statement of module.root.children) {
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = field(assignment, 'left');
    const right = field(assignment, 'right');
    if (left?.type !== 'identifier' || module.text(left) !== name || !right) continue;
    const value = module.literal(right);
    if (value?.kind !== 'str' || found !== undefined) return undefined;
    found = value.value;
  }
  return found;
}

/** A piece of a URL expression, left to right: known text, a configured base (a constant we cannot read), or data. */
type Piece = { kind: 'text'; text: string } | { kind: 'base' } | { kind: 'other' };

/** The leading pieces of a URL expression, as far as they are static. */
function pieces(module: PythonModule, node: PyNode): Piece[] {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.children[0]) current = current.children[0];
  const literal = module.literal(current);
  if (literal?.kind === 'str') return [{ kind: 'text', text: literal.value }];
  switch (current.type) {
    case 'string': {
      const out: Piece[] = [];
      for (const child of current.children) {
        if (child.type === 'string_content' || child.type === 'escape_sequence') out.push({ kind: 'text', text: module.text(child) });
        else if (child.type === 'interpolation') {
          const expression = field(child, 'expression');
          if (!expression || child.children.some((c) => c.type === 'format_specifier' || c.type === 'type_conversion')) out.push({ kind: 'other' });
          else out.push(...constantPieces(module, expression));
        }
      }
      return out;
    }
    case 'concatenated_string':
      return current.children.flatMap((child) => pieces(module, child));
    case 'binary_operator': {
      const left = field(current, 'left');
      const right = field(current, 'right');
      if (!left || !right) return [{ kind: 'other' }];
      if (current.ops?.[0] === '+') return [...pieces(module, left), ...pieces(module, right)];
      if (current.ops?.[0] === '%') return formatPrefix(pieces(module, left), '%');
      return [{ kind: 'other' }];
    }
    case 'call': {
      // "https://api.example.com/{}".format(x)
      const fn = field(current, 'function');
      const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
      if (object && module.text(field(fn!, 'attribute')!) === 'format') return formatPrefix(pieces(module, object), '{');
      return [{ kind: 'other' }];
    }
    case 'identifier':
    case 'attribute':
      return constantPieces(module, current);
    default:
      return [{ kind: 'other' }];
  }
}

/** A name in a URL: a module-level string constant, a configured base (`settings.API_URL`, `API_BASE`), or data. */
function constantPieces(module: PythonModule, node: PyNode): Piece[] {
  if (node.type === 'identifier') {
    const value = moduleConstant(module, module.text(node));
    if (value !== undefined) return [{ kind: 'text', text: value }];
    return /^[A-Z][A-Z0-9_]*$/.test(module.text(node)) ? [{ kind: 'base' }] : [{ kind: 'other' }];
  }
  if (node.type === 'attribute') {
    const qualified = module.qualifiedName(node);
    const attribute = module.text(field(node, 'attribute')!);
    if ((qualified?.startsWith('django.conf.settings.') ?? false) || /^[A-Z][A-Z0-9_]*$/.test(attribute)) return [{ kind: 'base' }];
  }
  return [{ kind: 'other' }];
}

/** The static text before the first placeholder of a format string. */
function formatPrefix(template: Piece[], placeholder: string): Piece[] {
  const out: Piece[] = [];
  for (const piece of template) {
    if (piece.kind !== 'text') return [...out, piece];
    const at = piece.text.indexOf(placeholder);
    if (at >= 0) return [...out, { kind: 'text', text: piece.text.slice(0, at) }, { kind: 'other' }];
    out.push(piece);
  }
  return out;
}

/**
 * Does the URL visibly start with a fixed scheme and host, followed by a path, query or fragment? Then request data
 * can only choose the path or the query on that host (partial SSRF). A host not followed by `/`, `?` or `#` is not
 * fixed: `"https://api.example.com" + x` goes to `evil.example` when `x` is `@evil.example`.
 */
function hasFixedHost(module: PythonModule, url: PyNode): boolean {
  const parts = pieces(module, url);
  let text = '';
  for (const [index, piece] of parts.entries()) {
    if (piece.kind === 'text') {
      text += piece.text;
      continue;
    }
    if (piece.kind === 'base' && index === 0) {
      // A configured base URL: fixed when what follows starts a path.
      const next = parts[1];
      return next?.kind === 'text' && /^[/?#]/.test(next.text);
    }
    break;
  }
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\\\s]+[/?#]/i.test(text);
}

function clientMatch(call: CallView, slot: Slot, what: string): SinkMatch | undefined {
  const url = call.argument(slot[0], slot[1]);
  if (!url) return undefined;
  if (slot[1] === 'host') return { args: [{ node: url }], note: `host of ${what}`, accepts: ['data'] };
  if (hasFixedHost(call.module, url)) {
    return { args: [{ node: url }], note: `the path of a URL requested with ${what} (partial SSRF: the host is fixed)`, maxConfidence: 'low', accepts: ['data'] };
  }
  return { args: [{ node: url }], note: `URL requested with ${what}`, accepts: ['data'] };
}

export default defineTaintRule({
  meta: {
    code: 'TNT009',
    name: 'ssrf',
    family: 'taint',
    severity: 'high',
    confidence: 'high',
    cwe: [918],
    owasp: ['A10:2021-Server-Side Request Forgery'],
    aliases: [],
    status: 'stable',
    summary: 'Request data chooses the URL or host of an outgoing HTTP request made by the server (server-side request forgery).',
    fix: 'Do not let clients choose where the server connects: map their input to a fixed set of URLs, or check the parsed host against an allow-list before sending.',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments) ' +
        'through assignments, string and URL building (f-strings, `+`, `%`, `.format()`, `urljoin()`), helper ' +
        'functions and other modules, and reports it when it becomes the URL of an outgoing request: ' +
        '`requests.get/post/put/patch/delete/head/options/request`, methods of `requests.Session()`, `httpx` ' +
        '(functions, `Client()`, `AsyncClient()`), `urllib.request.urlopen()` / `Request()`, `urllib3` ' +
        '(`PoolManager().request(method, url)`), `aiohttp.ClientSession()`, or the host of ' +
        '`http.client.HTTPConnection()` / `HTTPSConnection()`. When the URL visibly starts with a fixed scheme and ' +
        'host followed by a path (`f"https://api.example.com/users/{name}"`, `settings.API_URL + "/users/" + name`), ' +
        'the request data only chooses the path on that host: this *partial* SSRF is reported at low confidence. ' +
        'Values passed as query parameters (`params=`), bodies (`data=`, `json=`) or headers are not URLs and are ' +
        'not reported, nor are numbers, values compared against a literal allow-list, URLs whose parsed host is ' +
        'tested against one (`if urlsplit(url).hostname in ALLOWED_HOSTS:`), or URLs checked with ' +
        '`url_has_allowed_host_and_scheme()`. A URL that passed Django\'s `URLValidator` (`validate(url)`, which ' +
        'raises on bad input) is reported at low confidence: the validator limits the scheme, not the host.',
      whyItMatters:
        'The server usually sits where the attacker cannot: next to the cloud metadata service ' +
        '(`http://169.254.169.254/` hands out credentials), internal admin panels, databases and caches that speak ' +
        'HTTP-like protocols, and services that trust the server\'s IP address. A "fetch this URL for me" feature ' +
        '(webhooks, link previews, avatar or import URLs) lets the attacker scan the internal network, read ' +
        'internal responses and reach endpoints that are not meant to be public. With a fixed host, controlling the ' +
        'path still lets them call other endpoints of that API with the server\'s credentials (`../admin/`, query ' +
        'strings injected through `?` and `#`).',
      example: {
        bad:
          'def preview(request):\n' +
          '    url = request.GET["url"]\n' +
          '    page = requests.get(url, timeout=5)\n' +
          '    return JsonResponse({"title": extract_title(page.text)})',
        good:
          'PREVIEW_HOSTS = {"www.youtube.com", "vimeo.com"}\n' +
          '\n' +
          'def preview(request):\n' +
          '    url = request.GET["url"]\n' +
          '    if not url_has_allowed_host_and_scheme(url, allowed_hosts=PREVIEW_HOSTS, require_https=True):\n' +
          '        return HttpResponseBadRequest("unsupported URL")\n' +
          '    page = requests.get(url, timeout=5, allow_redirects=False)\n' +
          '    return JsonResponse({"title": extract_title(page.text)})',
      },
      howToFix:
        'Prefer identifiers over URLs: let the client pick a provider or a resource id, and build the URL on the ' +
        'server from a fixed base (`f"https://api.example.com/items/{int(item_id)}"`), passing other values as ' +
        '`params=`. When the feature really needs arbitrary URLs, parse them, require `https`, check the host ' +
        'against an allow-list (`url_has_allowed_host_and_scheme(url, allowed_hosts=...)` does both), disable ' +
        'redirects or re-check every hop, resolve the name and refuse private, loopback and link-local addresses, ' +
        'and run the fetch from a network segment without access to internal services. For a path built from ' +
        'request data, quote it (`urllib.parse.quote(value, safe="")`) so that it cannot add `../`, `?` or `#`.',
      references: [
        { title: 'Django: url_has_allowed_host_and_scheme() (django.utils.http)', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#module-django.utils.http' },
        { title: 'CWE-918: Server-Side Request Forgery (SSRF)', url: 'https://cwe.mitre.org/data/definitions/918.html' },
        { title: 'OWASP Top 10 2021: A10 Server-Side Request Forgery', url: 'https://owasp.org/Top10/A10_2021-Server-Side_Request_Forgery_%28SSRF%29/' },
        { title: 'OWASP Server-Side Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html' },
        { title: 'CodeQL: py/full-ssrf', url: 'https://codeql.github.com/codeql-query-help/python/py-full-ssrf/' },
        { title: 'CodeQL: py/partial-ssrf', url: 'https://codeql.github.com/codeql-query-help/python/py-partial-ssrf/' },
      ],
      limitations:
        'A check of the parsed host (`urlsplit(url).hostname in ALLOWED`) does not clear the URL it was parsed ' +
        'from: such code is still reported. Client objects are recognised when they are created in the same ' +
        'function or at the top of the module (`session = requests.Session()`); a session stored on `self` or ' +
        'passed in as a parameter is not, and neither are the `get()` calls made on it. A base URL read from a ' +
        'setting or an upper-case constant counts as a fixed host only when the text after it starts with `/`, `?` ' +
        'or `#`. Redirects followed by the client, and DNS names that resolve to internal addresses, are outside ' +
        'what a static analysis can see.',
    },
  },
  hostAllowList: true,
  sinks: {
    callees: [...CLIENT_FUNCTIONS.keys()],
    methods: [...CLIENT_METHODS.keys()],
    match(call) {
      const slot = call.callee !== null ? CLIENT_FUNCTIONS.get(call.callee) : undefined;
      if (slot) return clientMatch(call, slot, `${call.callee}()`);
      const method = call.method;
      const methodSlot = method ? CLIENT_METHODS.get(method) : undefined;
      if (!method || !methodSlot) return undefined;
            const types = call.receiverTypes;
      const client = types.find(isClient);
      if (!client) return undefined;
      return clientMatch(call, methodSlot, `${client.replace(/\(\).*$/, '()')}.${method}()`);
    },
  },
  guards: ['django.utils.http.url_has_allowed_host_and_scheme', 'django.utils.http.is_safe_url'],
  // URLValidator admits only http(s)/ftp(s) URLs (no file://, gopher://), but any host, internal ones included.
  partialValidators: ['django.core.validators.URLValidator'],
});
