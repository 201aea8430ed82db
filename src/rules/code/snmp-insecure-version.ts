import { definePythonRule } from '../../core/rule.js';

export default definePythonRule({
  meta: {
    code: 'PY508',
    name: 'snmp-insecure-version',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B508'],
    status: 'stable',
    summary: 'pysnmp is used with a community string (SNMPv1 or v2c), which is sent in cleartext and is the only authentication.',
    fix: 'Use SNMPv3 with UsmUserData(user, authKey=…, privKey=…, authProtocol=SHA-2, privProtocol=AES) instead of CommunityData.',
    docs: {
      whatItDoes:
        'Reports pysnmp\'s `CommunityData(…)` — through any import, alias or `from pysnmp.hlapi import *` — which ' +
        'selects community-based SNMP: `mpModel=0` is SNMPv1, `mpModel=1` (the default) SNMPv2c. Bandit reports only ' +
        'an explicit `mpModel=0` or `1`; since `CommunityData` has no other mode, this rule reports every use, ' +
        'including the default.',
      whyItMatters:
        'SNMPv1 and v2c authenticate with a community string sent in cleartext in every packet, and encrypt ' +
        'nothing. Anyone who can see the traffic learns the community and can query — or, with a write community, ' +
        'reconfigure — the switches, printers and UPSes the Django application monitors; the responses (interface ' +
        'tables, ARP caches, configuration) map the network for an attacker. SNMP over UDP is also easy to spoof.',
      example: {
        bad: [
          'from pysnmp.hlapi import CommunityData, SnmpEngine, getCmd',
          '',
          'def uptime(host):',
          '    return getCmd(SnmpEngine(), CommunityData("public", mpModel=1), transport(host), context(), uptime_oid())',
        ].join('\n'),
        good: [
          'from pysnmp.hlapi import SnmpEngine, UsmUserData, getCmd, usmAesCfb128Protocol, usmHMAC192SHA256AuthProtocol',
          '',
          'def uptime(host):',
          '    user = UsmUserData("monitor", authKey=settings.SNMP_AUTH_KEY, privKey=settings.SNMP_PRIV_KEY,',
          '                       authProtocol=usmHMAC192SHA256AuthProtocol, privProtocol=usmAesCfb128Protocol)',
          '    return getCmd(SnmpEngine(), user, transport(host), context(), uptime_oid())',
        ].join('\n'),
      },
      howToFix:
        'Configure an SNMPv3 user on the devices and use `UsmUserData` with both an authentication key and a privacy ' +
        '(encryption) key — the authPriv level — preferring SHA-2 authentication and AES privacy. Where a device ' +
        'only supports v1/v2c, restrict it to read-only, use a long random community, and confine SNMP to a ' +
        'management network.',
      references: [
        { title: 'RFC 3414: User-based Security Model (USM) for SNMPv3', url: 'https://www.rfc-editor.org/rfc/rfc3414' },
        { title: 'RFC 3410: Introduction to SNMPv3 and its security framework', url: 'https://www.rfc-editor.org/rfc/rfc3410' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'Bandit B508: snmp_insecure_version', url: 'https://bandit.readthedocs.io/en/latest/plugins/b508_snmp_insecure_version.html' },
      ],
    },
  },
  create(context) {
    const { module } = context;
    return {
      call: (node) => {
        // pysnmp's, through the imports or a `from pysnmp… import *`
        if (module.calleeName(node) !== 'CommunityData' || !module.calleeFrom(node, 'pysnmp')) return;
        const model = module.keywordArg(node, 'mpModel');
        const value = model && module.literal(model);
        const version = value?.kind === 'int' && value.value === 0 ? 'SNMPv1' : value === undefined && model ? 'SNMPv1 or v2c' : 'SNMPv2c';
        context.report({ node, message: `CommunityData selects ${version}: the community string travels in cleartext and nothing is encrypted` });
      },
    };
  },
});
