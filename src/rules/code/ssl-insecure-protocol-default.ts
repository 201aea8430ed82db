import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { BAD_PROTOCOL_VERSIONS, badProtocols, tlsVersionMember } from '../support/ssl-protocols.js';

const PARAMETERS_WITH_DEFAULT = new Set(['default_parameter', 'typed_default_parameter']);

export default definePythonRule({
  meta: {
    code: 'PY503',
    name: 'ssl-insecure-protocol-default',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [327, 757],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B503'],
    status: 'stable',
    summary: 'A function parameter defaults to SSLv2, SSLv3, TLS 1.0 or TLS 1.1, so every caller that omits it gets an attackable protocol version.',
    fix: 'Default the parameter to None and build the context with ssl.create_default_context(), or default to ssl.PROTOCOL_TLS_CLIENT.',
    options: [BAD_PROTOCOL_VERSIONS],
    docs: {
      whatItDoes:
        'Reports function definitions whose parameter default is a deprecated protocol constant, such as ' +
        '`def connect(host, ssl_version=ssl.PROTOCOL_TLSv1)`, one finding per function, on the first such default. ' +
        'Keyword-only parameters count too (Bandit looks only at positional ones), and so do `ssl.TLSVersion.SSLv3`, ' +
        '`TLSv1` and `TLSv1_1` defaults. The constants come from the option `bad_protocol_versions` (Bandit\'s ' +
        '`ssl_with_bad_version` setting, shared with PY502): by default the SSLv2, SSLv3, TLS 1.0 and TLS 1.1 ' +
        'constants of `ssl` and pyOpenSSL, plus pyOpenSSL\'s `SSLv23_METHOD`.',
      whyItMatters:
        'A default is a decision made for every caller who does not think about it. A helper that opens TLS ' +
        'connections (to SMTP, LDAP, a partner API) with an SSLv3 or TLS 1.0 default quietly downgrades each of them ' +
        'to versions deprecated by RFC 8996 and open to POODLE, BEAST-style and downgrade attacks, and the call sites ' +
        'show nothing suspicious — PY502 cannot see a version nobody passes.',
      example: {
        bad: [
          'import ssl',
          '',
          'def open_feed(host, port=443, protocol=ssl.PROTOCOL_TLSv1):',
          '    context = ssl.SSLContext(protocol)',
          '    ...',
        ].join('\n'),
        good: [
          'import ssl',
          '',
          'def open_feed(host, port=443, context=None):',
          '    context = context or ssl.create_default_context()',
          '    ...',
        ].join('\n'),
      },
      howToFix:
        'Let the library negotiate: default the parameter to `None` and create the context with ' +
        '`ssl.create_default_context()` when none is given, or default to `ssl.PROTOCOL_TLS_CLIENT`. If callers ' +
        'need a floor, accept a `minimum_version` defaulting to `ssl.TLSVersion.TLSv1_2`.',
      references: [
        { title: 'Python: ssl — protocol versions', url: 'https://docs.python.org/3/library/ssl.html#protocol-versions' },
        { title: 'RFC 8996: Deprecating TLS 1.0 and TLS 1.1', url: 'https://www.rfc-editor.org/rfc/rfc8996' },
        { title: 'CWE-327: Use of a Broken or Risky Cryptographic Algorithm', url: 'https://cwe.mitre.org/data/definitions/327.html' },
        { title: 'Bandit B503: ssl_with_bad_defaults', url: 'https://bandit.readthedocs.io/en/latest/plugins/b503_ssl_with_bad_defaults.html' },
      ],
      limitations: 'Constants are matched by name, as Bandit does; a default taken from a module-level variable is not followed.',
    },
  },
  create(context) {
    const { module } = context;
    const bad = badProtocols(context.options, module);
    const isBad = (value: PyNode): boolean => {
      const member = tlsVersionMember(module, value);
      return member !== undefined ? bad.isBadTlsVersion(member) : bad.isBadConstant(value);
    };
    return {
      function_definition: (node) => {
        for (const parameter of field(node, 'parameters')?.children ?? []) {
          if (!PARAMETERS_WITH_DEFAULT.has(parameter.type)) continue;
          const value = field(parameter, 'value');
          if (!value || !isBad(value)) continue;
          const name = module.definitionName(node) ?? 'function';
          context.report({ node: parameter, message: `${name}() defaults ${module.text(parameter).replace(/\s+/g, ' ')}: callers that omit it get an obsolete protocol version` });
          return;
        }
      },
    };
  },
});
