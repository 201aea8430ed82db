import { definePythonRule } from '../../core/rule.js';
import { field } from '../../python/ast.js';

const UNVERIFIED = 'ssl._create_unverified_context';

export default definePythonRule({
  meta: {
    code: 'PY323',
    name: 'ssl-unverified-context',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [295],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: ['B323'],
    status: 'stable',
    summary: 'An SSL context that skips certificate and host name verification is created.',
    fix: 'Use ssl.create_default_context() (pass cafile= for a private CA) so the server\'s certificate is verified.',
    docs: {
      whatItDoes:
        'Reports calls to `ssl._create_unverified_context()`. It also reports, with high severity, the assignment ' +
        '`ssl._create_default_https_context = ssl._create_unverified_context`, which Bandit does not see because it ' +
        'is not a call: it turns verification off for every HTTPS connection the process makes through the standard ' +
        'library.',
      whyItMatters:
        'Without certificate verification TLS still encrypts, but to whoever answers. An attacker on the network path ' +
        '(public Wi-Fi, a compromised router, DNS spoofing) presents any certificate, reads and alters the traffic, ' +
        'and collects the API keys, passwords and personal data the Django application sends to payment providers, ' +
        'mail servers or internal services.',
      example: {
        bad: [
          'import ssl',
          'from urllib.request import urlopen',
          '',
          'def fetch_rates():',
          '    return urlopen("https://rates.internal/", context=ssl._create_unverified_context()).read()',
        ].join('\n'),
        good: [
          'import ssl',
          'from urllib.request import urlopen',
          '',
          'def fetch_rates():',
          '    context = ssl.create_default_context(cafile="/etc/ssl/internal-ca.pem")',
          '    return urlopen("https://rates.internal/", context=context).read()',
        ].join('\n'),
      },
      howToFix:
        'Use `ssl.create_default_context()`, which verifies the certificate chain and the host name. For a server with ' +
        'a private or self-signed certificate, pass its CA with `cafile=` instead of turning verification off; with ' +
        '`requests`, pass `verify="/path/to/ca.pem"`. Remove any global monkey-patch of ' +
        '`ssl._create_default_https_context`.',
      references: [
        { title: 'Python: ssl security considerations', url: 'https://docs.python.org/3/library/ssl.html#ssl-security' },
        { title: 'PEP 476: enabling certificate verification by default', url: 'https://peps.python.org/pep-0476/' },
        { title: 'CWE-295: Improper Certificate Validation', url: 'https://cwe.mitre.org/data/definitions/295.html' },
        { title: 'Bandit B323: unverified_context', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b323-unverified-context' },
      ],
      limitations:
        'Contexts made unverified by hand (`check_hostname = False`, `verify_mode = ssl.CERT_NONE`) are not reported ' +
        'by this rule.',
    },
  },
  create(context) {
    const { module } = context;
    return {
      [`call:${UNVERIFIED}`]: (node) => {
        context.report({ node, message: 'ssl._create_unverified_context() skips certificate and host name verification' });
      },
      assignment(node) {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left?.type !== 'attribute' || !right || (right.type !== 'attribute' && right.type !== 'identifier')) return;
        const attribute = field(left, 'attribute');
        if (!attribute || module.text(attribute) !== '_create_default_https_context') return;
        if (module.qualifiedName(left) !== 'ssl._create_default_https_context' || module.qualifiedName(right) !== UNVERIFIED) return;
        context.report({
          node,
          message: 'ssl._create_default_https_context replaced by the unverified context: no HTTPS certificate is verified anywhere in the process',
          severity: 'high',
        });
      },
    };
  },
});
