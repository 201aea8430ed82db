import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';

/** paramiko policies that let the connection proceed with a host key nobody has verified. */
const ACCEPTING_POLICIES = new Set(['AutoAddPolicy', 'WarningPolicy', 'MissingHostKeyPolicy']);

export default definePythonRule({
  meta: {
    code: 'PY507',
    name: 'ssh-host-key-auto-accept',
    family: 'code',
    severity: 'high',
    confidence: 'medium',
    cwe: [295, 322],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: ['B507'],
    status: 'stable',
    summary: 'A paramiko SSH client accepts unknown host keys, so it cannot tell the real server from an impostor.',
    fix: 'Load the known host keys (load_system_host_keys() or load_host_keys(path)) and keep the default RejectPolicy.',
    docs: {
      whatItDoes:
        'Reports `set_missing_host_key_policy()` calls (on any SSH client object) whose policy is paramiko\'s ' +
        '`AutoAddPolicy` or `WarningPolicy` — as an instance or as the class, as Bandit does — or the base ' +
        '`MissingHostKeyPolicy`, whose default `missing_host_key()` accepts the key too. The policy must resolve to ' +
        'paramiko through the imports, or be an unresolved name in a file that imports paramiko.',
      whyItMatters:
        'SSH authenticates the server by its host key. With a policy that accepts unknown keys, the first ' +
        'connection — or every connection, when keys are not saved — trusts whoever answers. An attacker who can ' +
        'redirect the traffic (DNS, ARP, a compromised network hop) poses as the server, receives the password or ' +
        'the forwarded agent, and reads or alters the commands and files a Django task sends: backups, deployments, ' +
        'SFTP exports of customer data.',
      example: {
        bad: [
          'import paramiko',
          '',
          'def push_backup(path):',
          '    client = paramiko.SSHClient()',
          '    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())',
          '    client.connect("backup.example", username="django", key_filename=settings.BACKUP_KEY)',
        ].join('\n'),
        good: [
          'import paramiko',
          '',
          'def push_backup(path):',
          '    client = paramiko.SSHClient()',
          '    client.load_host_keys(settings.BACKUP_KNOWN_HOSTS)  # pinned host key, shipped with the deployment',
          '    client.connect("backup.example", username="django", key_filename=settings.BACKUP_KEY)',
        ].join('\n'),
      },
      howToFix:
        'Record the server\'s host key once, out of band (`ssh-keyscan`, checked against the fingerprint the server ' +
        'administrator gives you), ship it in a known_hosts file, and load it with `load_host_keys()` or ' +
        '`load_system_host_keys()`. Leave the default `RejectPolicy` in place so an unexpected key fails the ' +
        'connection instead of being trusted.',
      references: [
        { title: 'Paramiko: SSHClient.set_missing_host_key_policy', url: 'https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.set_missing_host_key_policy' },
        { title: 'CWE-322: Key Exchange without Entity Authentication', url: 'https://cwe.mitre.org/data/definitions/322.html' },
        { title: 'CWE-295: Improper Certificate Validation', url: 'https://cwe.mitre.org/data/definitions/295.html' },
        { title: 'Bandit B507: ssh_no_host_key_verification', url: 'https://bandit.readthedocs.io/en/latest/plugins/b507_ssh_no_host_key_verification.html' },
      ],
      limitations:
        'A custom policy class whose `missing_host_key()` silently returns is not recognised, and other SSH ' +
        'libraries (asyncssh\'s `known_hosts=None`, Fabric\'s settings) are not covered.',
    },
  },
  create(context) {
    const { module } = context;
    /** Unresolved policy names: reported at the end if the file imports paramiko at all. */
    const unresolved: Array<{ node: PyNode; policy: string }> = [];
    let importsParamiko = false;
    return {
      'import:paramiko': () => {
        importsParamiko = true;
      },
      call: (node) => {
        if (module.calleeName(node) !== 'set_missing_host_key_policy') return;
        const argument = module.argument(node, 0, 'policy');
        const target = argument?.type === 'call' ? field(argument, 'function') : argument;
        if (!target) return;
        // Through the imports (`from paramiko import WarningPolicy as Warn`), else by the written name.
        const qualified = module.qualifiedName(target);
        const chain = qualified?.split('.') ?? module.dottedChain(target);
        const policy = chain?.[chain.length - 1];
        if (!policy || !ACCEPTING_POLICIES.has(policy)) return;
        if (qualified === null) unresolved.push({ node, policy });
        else if (qualified.startsWith('paramiko.')) report(node, policy);
      },
      'module:exit': () => {
        if (importsParamiko) for (const { node, policy } of unresolved) report(node, policy);
      },
    };
    function report(node: PyNode, policy: string): void {
      context.report({ node, message: `set_missing_host_key_policy(${policy}) accepts an unknown host key: the server is not authenticated` });
    }
  },
});
