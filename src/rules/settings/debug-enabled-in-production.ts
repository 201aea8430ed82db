import { defineProjectRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import type { PyValue } from '../../python/literal.js';
import { resolveTopLevel } from '../../settings/top-level.js';

function truthy(value: PyValue): boolean {
  switch (value.kind) {
    case 'bool':
      return value.value;
    case 'int':
    case 'float':
      return value.value !== 0;
    case 'str':
    case 'bytes':
      return value.value.length > 0;
    case 'none':
      return false;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.length > 0;
    case 'dict':
      return value.entries.length > 0;
  }
}

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
        'Reads each production settings module statically (following `from .base import *` chains) and reports when ' +
        'the final module-level value of `DEBUG` is a constant that Python treats as true: `True`, a non-zero number, ' +
        'or any non-empty string (including `"False"`). A module counts as production when its name says so ' +
        '(`production`, `prod`, `deploy`, `live`, `staging`), when `wsgi.py`, `asgi.py` or a deployment file names it ' +
        'in `DJANGO_SETTINGS_MODULE`, or when it is listed in `production-settings`. Django\'s own ' +
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
        'Only constant values are judged here; a DEBUG read from the environment with an insecure default is ' +
        'reported by the settings evaluator\'s environment rules. Assignments under `if`/`try` are not guessed at.',
    },
  },
  check(context) {
    const { project } = context;
    const reportedAt = new Map<PyNode, string[]>();
    const production = project.discovery.settingsModules.filter((m) => m.production);
    for (const settings of production) {
      const value = resolveTopLevel(project, settings.name, 'DEBUG');
      if (value.state !== 'assigned') continue;
      const literal = value.module.module.literal(value.value);
      if (!literal || !truthy(literal)) continue;
      const modules = reportedAt.get(value.assignment);
      if (modules) {
        modules.push(settings.name);
        continue;
      }
      reportedAt.set(value.assignment, [settings.name]);
      const shown = value.module.module.text(value.value);
      const inherited = value.module.path !== settings.path;
      const quirk = literal.kind === 'str' ? ` (a non-empty string, which Python treats as true)` : '';
      context.report({
        at: { module: value.module.module, path: value.module.path, node: value.assignment },
        message:
          `DEBUG = ${shown}${quirk} in production settings ${settings.name}` +
          (inherited ? ` (set in ${value.module.path} and star-imported)` : '') +
          ` — ${settings.productionReason ?? 'judged as production'}`,
        ...(value.via.length > 0
          ? {
              trace: [
                ...value.via.map((step) => ({
                  path: step.module.path,
                  line: step.module.module.lines.lineOf(step.node.start),
                  note: `star import: ${step.module.module.text(step.node)}`,
                })),
                { path: value.module.path, line: value.module.module.lines.lineOf(value.assignment.start), note: `DEBUG = ${shown}` },
              ],
            }
          : {}),
      });
    }
  },
});
