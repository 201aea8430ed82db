import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import type { ImportedName } from '../../python/module.js';

export default definePythonRule({
  meta: {
    code: 'PY401',
    name: 'import-telnetlib',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B401'],
    status: 'stable',
    summary: 'A Telnet client library is imported: Telnet sends logins, passwords and data in cleartext.',
    fix: 'Talk to the remote system over SSH (paramiko, asyncssh, Fabric) or an HTTPS API instead of Telnet.',
    docs: {
      whatItDoes:
        'Reports imports of `telnetlib` (`import telnetlib`, `from telnetlib import Telnet`, and dynamic imports through ' +
        '`importlib.import_module("telnetlib")` or `__import__`) and of its asyncio successor `telnetlib3`. Any use ' +
        'of these modules speaks the Telnet protocol, which has no encryption at all.',
      whyItMatters:
        'Telnet puts the username, the password and every command and reply on the wire as plain text. Anyone on the ' +
        'network path — a shared hosting network, a compromised router, a cloud VPC peer — can read the credentials ' +
        'and replay them, or inject commands into the session. A Django application that logs into a switch, a PBX or ' +
        'a legacy host over Telnet hands those credentials to the network. `telnetlib` was deprecated by PEP 594 and ' +
        'removed in Python 3.13, so the import also breaks on current Python.',
      example: {
        bad: [
          'import telnetlib',
          '',
          'def reboot_router(host, password):',
          '    session = telnetlib.Telnet(host)',
          '    session.write(password.encode() + b"\\n")',
        ].join('\n'),
        good: [
          'import paramiko',
          '',
          'def reboot_router(host, user, key_path):',
          '    client = paramiko.SSHClient()',
          '    client.load_system_host_keys()',
          '    client.connect(host, username=user, key_filename=key_path)',
          '    client.exec_command("reload")',
        ].join('\n'),
      },
      howToFix:
        'Use SSH: enable it on the device and connect with paramiko, asyncssh or Fabric, verifying the host key ' +
        '(see PY507). If the device offers an HTTPS management API, prefer that. When a legacy device only speaks ' +
        'Telnet, confine the traffic to an isolated management network or a VPN and keep its credentials separate ' +
        'from everything else.',
      references: [
        { title: 'Python 3.12: telnetlib (deprecated, removed in 3.13)', url: 'https://docs.python.org/3.12/library/telnetlib.html' },
        { title: 'PEP 594: Removing dead batteries from the standard library', url: 'https://peps.python.org/pep-0594/' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'Bandit B401: import_telnetlib', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b401-import-telnetlib' },
      ],
      limitations:
        'The rule reports the import, not a connection: a module that imports telnetlib for a constant or a test double ' +
        'is reported too.',
    },
  },
  create(context) {
    const reported = new Set<PyNode>();
    const check = (node: PyNode, imported?: readonly ImportedName[]): void => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, message: `${imported?.[0]?.module ?? 'telnetlib'} imported: Telnet carries credentials and data unencrypted` });
    };
    return { 'import:telnetlib': check, 'import:telnetlib3': check };
  },
});
