import { definePythonRule } from '../../core/rule.js';

export default definePythonRule({
  meta: {
    code: 'PY312',
    name: 'telnetlib-used',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B312'],
    status: 'stable',
    summary: 'A Telnet connection sends its credentials and data in cleartext.',
    fix: 'Connect over SSH instead (paramiko, asyncssh or fabric), with host-key verification.',
    docs: {
      whatItDoes: 'Reports the creation of `telnetlib.Telnet` connections, through any import or alias.',
      whyItMatters:
        'Telnet has no encryption and no server authentication. The user name, password and every command and reply ' +
        'cross the network in the clear, where anyone on the path — a shared hosting network, a compromised router, a ' +
        'cloud neighbour — can read them or impersonate the server. `telnetlib` was removed from the standard library ' +
        'in Python 3.13.',
      example: {
        bad: [
          'import telnetlib',
          '',
          'def reboot_device(host, password):',
          '    session = telnetlib.Telnet(host, 23, timeout=10)',
          '    session.write(password.encode() + b"\\nreboot\\n")',
        ].join('\n'),
        good: [
          'import paramiko',
          '',
          'def reboot_device(host, key_file):',
          '    client = paramiko.SSHClient()',
          '    client.load_system_host_keys()  # rejects unknown hosts by default',
          '    client.connect(host, username="ops", key_filename=key_file)',
          '    client.exec_command("reboot")',
        ].join('\n'),
      },
      howToFix:
        'Use SSH (`paramiko`, `asyncssh`, `fabric`) with key-based authentication and a known-hosts file, or the ' +
        'device\'s HTTPS API. If a legacy device only speaks Telnet, reach it over a VPN or a dedicated management ' +
        'network, never from the web server\'s public network.',
      references: [
        { title: 'Python: telnetlib (removed in 3.13)', url: 'https://docs.python.org/3.12/library/telnetlib.html' },
        { title: 'Paramiko: SSHClient', url: 'https://docs.paramiko.org/en/stable/api/client.html' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'Bandit B312: telnetlib', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b312-telnetlib' },
      ],
    },
  },
  create(context) {
    return {
      'call:telnetlib.Telnet': (node) => {
        context.report({ node, message: 'telnetlib.Telnet sends credentials and data in cleartext' });
      },
    };
  },
});
