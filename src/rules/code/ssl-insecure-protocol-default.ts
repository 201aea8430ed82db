import { stringListOption } from '../../core/rule-options.js';
import { definePythonRule, type RuleOptionSpec } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

/** Bandit's default `bad_protocol_versions` (config block `ssl_with_bad_version`, shared by B502 and B503). */
const DEFAULT_BAD_VERSIONS = [
  'PROTOCOL_SSLv2',
  'SSLv2_METHOD',
  'SSLv23_METHOD',
  'PROTOCOL_SSLv3',
  'PROTOCOL_TLSv1',
  'SSLv3_METHOD',
  'TLSv1_METHOD',
  'PROTOCOL_TLSv1_1',
  'TLSv1_1_METHOD',
];

const BAD_PROTOCOL_VERSIONS = {
  name: 'bad_protocol_versions',
  type: 'string-list',
  default: DEFAULT_BAD_VERSIONS,
  description:
    'Protocol constants to report, matched by their last name (`PROTOCOL_TLSv1` matches `ssl.PROTOCOL_TLSv1`); the ' +
    'list replaces the default. Bandit\'s `ssl_with_bad_version.bad_protocol_versions`, shared by PY502 and PY503. ' +
    '`ssl.TLSVersion` members count as bad when their `PROTOCOL_*` or `*_METHOD` equivalent is listed.',
} as const satisfies RuleOptionSpec;

/** `ssl.TLSVersion` members → the protocol constants that stand for the same version in the option list. */
const TLS_VERSION_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  SSLv3: ['PROTOCOL_SSLv3', 'SSLv3_METHOD'],
  TLSv1: ['PROTOCOL_TLSv1', 'TLSv1_METHOD'],
  TLSv1_1: ['PROTOCOL_TLSv1_1', 'TLSv1_1_METHOD'],
};

const PARAMETERS_WITH_DEFAULT = new Set(['default_parameter', 'typed_default_parameter']);

/** The last name of `ssl.PROTOCOL_TLSv1` / `PROTOCOL_TLSv1`; undefined for other expressions. */
function constantName(module: PythonModule, node: PyNode): string | undefined {
  if (node.type === 'identifier') return module.text(node);
  if (node.type === 'attribute') {
    const attr = field(node, 'attribute');
    return attr ? module.text(attr) : undefined;
  }
  return undefined;
}

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
    const bad = new Set(stringListOption(context.options, BAD_PROTOCOL_VERSIONS));
    const isBad = (value: PyNode): boolean => {
      const tlsVersion = module.qualifiedName(value)?.match(/^ssl\.TLSVersion\.(\w+)$/)?.[1];
      if (tlsVersion !== undefined) return (TLS_VERSION_EQUIVALENTS[tlsVersion] ?? []).some((name) => bad.has(name));
      const name = constantName(module, value);
      return name !== undefined && bad.has(name);
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
