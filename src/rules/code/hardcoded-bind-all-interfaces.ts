import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

/** Expressions a literal can sit in while still being an element of the value being assigned. */
const PASS_THROUGH = new Set([
  'list',
  'tuple',
  'set',
  'parenthesized_expression',
  'expression_list',
  'binary_operator',
  'conditional_expression',
  'argument_list',
  'keyword_argument',
  'call',
  'attribute',
  'list_splat',
]);

function isAllowedHosts(node: PyNode | undefined, module: PythonModule): boolean {
  const chain = node && module.dottedChain(node);
  return chain !== undefined && chain[chain.length - 1] === 'ALLOWED_HOSTS';
}

/** Is the literal an entry of `ALLOWED_HOSTS` (assigned, `+=`, appended, or an environment default for it)? */
function inAllowedHosts(literal: PyNode, module: PythonModule): boolean {
  for (let child = literal, parent = literal.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'assignment' || parent.type === 'augmented_assignment') {
      return field(parent, 'right') === child && isAllowedHosts(field(parent, 'left'), module);
    }
    if (parent.type === 'call') {
      const fn = field(parent, 'function');
      const method = fn?.type === 'attribute' ? field(fn, 'attribute') : undefined;
      if (method && ['append', 'extend', 'insert'].includes(module.text(method)) && isAllowedHosts(field(fn!, 'object'), module)) return true;
    }
    if (!PASS_THROUGH.has(parent.type)) return false;
  }
  return false;
}

export default definePythonRule({
  meta: {
    code: 'PY104',
    name: 'hardcoded-bind-all-interfaces',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [1327, 605],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B104'],
    status: 'stable',
    summary: 'The address "0.0.0.0" makes a server listen on every network interface.',
    fix: 'Bind to 127.0.0.1 (or a Unix socket) behind a reverse proxy, or read the bind address from configuration.',
    docs: {
      whatItDoes:
        'Reports every string literal equal to `"0.0.0.0"`, as Bandit does — typically the host of a development ' +
        'server, a socket `bind()` or a Gunicorn/uvicorn start-up in Python code. Docstrings are not reported. In a ' +
        'settings module, `"0.0.0.0"` as an entry of `ALLOWED_HOSTS` (assigned, added with `+=`, appended or as the ' +
        'default of an environment read) is reported with low confidence: there it is a Host header value Django ' +
        'accepts, not a bind address.',
      whyItMatters:
        'Listening on `0.0.0.0` exposes the service on every interface of the host: the public one, the container ' +
        'network, a VPN. A development server (`runserver`, Werkzeug), a debug endpoint or an internal API that was ' +
        'meant for localhost becomes reachable from other machines, bypassing the reverse proxy that terminates TLS, ' +
        'filters hosts and rate-limits.',
      example: {
        bad: ['from django.core.management import call_command', '', 'call_command("runserver", "0.0.0.0:8000")', 'server = make_server("0.0.0.0", 8000, application)'].join('\n'),
        good: [
          'import os',
          '',
          'HOST = os.environ.get("BIND_HOST", "127.0.0.1")',
          'server = make_server(HOST, 8000, application)',
        ].join('\n'),
      },
      howToFix:
        'Listen on `127.0.0.1` or a Unix socket and let a reverse proxy (nginx, a load balancer) accept outside ' +
        'traffic. Where the process must listen on all interfaces (inside a container whose port is published ' +
        'deliberately), take the address from configuration and suppress the finding with the reason. Never expose ' +
        '`runserver` or a debugger that way.',
      references: [
        { title: 'Django: deploying with Gunicorn behind a proxy', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/gunicorn/' },
        { title: 'Django: runserver is not for production', url: 'https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver' },
        { title: 'CWE-1327: Binding to an Unrestricted IP Address', url: 'https://cwe.mitre.org/data/definitions/1327.html' },
        { title: 'Bandit B104: hardcoded_bind_all_interfaces', url: 'https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html' },
      ],
      limitations:
        'Only the exact string `"0.0.0.0"` is recognised: `"0.0.0.0:8000"`, `"::"` and addresses held in variables are ' +
        'not (as in Bandit). Whether a string is an `ALLOWED_HOSTS` entry is decided from the syntax around it in the ' +
        'settings module, without evaluating the settings.',
    },
  },
  create(context) {
    const { module, file } = context;
    const settings = file.roles.includes('settings');
    const check = (node: PyNode): void => {
      if (node.parent?.type === 'concatenated_string' || node.parent?.type === 'expression_statement') return;
      // Cheap test first: a single literal holds the address in its source text (concatenations may split it).
      if (node.type === 'string' && !module.source.slice(node.start, node.end).includes('0.0.0.0')) return;
      const value = module.literal(node);
      if (value?.kind !== 'str' || value.value !== '0.0.0.0') return;
      if (settings && inAllowedHosts(node, module)) {
        context.report({ node, message: '"0.0.0.0" in ALLOWED_HOSTS is a Host header value, not a bind address; a host name is expected there', confidence: 'low' });
        return;
      }
      context.report({ node, message: '"0.0.0.0" binds to every network interface: the service is reachable from any network the host is on' });
    };
    return { string: check, concatenated_string: check };
  },
});
