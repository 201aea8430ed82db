import { defineProjectRule } from '../../core/rule.js';
import { checkExists } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET020',
    name: 'allowed-hosts-empty',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [20],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['security.W020'],
    status: 'stable',
    summary: 'ALLOWED_HOSTS is empty in a production settings module.',
    fix: "List the site's host names in ALLOWED_HOSTS, e.g. ALLOWED_HOSTS = ['www.example.com'].",
    docs: {
      whatItDoes:
        'Reports a production settings module whose final `ALLOWED_HOSTS` is empty or otherwise falsy (`[]`, `()`, ' +
        '`""`, `None`); Django\'s default is `[]`, so a module that never sets it is reported at its first line. ' +
        'When the list comes from an environment variable with an empty default ' +
        '(`env.list("ALLOWED_HOSTS", default=[])`), the finding is at that default and names the variable. This is ' +
        'Django\'s `security.W020` deployment check (Django 1.9 and later).',
      whyItMatters:
        'ALLOWED_HOSTS is Django\'s defence against HTTP Host header attacks: `request.get_host()` builds ' +
        'password-reset links, absolute URLs and redirects from the Host header, and only a validated host keeps an ' +
        'attacker from pointing those links at their own domain (password-reset poisoning, cache poisoning). With ' +
        'an empty list and DEBUG off Django rejects every request with "400 Bad Request", so an empty list in ' +
        'production is either a broken deployment or a sign that the real value is injected some other way, and the ' +
        'usual "quick fix" under pressure is `ALLOWED_HOSTS = ["*"]`, which disables the protection entirely.',
      example: {
        bad: ['DEBUG = False', 'ALLOWED_HOSTS = []'].join('\n'),
        good: ['DEBUG = False', 'ALLOWED_HOSTS = ["example.com", "www.example.com"]'].join('\n'),
      },
      howToFix:
        'List every host name the site answers to: `ALLOWED_HOSTS = ["example.com", "www.example.com"]` (a leading ' +
        'dot, `".example.com"`, matches the domain and its subdomains). To configure it per deployment, read it ' +
        'from the environment without an empty fallback, so a missing variable fails loudly: ' +
        '`ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")`. Avoid `"*"`: if a load balancer health check needs the ' +
        'instance IP, add that address explicitly.',
      references: [
        { title: 'Django settings: ALLOWED_HOSTS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts' },
        { title: 'Django security: Host header validation', url: 'https://docs.djangoproject.com/en/stable/topics/security/#host-headers-virtual-hosting' },
        { title: 'Django system checks: security.W020', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'CWE-20: Improper Input Validation', url: 'https://cwe.mitre.org/data/definitions/20.html' },
        { title: 'OWASP A05:2021 Security Misconfiguration', url: 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/' },
      ],
      limitations:
        'Like Django, the rule tests truthiness only: `os.environ.get("ALLOWED_HOSTS", "").split(",")` gives `[""]`, ' +
        'a non-empty list that passes although it matches no host, and `["*"]` passes too. A value ponyguard ' +
        'cannot evaluate is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '1.9')) return;
      const hosts = settings.get('ALLOWED_HOSTS');
      if (truthy(hosts.value) !== false) return;
      const what = hosts.source === 'assigned' ? `ALLOWED_HOSTS is ${display(hosts.value)}` : 'ALLOWED_HOSTS is not set (the default is [])';
      report({
        setting: 'ALLOWED_HOSTS',
        message: `${what}: with DEBUG off Django rejects every request, and nothing states which Host headers the site trusts`,
        lines: ["ALLOWED_HOSTS = ['www.example.com']  # the site's real host names"],
        djangoId: 'security.W020',
      });
    });
  },
});
