import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import { middlewareSetting } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { isTrue, pyRepr, type Origin } from '../../settings/value.js';

interface DevTool {
  /** The package, for messages. */
  tool: string;
  /** What it exposes when it runs in production. */
  risk: string;
}

/** Development-only apps, by app label module (an entry matches the module or its `.apps.` AppConfig). */
const DEV_APPS: ReadonlyMap<string, DevTool> = new Map([
  ['debug_toolbar', { tool: 'django-debug-toolbar', risk: 'its panels show SQL queries, settings, headers and template context to whoever is shown the toolbar' }],
  ['django_extensions', { tool: 'django-extensions', risk: 'runserver_plus serves the Werkzeug debugger, an interactive Python console in the browser: remote code execution when reachable' }],
  ['silk', { tool: 'django-silk', risk: 'it records whole requests and responses, with bodies (passwords included), headers and SQL, and serves them under /silk/' }],
  ['django_browser_reload', { tool: 'django-browser-reload', risk: 'it keeps an event-stream endpoint open per page and reloads browsers on file changes' }],
  ['livereload', { tool: 'django-livereload-server', risk: 'it injects a live-reload script into every page' }],
  ['devserver', { tool: 'django-devserver', risk: 'it replaces runserver with a profiling development server' }],
  ['django_pdb', { tool: 'django-pdb', risk: 'a ?pdb query parameter drops the worker into the pdb debugger' }],
  ['debug_panel', { tool: 'django-debug-panel', risk: 'it serves django-debug-toolbar data to a browser extension' }],
  ['template_profiler_panel', { tool: 'django-debug-toolbar-template-profiler', risk: 'it is a django-debug-toolbar panel' }],
  ['template_timings_panel', { tool: 'django-debug-toolbar-template-timings', risk: 'it is a django-debug-toolbar panel' }],
  ['werkzeug_debugger_runserver', { tool: 'django-werkzeug-debugger-runserver', risk: 'its runserver serves the Werkzeug debugger, an interactive Python console: remote code execution when reachable' }],
]);

/** Development-only middleware, by dotted path. */
const DEV_MIDDLEWARE: ReadonlyMap<string, DevTool> = new Map([
  ['debug_toolbar.middleware.DebugToolbarMiddleware', { tool: 'django-debug-toolbar', risk: 'it renders the toolbar, with SQL, settings and headers, into pages' }],
  ['silk.middleware.SilkyMiddleware', { tool: 'django-silk', risk: 'it records whole requests and responses, including bodies with passwords, into the database' }],
  ['django_browser_reload.middleware.BrowserReloadMiddleware', { tool: 'django-browser-reload', risk: 'it injects a reload script into every HTML response' }],
  ['livereload.middleware.LiveReloadScript', { tool: 'django-livereload-server', risk: 'it injects a live-reload script into every HTML response' }],
  ['django_pdb.middleware.PdbMiddleware', { tool: 'django-pdb', risk: 'a ?pdb query parameter drops the worker into the pdb debugger' }],
  ['debug_panel.middleware.DebugPanelMiddleware', { tool: 'django-debug-panel', risk: 'it stores debug-toolbar data for a browser extension' }],
  ['devserver.middleware.DevServerMiddleware', { tool: 'django-devserver', risk: 'it profiles every request' }],
]);

const SEVERITY_ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export default defineProjectRule({
  meta: {
    code: 'SET216',
    name: 'development-apps-in-production',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [489, 215],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'A development tool (django-debug-toolbar, django-extensions, django-silk, …) is installed in a production settings module.',
    fix: 'Add development tools to INSTALLED_APPS and MIDDLEWARE only in the development settings module, never in the production one or the base it imports.',
    docs: {
      whatItDoes:
        'Evaluates each production settings module (through `from .base import *`, `INSTALLED_APPS += [...]`, ' +
        '`.append()` and `.insert()`) and reports development tools left in the final `INSTALLED_APPS` — ' +
        '`debug_toolbar`, `django_extensions`, `silk`, `django_browser_reload`, `livereload`, `devserver`, ' +
        '`django_pdb`, `debug_panel`, debug-toolbar panels and `werkzeug_debugger_runserver` (or their `AppConfig` ' +
        'paths) — and their middleware in `MIDDLEWARE`, such as `debug_toolbar.middleware.DebugToolbarMiddleware` ' +
        'and `silk.middleware.SilkyMiddleware`. The finding is at the list\'s assignment, or at the statement that ' +
        'appended the entry.',
      whyItMatters:
        'These packages exist to show developers the inside of the application. In production they widen the attack ' +
        'surface: django-silk records every request body (login forms included) and, unless `SILKY_AUTHENTICATION` ' +
        'and `SILKY_AUTHORISATION` are on, lets anyone browse them at `/silk/`; django-debug-toolbar shows SQL, ' +
        'settings and headers to any client its `SHOW_TOOLBAR_CALLBACK` lets through (a spoofable `INTERNAL_IPS` ' +
        'behind a proxy is enough); django-extensions\' `runserver_plus` serves the Werkzeug debugger, whose ' +
        'in-browser console runs arbitrary Python — remote code execution if someone starts it on a reachable ' +
        'interface. They also cost memory and time on every request.',
      example: {
        bad: [
          '# settings/production.py',
          'from .base import *',
          '',
          'INSTALLED_APPS += ["debug_toolbar", "django_extensions"]',
          'MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")',
        ].join('\n'),
        good: [
          '# settings/dev.py — the only module that loads development tools',
          'from .base import *',
          '',
          'INSTALLED_APPS += ["debug_toolbar", "django_extensions"]',
          'MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")',
          '',
          '# settings/production.py',
          'from .base import *',
        ].join('\n'),
      },
      howToFix:
        'Move development tools out of the base and production settings into the development module (`dev.py`, ' +
        '`local.py`), and list the packages in a development requirements file so production images do not even ' +
        'install them. Include their URLs (`__debug__/`, `silk/`) only when the app is installed, e.g. ' +
        '`if "debug_toolbar" in settings.INSTALLED_APPS:`. If a profiler is really needed in production, use one ' +
        'built for it (an APM agent) or protect silk with `SILKY_AUTHENTICATION = True`, ' +
        '`SILKY_AUTHORISATION = True` and a low `SILKY_INTERCEPT_PERCENT`.',
      references: [
        { title: 'django-debug-toolbar: installation and SHOW_TOOLBAR_CALLBACK', url: 'https://django-debug-toolbar.readthedocs.io/en/latest/installation.html' },
        { title: 'django-extensions: runserver_plus (Werkzeug debugger)', url: 'https://django-extensions.readthedocs.io/en/latest/runserver_plus.html' },
        { title: 'Werkzeug: debugger security', url: 'https://werkzeug.palletsprojects.com/en/stable/debug/#debugger-pin' },
        { title: 'django-silk: configuration (authentication and authorisation)', url: 'https://github.com/jazzband/django-silk#configuration' },
        { title: 'Django deployment checklist', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/' },
        { title: 'CWE-489: Active Debug Code', url: 'https://cwe.mitre.org/data/definitions/489.html' },
      ],
      limitations:
        'Entries added under a condition ponyguard cannot decide (`if os.environ.get("PROFILE"):`) make the list ' +
        'unknown, and unknown lists are not judged. Only the tools listed above are known; other development-only ' +
        'packages are not reported.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      for (const setting of ['INSTALLED_APPS', middlewareSetting(settings)] as const) {
        const known = setting === 'INSTALLED_APPS' ? DEV_APPS : DEV_MIDDLEWARE;
        const resolved = settings.get(setting);
        const value = resolved.value;
        if (resolved.source !== 'assigned' || (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set')) continue;
        // Entries grouped by where they were put in the list: the assignment, or the statement that added them.
        const groups = new Map<string, { at: Origin | undefined; entries: Array<{ entry: string; tool: DevTool; severity: Severity }> }>();
        const seen = new Set<string>();
        for (const item of value.items) {
          if (item.t !== 'str' || seen.has(item.v)) continue;
          const tool = lookup(known, item.v, setting === 'INSTALLED_APPS');
          if (!tool) continue;
          seen.add(item.v);
          const at = locateEntry(settings, setting, item.v, resolved.at);
          const key = at ? `${at.path}:${at.node.start}` : '';
          let group = groups.get(key);
          if (!group) groups.set(key, (group = { at, entries: [] }));
          group.entries.push({ entry: item.v, tool, severity: entrySeverity(settings, item.v) });
        }
        for (const { at, entries } of groups.values()) {
          const listed = entries.map(({ entry, tool }) => `${pyRepr(entry)} of ${tool.tool}, where ${tool.risk}`).join('; ');
          const names = entries.map(({ entry }) => pyRepr(entry)).join(', ');
          const severity = entries.map((e) => e.severity).reduce((a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a));
          report({
            setting,
            message: `${setting} in production includes the development ${entries.length === 1 ? 'tool' : 'tools'} ${listed}`,
            fix: `Remove ${names} from ${setting} in the production settings (${settings.path} and the modules it imports); add ${entries.length === 1 ? 'it' : 'them'} only in the development settings module.`,
            ...(severity !== 'medium' ? { severity } : {}),
            ...(at ? { at } : {}),
          });
        }
      }
    });
  },
});

function lookup(known: ReadonlyMap<string, DevTool>, entry: string, app: boolean): DevTool | undefined {
  const exact = known.get(entry);
  if (exact || !app) return exact;
  // An AppConfig path: `debug_toolbar.apps.DebugToolbarConfig`.
  const index = entry.indexOf('.apps.');
  return index > 0 ? known.get(entry.slice(0, index)) : undefined;
}

/** django-silk without both of its access checks serves every recorded request to anyone: high. */
function entrySeverity(settings: SettingsSnapshot, entry: string): Severity {
  if (entry !== 'silk' && !entry.startsWith('silk.')) return 'medium';
  const authentication = isTrue(settings.get('SILKY_AUTHENTICATION').value);
  const authorisation = isTrue(settings.get('SILKY_AUTHORISATION').value);
  return authentication === true && authorisation === true ? 'medium' : 'high';
}

/**
 * Where the entry was put into the list: undefined when the list's (last) assignment holds it literally, else the
 * statement of the settings chain that appended, inserted or `+=`-added it (the module itself first).
 */
function locateEntry(settings: SettingsSnapshot, setting: string, entry: string, assignment: Origin | undefined): Origin | undefined {
  if (assignment && containsString(assignment.module, assignment.node, entry)) return undefined;
  for (const { path, module } of settings.chain) {
    let found: PyNode | undefined;
    walk(module.root, (node) => {
      if (found) return false;
      if (node.type !== 'expression_statement') return undefined;
      const inner = node.children.find((c) => c.type !== 'comment');
      if (!inner) return false;
      if (inner.type === 'augmented_assignment') {
        const left = field(inner, 'left');
        const right = field(inner, 'right');
        if (left && right && module.text(left) === setting && containsString(module, right, entry)) found = node;
      } else if (inner.type === 'call') {
        const fn = field(inner, 'function');
        const receiver = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
        const method = fn?.type === 'attribute' ? field(fn, 'attribute') : undefined;
        const args = field(inner, 'arguments');
        if (receiver && method && args && module.text(receiver) === setting && ['append', 'insert', 'extend'].includes(module.text(method)) && containsString(module, args, entry)) {
          found = node;
        }
      }
      return false;
    });
    if (found) return { path, module, node: found };
  }
  return undefined;
}

function containsString(module: PythonModule, root: PyNode, wanted: string): boolean {
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if (node.type === 'string' || node.type === 'concatenated_string') {
      const literal = module.literal(node);
      if (literal?.kind === 'str' && literal.value === wanted) found = true;
      return false;
    }
    return undefined;
  });
  return found;
}

