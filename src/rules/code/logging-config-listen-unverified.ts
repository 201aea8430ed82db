import { definePythonRule } from '../../core/rule.js';

export default definePythonRule({
  meta: {
    code: 'PY612',
    name: 'logging-config-listen-unverified',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [94],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['B612'],
    status: 'stable',
    summary: 'logging.config.listen() accepts logging configurations from the network without verifying them.',
    fix: 'Remove the listener, or pass verify= a function that checks a signature (HMAC) on each received configuration.',
    docs: {
      whatItDoes:
        'Reports calls to `logging.config.listen()` (through any import or alias) without a `verify` argument (keyword or ' +
        'second positional; Bandit only looks for the keyword), or ' +
        'with `verify=None`, which is the same thing.',
      whyItMatters:
        '`listen()` opens a socket (port 9030 by default) and applies every logging configuration it receives with ' +
        '`fileConfig()` or `dictConfig()`. Those configurations name handler, formatter and filter classes to ' +
        'import and instantiate, with arguments: whoever can reach the port can make the process import any module and ' +
        'call any class, which is code execution in your Django process, and can at least silence or redirect your logs.',
      example: {
        bad: ['import logging.config', '', 'listener = logging.config.listen(9030)', 'listener.start()'].join('\n'),
        good: [
          'import hashlib, hmac, logging.config',
          'from django.conf import settings',
          '',
          'def verify(data: bytes) -> bytes | None:',
          '    signature, payload = data[:32], data[32:]',
          '    expected = hmac.new(settings.LOGGING_CONFIG_KEY, payload, hashlib.sha256).digest()',
          '    return payload if hmac.compare_digest(signature, expected) else None',
          '',
          'listener = logging.config.listen(9030, verify=verify)',
        ].join('\n'),
      },
      howToFix:
        'Configure logging through the `LOGGING` setting and restart to change it. If configurations must be pushed ' +
        'at run time, pass `verify=`: a callable that checks a signature (HMAC with a secret key, compared with ' +
        '`hmac.compare_digest`) and returns `None` to reject the data. Bind the listener to localhost only.',
      references: [
        { title: 'Python: logging.config.listen()', url: 'https://docs.python.org/3/library/logging.config.html#logging.config.listen' },
        { title: 'CWE-94: Code Injection', url: 'https://cwe.mitre.org/data/definitions/94.html' },
        { title: 'Bandit B612: logging_config_insecure_listen', url: 'https://bandit.readthedocs.io/en/latest/plugins/b612_logging_config_insecure_listen.html' },
      ],
      limitations: 'Whether the `verify` callable actually checks anything is not examined.',
    },
  },
  create(context) {
    const { module } = context;
    return {
      'call:logging.config.listen': (node) => {
        const verify = module.argument(node, 1, 'verify'); // listen(port, verify)
        if (verify && module.literal(verify)?.kind !== 'none') return;
        context.report({ node, message: 'logging.config.listen() without verify=: any logging configuration received on the port is applied' });
      },
    };
  },
});
