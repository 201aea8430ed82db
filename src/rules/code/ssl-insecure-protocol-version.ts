import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { BAD_PROTOCOL_VERSIONS, badProtocols, tlsVersionMember } from '../support/ssl-protocols.js';

/** APIs whose protocol argument Bandit (or its intent) treats as certain: name → keyword and position. */
const KNOWN_APIS: Readonly<Record<string, { keyword: string; position: number }>> = {
  'ssl.wrap_socket': { keyword: 'ssl_version', position: 5 },
  'ssl.SSLContext': { keyword: 'protocol', position: 0 },
  'OpenSSL.SSL.Context': { keyword: 'method', position: 0 },
  'pyOpenSSL.SSL.Context': { keyword: 'method', position: 0 },
};

export default definePythonRule({
  meta: {
    code: 'PY502',
    name: 'ssl-insecure-protocol-version',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [327, 757],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B502'],
    status: 'stable',
    summary: 'A TLS connection is configured with SSLv2, SSLv3, TLS 1.0 or TLS 1.1, protocol versions with known attacks.',
    fix: 'Use ssl.create_default_context() (or PROTOCOL_TLS_CLIENT/SERVER) and, if needed, set minimum_version = ssl.TLSVersion.TLSv1_2.',
    options: [BAD_PROTOCOL_VERSIONS],
    docs: {
      whatItDoes:
        'Reports a deprecated protocol constant passed where a TLS protocol is chosen. With high confidence: ' +
        '`ssl.wrap_socket(ssl_version=…)`, pyOpenSSL\'s `SSL.Context(method)`, and — beyond Bandit — ' +
        '`ssl.SSLContext(protocol)` and `context.minimum_version`/`maximum_version = ssl.TLSVersion.TLSv1` (or ' +
        '`SSLv3`, `TLSv1_1`; `MINIMUM_SUPPORTED` as a minimum, with medium confidence), keyword or positional. Any ' +
        'other call given `ssl_version=` or `method=` with such a constant is reported with medium severity and ' +
        'confidence, as Bandit does. The constants come from the option `bad_protocol_versions` (Bandit\'s ' +
        '`ssl_with_bad_version` setting): by default the SSLv2, SSLv3, TLS 1.0 and TLS 1.1 constants of `ssl` and ' +
        'pyOpenSSL, plus pyOpenSSL\'s `SSLv23_METHOD`.',
      whyItMatters:
        'SSLv2 and SSLv3 are broken (DROWN, POODLE); TLS 1.0 and 1.1 were formally deprecated by RFC 8996 and lack ' +
        'the modern cipher suites, leaving connections to BEAST-style and downgrade attacks. Pinning a connection to ' +
        'one of them — or allowing them as a minimum — lets an attacker on the network path decrypt or tamper with ' +
        'traffic that the Django application believes is protected: database links, SMTP, LDAP, calls to payment ' +
        'or identity providers.',
      example: {
        bad: [
          'import ssl',
          '',
          'def ldap_context():',
          '    context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)',
          '    context.load_verify_locations(settings.LDAP_CA_FILE)',
          '    return context',
        ].join('\n'),
        good: [
          'import ssl',
          '',
          'def ldap_context():',
          '    context = ssl.create_default_context(cafile=settings.LDAP_CA_FILE)',
          '    context.minimum_version = ssl.TLSVersion.TLSv1_2',
          '    return context',
        ].join('\n'),
      },
      howToFix:
        'Build contexts with `ssl.create_default_context()` (or `ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)`), which ' +
        'negotiates the best version both sides support and verifies certificates; raise the floor with ' +
        '`context.minimum_version = ssl.TLSVersion.TLSv1_2`. With pyOpenSSL use `SSL.TLS_METHOD` (or ' +
        '`TLS_CLIENT_METHOD`) and `set_min_proto_version(SSL.TLS1_2_VERSION)`. If a legacy peer only speaks TLS 1.0, ' +
        'isolate that connection rather than lowering the default for everything.',
      references: [
        { title: 'Python: ssl — protocol versions', url: 'https://docs.python.org/3/library/ssl.html#protocol-versions' },
        { title: 'Python: ssl.SSLContext.minimum_version', url: 'https://docs.python.org/3/library/ssl.html#ssl.SSLContext.minimum_version' },
        { title: 'RFC 8996: Deprecating TLS 1.0 and TLS 1.1', url: 'https://www.rfc-editor.org/rfc/rfc8996' },
        { title: 'CWE-327: Use of a Broken or Risky Cryptographic Algorithm', url: 'https://cwe.mitre.org/data/definitions/327.html' },
        { title: 'Bandit B502: ssl_with_bad_version', url: 'https://bandit.readthedocs.io/en/latest/plugins/b502_ssl_with_bad_version.html' },
      ],
      limitations:
        'Constants are matched by name, as Bandit does, and only where they are written in the call or assignment: ' +
        'a version chosen in a variable or a setting is not seen. pyOpenSSL\'s `SSLv23_METHOD` (Bandit\'s default ' +
        'list) actually negotiates the best version; it is reported because, without `OP_NO_SSLv2`/`OP_NO_SSLv3`, ' +
        'old OpenSSL builds let it fall back to SSL — drop it from `bad_protocol_versions` if your options exclude that.',
    },
  },
  create(context) {
    const { module } = context;
    const bad = badProtocols(context.options, module);
    const isBad = (node: PyNode | undefined): node is PyNode => node !== undefined && bad.isBadConstant(node);
    return {
      call: (node) => {
        const qualified = module.qualifiedName(node);
        const known = qualified ? KNOWN_APIS[qualified] : undefined;
        if (known) {
          const argument = module.argument(node, known.position, known.keyword);
          if (isBad(argument)) {
            context.report({ node: argument, message: `${qualified}() with ${module.text(argument)}: an obsolete, attackable protocol version` });
          }
          return;
        }
        const argument = [module.keywordArg(node, 'ssl_version'), module.keywordArg(node, 'method')].find(isBad);
        if (argument) {
          context.report({
            node: argument,
            message: `${module.calleeText(node)}() with ${module.text(argument)}: an obsolete, attackable protocol version`,
            severity: 'medium',
            confidence: 'medium',
          });
        }
      },
      assignment: (node) => {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left?.type !== 'attribute' || !right) return;
        const attribute = field(left, 'attribute');
        const bound = attribute && module.text(attribute);
        if (bound !== 'minimum_version' && bound !== 'maximum_version') return;
        const version = tlsVersionMember(module, right);
        if (!version || (version === 'MINIMUM_SUPPORTED' && bound === 'maximum_version')) return;
        // The oldest version the OpenSSL build allows: TLS 1.0 or older on most builds.
        if (!bad.isBadTlsVersion(version === 'MINIMUM_SUPPORTED' ? 'TLSv1' : version)) return;
        context.report({
          node: right,
          message: `${bound} = ssl.TLSVersion.${version}: the connection may use an obsolete, attackable protocol version`,
          ...(version === 'MINIMUM_SUPPORTED' ? { confidence: 'medium' as const } : {}),
        });
      },
    };
  },
});
