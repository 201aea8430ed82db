import { defineCorrelationRule } from '../../core/rule.js';
import { DEBUG_PAGE_DESCRIPTIONS, debugSignals } from '../../probe/django/signals.js';
import { reportAtSetting, settingViews } from '../../probe/django/settings.js';

export default defineCorrelationRule({
  meta: {
    code: 'WEB082',
    name: 'debug-page-despite-settings',
    family: 'probe',
    severity: 'high',
    confidence: 'high',
    cwe: [489, 215],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'The settings say DEBUG = False, but the live site serves DEBUG pages: the deployment runs other settings.',
    fix: 'Find what turns DEBUG on in the deployment (an environment variable, another DJANGO_SETTINGS_MODULE, a local settings file) and turn it off.',
    docs: {
      whatItDoes:
        'With `ponyguard scan PATH --url URL`: when every judged settings module evaluates DEBUG to false and the probe ' +
        'captured one of Django\'s DEBUG pages (technical 404 or 500, the DEBUG variant of the CSRF failure page), ' +
        'reports at the DEBUG assignment, naming the environment variables whose defaults the static scan used and the ' +
        'URL of the page.',
      whyItMatters:
        'The repository looks safe and passes review, while the running site shows tracebacks, settings and URL ' +
        'patterns to anyone. The cause is outside the code the scan read: an environment variable such as ' +
        '`DJANGO_DEBUG=1`, a `DJANGO_SETTINGS_MODULE` pointing at development settings, or a `local_settings.py` on the ' +
        'server — and it will survive fixes made to the settings file.',
      example: {
        bad: ['# settings.py', 'DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"', '', '# the service: Environment=DJANGO_DEBUG=1', '# GET /ponyguard-3f9a/ → 404 "Django tried these URL patterns…"'].join('\n'),
        good: ['# settings.py', 'DEBUG = False  # production settings never read DEBUG from the environment'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Look at the running service\'s environment (systemd unit, container definition, platform settings) for the ' +
        'variable named in the message and at its `DJANGO_SETTINGS_MODULE`; remove whatever turns DEBUG on and restart. ' +
        'Consider hard-coding `DEBUG = False` in the production settings module instead of reading it from the environment.',
      references: [
        { title: 'Django settings: DEBUG', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#debug' },
        { title: 'Django: Designating the settings (DJANGO_SETTINGS_MODULE)', url: 'https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings' },
        { title: 'CWE-489: Active Debug Code', url: 'https://cwe.mitre.org/data/definitions/489.html' },
      ],
      limitations: 'When DEBUG depends on something the static scan cannot evaluate, nothing is reported (WEB050 still reports the page).',
    },
  },
  check(context) {
    const pages = debugSignals(context.site);
    const first = pages[0];
    if (!first) return;
    const views = settingViews(context, 'DEBUG');
    if (views.length === 0 || views.some((view) => view.truthy !== false)) return;
    const seen = new Set<string>();
    for (const view of views) {
      reportAtSetting(
        context,
        view,
        {
          message: `${view.said}, but ${first.url} answered ${first.status} with ${DEBUG_PAGE_DESCRIPTIONS[first.kind]}: the deployment runs with DEBUG on (other settings or environment)`,
          key: 'debug-served',
        },
        seen,
      );
    }
  },
});
