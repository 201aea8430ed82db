import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';

export default definePythonRule({
  meta: {
    code: 'PY509',
    name: 'snmp-weak-cryptography',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B509'],
    status: 'stable',
    summary: 'An SNMPv3 user is configured without a privacy key (noAuthNoPriv or authNoPriv), so SNMP traffic is not encrypted.',
    fix: 'Give UsmUserData both an authKey and a privKey (authPriv), with SHA-2 authentication and AES privacy.',
    docs: {
      whatItDoes:
        'Reports pysnmp\'s `UsmUserData(…)` — through any import, alias or `from pysnmp.hlapi import *` — that has ' +
        'no privacy key: neither a third positional argument nor `privKey=` (or `privKey=None`), or ' +
        '`privProtocol=usmNoPrivProtocol`. The message says whether authentication is missing too (noAuthNoPriv) or ' +
        'only encryption (authNoPriv). Quieter than Bandit, which counts positional arguments only and so reports ' +
        '`UsmUserData("user", authKey=…, privKey=…)` although it is fully protected. A call spreading `*args` or ' +
        '`**kwargs` is not reported.',
      whyItMatters:
        'SNMPv3 security comes in three levels. Without a privacy key every request and response travels in clear: ' +
        'device configurations, routing and ARP tables, and any values the application writes. Without an ' +
        'authentication key as well, anyone who knows (or guesses) the user name can query or change the device. ' +
        'Configuring SNMPv3 and then leaving out encryption gives the appearance of a secure setup without its ' +
        'protection.',
      example: {
        bad: [
          'from pysnmp.hlapi import UsmUserData, usmHMACSHAAuthProtocol',
          '',
          'monitor = UsmUserData("monitor", authKey=settings.SNMP_AUTH_KEY, authProtocol=usmHMACSHAAuthProtocol)',
        ].join('\n'),
        good: [
          'from pysnmp.hlapi import UsmUserData, usmAesCfb128Protocol, usmHMAC192SHA256AuthProtocol',
          '',
          'monitor = UsmUserData(',
          '    "monitor",',
          '    authKey=settings.SNMP_AUTH_KEY,',
          '    privKey=settings.SNMP_PRIV_KEY,',
          '    authProtocol=usmHMAC192SHA256AuthProtocol,',
          '    privProtocol=usmAesCfb128Protocol,',
          ')',
        ].join('\n'),
      },
      howToFix:
        'Configure the SNMPv3 user on the device at the authPriv level and pass both keys to `UsmUserData`. Choose ' +
        'the protocols explicitly: pysnmp defaults to HMAC-MD5 and DES once keys are given, so set ' +
        '`authProtocol` to an SHA-2 variant and `privProtocol` to AES. Keep the keys in settings loaded from the ' +
        'environment, not in code.',
      references: [
        { title: 'RFC 3414: User-based Security Model (USM) for SNMPv3', url: 'https://www.rfc-editor.org/rfc/rfc3414' },
        { title: 'RFC 3826: AES cipher for the SNMP User-based Security Model', url: 'https://www.rfc-editor.org/rfc/rfc3826' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'Bandit B509: snmp_weak_cryptography', url: 'https://bandit.readthedocs.io/en/latest/plugins/b509_snmp_weak_cryptography.html' },
      ],
      limitations:
        'Weak protocol choices with both keys present (MD5 authentication, DES privacy) are not reported, and a key ' +
        'passed as a variable is assumed to be set.',
    },
  },
  create(context) {
    const { module } = context;
    /** An argument that is absent, `None`, or the given "no protocol" constant. */
    const missing = (node: PyNode | undefined): boolean => !node || module.literal(node)?.kind === 'none';
    const names = (node: PyNode | undefined, name: string): boolean => {
      const chain = node && module.dottedChain(node);
      return chain?.[chain.length - 1] === name;
    };
    return {
      call: (node) => {
        // pysnmp's, through the imports or a `from pysnmp… import *`
        if (module.calleeName(node) !== 'UsmUserData' || !module.calleeFrom(node, 'pysnmp')) return;
        if (field(node, 'arguments')?.children.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat')) return;
        const noAuth = missing(module.argument(node, 1, 'authKey')) || names(module.argument(node, 3, 'authProtocol'), 'usmNoAuthProtocol');
        const noPriv = missing(module.argument(node, 2, 'privKey')) || names(module.argument(node, 4, 'privProtocol'), 'usmNoPrivProtocol');
        if (!noPriv) return;
        const level = noAuth ? 'noAuthNoPriv: neither authenticated nor encrypted' : 'authNoPriv: authenticated but not encrypted';
        context.report({ node, message: `UsmUserData without a privacy key (${level})` });
      },
    };
  },
});
