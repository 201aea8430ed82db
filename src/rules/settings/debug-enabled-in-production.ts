import { defineProjectRule } from '../../core/rule.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET018',
    name: 'debug-enabled-in-production',
    family: 'settings',
    severity: 'high',
    confidence: 'high',
    cwe: [489, 215],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['security.W018'],
    status: 'stable',
    summary: 'DEBUG is set to a true constant in a settings module used in production.',
    fix: 'Set DEBUG = False in production settings (or read it from the environment with a False default).',
    docs: {
      whatItDoes:
        'Evaluates each production settings module statically (following `from .base import *` chains, environment ' +
        'reads and `if` branches) and reports when the final value of `DEBUG` is true in Python\'s sense: `True`, a ' +
        'non-zero number, or any non-empty string (including `"False"`). When the value comes from the default of an ' +
        'environment read (`os.environ.get("DEBUG", "True")`, `env.bool("DEBUG", default=True)`), the finding is at ' +
        'the default and names the variable production must set. A module counts as production when its name says ' +
        'so (`production`, `prod`, `deploy`, `live`, `staging`), when `wsgi.py`, `asgi.py` or a deployment file ' +
        'names it in `DJANGO_SETTINGS_MODULE`, or when it is listed in `production-settings`. Django\'s own ' +
        '`check --deploy` reports the same condition as `security.W018`.',
      whyItMatters:
        'With DEBUG on, every error shows a technical page with source code, local variables, the full settings ' +
        '(with most secrets masked, but not all) and every URL pattern; Django keeps every SQL query in memory; and ' +
        'static files may be served by a development path. Attackers trigger errors on purpose to read these pages.',
      example: {
        bad: ['# shop/settings/production.py', 'from .base import *', '', 'DEBUG = True'].join('\n'),
        good: ['# shop/settings/production.py', 'from .base import *', '', 'DEBUG = False'].join('\n'),
      },
      howToFix:
        'Set `DEBUG = False` in the production settings module. If one module serves every environment, read the ' +
        'value from the environment with a safe default: `DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"`, so ' +
        'a forgotten variable leaves DEBUG off. Configure `ALLOWED_HOSTS` at the same time: Django requires it ' +
        'once DEBUG is off.',
      references: [
        { title: 'Django settings: DEBUG', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#debug' },
        { title: 'Django deployment checklist: DEBUG', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug' },
        { title: 'Django system checks: security.W018', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'CWE-489: Active Debug Code', url: 'https://cwe.mitre.org/data/definitions/489.html' },
        { title: 'OWASP A05:2021 Security Misconfiguration', url: 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/' },
      ],
      limitations:
        'A value that depends on something ponyguard cannot evaluate (a host name, a file on disk) is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const debug = settings.get('DEBUG');
      if (truthy(debug.value) !== true) return;
      const quirk = debug.value.t === 'str' ? ' (a non-empty string, which Python treats as true)' : '';
      report({ setting: 'DEBUG', message: `DEBUG is ${display(debug.value)}${quirk} in production`, lines: ['DEBUG = False'], djangoId: 'security.W018' });
    });
  },
});
