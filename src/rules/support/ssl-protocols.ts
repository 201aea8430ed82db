/**
 * Obsolete SSL/TLS protocol versions, shared by PY502 (a protocol chosen in a call or on a context) and PY503 (a
 * protocol as a parameter default): the `bad_protocol_versions` option both read, and how a name is matched.
 */
import { stringListOption } from '../../core/rule-options.js';
import type { RuleOptionSpec } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

/** Bandit's `ssl_with_bad_version.bad_protocol_versions`, shared by PY502 and PY503. */
export const BAD_PROTOCOL_VERSIONS = {
  name: 'bad_protocol_versions',
  type: 'string-list',
  default: [
    'PROTOCOL_SSLv2',
    'SSLv2_METHOD',
    'SSLv23_METHOD',
    'PROTOCOL_SSLv3',
    'PROTOCOL_TLSv1',
    'SSLv3_METHOD',
    'TLSv1_METHOD',
    'PROTOCOL_TLSv1_1',
    'TLSv1_1_METHOD',
  ],
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

/** The protocol names a rule reports: its `bad_protocol_versions` option, Bandit's list by default. */
export interface BadProtocols {
  /** Is the expression a listed protocol constant (`ssl.PROTOCOL_TLSv1`, `SSL.TLSv1_METHOD`, a bare `PROTOCOL_TLSv1`)? */
  isBadConstant(node: PyNode): boolean;
  /** Does an `ssl.TLSVersion` member (`TLSv1`) stand for a listed protocol? */
  isBadTlsVersion(member: string): boolean;
}

export function badProtocols(options: Readonly<Record<string, unknown>>, module: PythonModule): BadProtocols {
  const bad = new Set(stringListOption(options, BAD_PROTOCOL_VERSIONS));
  return {
    isBadConstant: (node) => {
      const name = constantName(module, node);
      return name !== undefined && bad.has(name);
    },
    isBadTlsVersion: (member) => (TLS_VERSION_EQUIVALENTS[member] ?? []).some((name) => bad.has(name)),
  };
}

/** The member of `ssl.TLSVersion` an expression names (`TLSv1` for `ssl.TLSVersion.TLSv1`), through imports and aliases. */
export function tlsVersionMember(module: PythonModule, node: PyNode): string | undefined {
  return module.qualifiedName(node)?.match(/^ssl\.TLSVersion\.(\w+)$/)?.[1];
}

/** The last name of `ssl.PROTOCOL_TLSv1` / `PROTOCOL_TLSv1`; undefined for other expressions. */
function constantName(module: PythonModule, node: PyNode): string | undefined {
  if (node.type === 'identifier') return module.text(node);
  if (node.type === 'attribute') {
    const attr = field(node, 'attribute');
    return attr ? module.text(attr) : undefined;
  }
  return undefined;
}
