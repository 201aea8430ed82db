import { definePythonRule } from '../../core/rule.js';

export default definePythonRule({
  meta: {
    code: 'PY415',
    name: 'import-pyghmi',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B415'],
    status: 'stable',
    summary: 'pyghmi is imported: the module talks IPMI, whose authentication and encryption are weak by design.',
    fix: 'Manage servers through Redfish over HTTPS where the hardware supports it, and keep any remaining IPMI traffic on an isolated management network.',
    docs: {
      whatItDoes:
        'Reports imports of `pyghmi` (`import pyghmi`, `from pyghmi.ipmi import command`, dynamic imports through ' +
        '`importlib.import_module` or `__import__`), the Python IPMI client. It marks code that can power-cycle, ' +
        'reconfigure or open consoles on servers through their baseboard management controllers.',
      whyItMatters:
        'IPMI 2.0\'s RAKP authentication lets anyone who asks for a session obtain a salted hash of a user\'s ' +
        'password and crack it offline; cipher suite 0 accepts any password on many BMCs; and many BMCs ship with ' +
        'default credentials. Whoever captures or cracks those credentials controls the hardware below the operating ' +
        'system. A Django back-office that drives IPMI turns a weakness in the web application into control of the ' +
        'data-centre machines.',
      example: {
        bad: [
          'from pyghmi.ipmi import command',
          '',
          'def power_cycle(host):',
          '    bmc = command.Command(bmc=host.bmc_ip, userid="admin", password=settings.BMC_PASSWORD)',
          '    bmc.set_power("reset")',
        ].join('\n'),
        good: [
          'import requests',
          '',
          'def power_cycle(host):',
          '    requests.post(',
          '        f"https://{host.bmc_ip}/redfish/v1/Systems/1/Actions/ComputerSystem.Reset",',
          '        json={"ResetType": "ForceRestart"}, auth=(settings.BMC_USER, settings.BMC_PASSWORD),',
          '        verify=settings.BMC_CA_BUNDLE, timeout=10,',
          '    )',
        ].join('\n'),
      },
      howToFix:
        'Use the Redfish REST API over HTTPS with certificate verification where the BMC offers it. Where IPMI ' +
        'remains, put BMCs on a dedicated management network or VPN that the web servers reach only through a narrow ' +
        'service, disable cipher suite 0 and default accounts, and use a unique, long password per BMC.',
      references: [
        { title: 'CISA: Risks of Using the Intelligent Platform Management Interface (IPMI)', url: 'https://www.cisa.gov/news-events/alerts/2013/07/26/risks-using-intelligent-platform-management-interface-ipmi' },
        { title: 'DMTF Redfish', url: 'https://www.dmtf.org/standards/redfish' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'Bandit B415: import_pyghmi', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b415-import-pyghmi' },
      ],
    },
  },
  create(context) {
    return {
      'import:pyghmi': (node, imported) => {
        context.report({ node, message: `${imported?.[0]?.module ?? 'pyghmi'} imported: IPMI authentication and encryption are weak by design` });
      },
    };
  },
});
