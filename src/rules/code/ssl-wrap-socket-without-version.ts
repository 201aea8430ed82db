import { definePythonRule } from '../../core/rule.js';
import { field } from '../../python/ast.js';

/** `ssl.wrap_socket(sock, keyfile, certfile, server_side, cert_reqs, ssl_version, …)`: ssl_version is the sixth. */
const SSL_VERSION_POSITION = 5;

export default definePythonRule({
  meta: {
    code: 'PY504',
    name: 'ssl-wrap-socket-without-version',
    family: 'code',
    severity: 'low',
    confidence: 'medium',
    cwe: [327, 295],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B504'],
    status: 'stable',
    summary: 'ssl.wrap_socket() is called without ssl_version: it relies on library defaults and, by default, does not verify the peer\'s certificate.',
    fix: 'Replace ssl.wrap_socket() with ssl.create_default_context().wrap_socket(sock, server_hostname=host).',
    docs: {
      whatItDoes:
        'Reports calls to `ssl.wrap_socket()` that do not choose a protocol version (no `ssl_version=` keyword and no ' +
        'sixth positional argument). A call that spreads `*args` or `**kwargs` is not reported, since the version ' +
        'may be among them — Bandit reports it anyway. A call that does pass an obsolete version is PY502\'s.',
      whyItMatters:
        'The function picks whatever default the Python and OpenSSL versions in production have — on old ' +
        'interpreters, a mode that still accepted SSLv3. Worse, `ssl.wrap_socket()` defaults to `cert_reqs=CERT_NONE` ' +
        'and never checks the host name, so the connection is encrypted to whoever answers, including an attacker ' +
        'in the middle. The function was deprecated in Python 3.7 and removed in 3.12, so the code also fails on ' +
        'current Python.',
      example: {
        bad: [
          'import socket, ssl',
          '',
          'def open_ticker(host):',
          '    raw = socket.create_connection((host, 443))',
          '    return ssl.wrap_socket(raw)',
        ].join('\n'),
        good: [
          'import socket, ssl',
          '',
          'def open_ticker(host):',
          '    context = ssl.create_default_context()  # modern protocols, certificate and host-name checks',
          '    raw = socket.create_connection((host, 443))',
          '    return context.wrap_socket(raw, server_hostname=host)',
        ].join('\n'),
      },
      howToFix:
        'Create a context with `ssl.create_default_context()` — it negotiates TLS 1.2 or newer on current systems ' +
        'and verifies the certificate and host name — and call `context.wrap_socket(sock, server_hostname=host)`. ' +
        'For a server socket use `ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)` and `load_cert_chain()`. ' +
        'Raise the floor explicitly with `context.minimum_version = ssl.TLSVersion.TLSv1_2` if needed.',
      references: [
        { title: 'Python: ssl.create_default_context()', url: 'https://docs.python.org/3/library/ssl.html#ssl.create_default_context' },
        { title: 'What\'s new in Python 3.12: ssl.wrap_socket() removed', url: 'https://docs.python.org/3/whatsnew/3.12.html#ssl' },
        { title: 'CWE-327: Use of a Broken or Risky Cryptographic Algorithm', url: 'https://cwe.mitre.org/data/definitions/327.html' },
        { title: 'Bandit B504: ssl_with_no_version', url: 'https://bandit.readthedocs.io/en/latest/plugins/b504_ssl_with_no_version.html' },
      ],
    },
  },
  create(context) {
    const { module } = context;
    return {
      'call:ssl.wrap_socket': (node) => {
        const args = field(node, 'arguments');
        if (args?.children.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat')) return;
        if (module.argument(node, SSL_VERSION_POSITION, 'ssl_version')) return;
        context.report({ node, message: 'ssl.wrap_socket() without ssl_version: library-default protocol, and no certificate verification unless cert_reqs is set' });
      },
    };
  },
});
