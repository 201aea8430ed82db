import { defineProjectRule } from '../../core/rule.js';
import { field, walk, type PyNode } from '../../python/ast.js';
import { STDLIB_MODULES, declaredProvides } from '../../project/declared-packages.js';
import type { ProjectModel, ProjectModule } from '../../project/model.js';
import { checkExists } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { pyRepr } from '../../settings/value.js';

/** Where CSRF_FAILURE_VIEW leads, as far as the project's own code tells (shared with SET101). */
export type FailureView =
  /** Not knowable statically, or not the project's to judge (Django's own view, a third-party package). */
  | { kind: 'not-judged' }
  /** No module part (`"csrf_failure"`, `"views."`): Django raises ImportError, E102. */
  | { kind: 'unqualified'; dotted: string }
  /**
   * A module of a project package that does not exist. `importError`: Django's import of the parent fails too, so
   * its check reports E102; otherwise get_callable() raises ViewDoesNotExist and Django's check itself crashes.
   */
  | { kind: 'module-missing'; dotted: string; module: string; missing: string; importError: boolean }
  /** The project module exists but defines no such name: ViewDoesNotExist, Django's check crashes. */
  | { kind: 'name-missing'; dotted: string; module: string; holder: ProjectModule; name: string }
  /**
   * The top-level package is neither part of the project, nor the standard library, nor provided by a dependency the
   * project declares: its import fails in a deployment built from those declarations (E102). Lower confidence, as
   * a package may be installed without being declared.
   */
  | { kind: 'undeclared-package'; dotted: string; module: string; top: string }
  /** A project module whose own unconditional import of an undeclared package fails, so importing the view fails (E102). */
  | { kind: 'import-fails'; dotted: string; module: string; holder: ProjectModule; imported: string; importNode: PyNode }
  /** The project module binds the name: `definitions` are its module-level bindings (defs, assignments, imports). */
  | { kind: 'found'; dotted: string; module: string; holder: ProjectModule; name: string; definitions: Binding[]; dynamic: boolean };

export interface Binding {
  /** The function/class definition, the assignment, or the import statement that binds the name. */
  node: PyNode;
  /** Directly at module level (not inside an if/try/with/for/while block). */
  unconditional: boolean;
}

const DOTTED = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/**
 * Follows CSRF_FAILURE_VIEW the way Django's get_callable() does (`module, name = path.rsplit('.', 1)`, import the
 * module, getattr the name), on the project's parsed modules. The settings phase loads the module a failure view
 * names, with every parent package, when it is a project module: a project package that is loaded while the
 * module under it is not means that module does not exist.
 */
export function resolveFailureView(settings: SettingsSnapshot, project: ProjectModel): FailureView {
  const setting = settings.get('CSRF_FAILURE_VIEW');
  if (setting.source === 'opaque' || setting.value.t !== 'str') return { kind: 'not-judged' };
  const dotted = setting.value.v;
  const dot = dotted.lastIndexOf('.');
  if (dot === -1 || dot === dotted.length - 1) return { kind: 'unqualified', dotted };
  const module = dotted.slice(0, dot);
  const name = dotted.slice(dot + 1);
  if (!DOTTED.test(module) || module === 'django' || module.startsWith('django.')) return { kind: 'not-judged' };

  const holder = project.modules.get(module);
  if (holder) {
    if (project.syntaxErrorPaths.has(holder.path) || hasSyntaxError(holder.module.root)) return { kind: 'not-judged' }; // SyntaxError: Django's check crashes
    const failing = failingImport(holder, project);
    if (failing) return { kind: 'import-fails', dotted, module, holder, imported: failing.name, importNode: failing.node };
    const { bindings, dynamic } = moduleBindings(holder, name);
    if (bindings.length === 0) return dynamic ? { kind: 'not-judged' } : { kind: 'name-missing', dotted, module, holder, name };
    return { kind: 'found', dotted, module, holder, name, definitions: bindings, dynamic };
  }
  const parts = module.split('.');
  let existing = -1;
  for (let i = 0; i < parts.length - 1; i++) {
    if (project.modules.has(parts.slice(0, i + 1).join('.'))) existing = i;
    else break;
  }
  if (existing === -1) {
    const top = parts[0]!;
    if (isProjectTopLevel(top, project) || !undeclared(top, project)) return { kind: 'not-judged' };
    return { kind: 'undeclared-package', dotted, module, top };
  }
  const missing = parts.slice(0, existing + 2).join('.');
  // Django imports the module's parent after the module fails: if the parent exists, ViewDoesNotExist is raised.
  return { kind: 'module-missing', dotted, module, missing, importError: existing < parts.length - 2 };
}

function isProjectTopLevel(top: string, project: ProjectModel): boolean {
  for (const name of project.discovery.moduleNames) if (name === top || name.startsWith(`${top}.`)) return true;
  return false;
}

/** A top-level module that no declared dependency, the standard library or the project provides. */
function undeclared(top: string, project: ProjectModel): boolean {
  const declared = project.discovery.declaredPackages;
  if (declared === null || STDLIB_MODULES.has(top) || top === 'django' || top.startsWith('_')) return false;
  return !declaredProvides(top, declared);
}

/** The first unconditional module-level import (outside try blocks) of an undeclared package. */
function failingImport(holder: ProjectModule, project: ProjectModel): { name: string; node: PyNode } | undefined {
  const module = holder.module;
  for (const statement of module.topLevelStatements()) {
    let names: string[] = [];
    if (statement.type === 'import_statement') {
      names = statement.children
        .map((c) => (c.type === 'aliased_import' ? field(c, 'name') : c.type === 'dotted_name' ? c : undefined))
        .filter((n): n is PyNode => n !== undefined)
        .map((n) => module.text(n).replace(/\s+/g, ''));
    } else if (statement.type === 'import_from_statement') {
      const from = field(statement, 'module_name');
      if (from && from.type !== 'relative_import') names = [module.text(from).replace(/\s+/g, '')];
    }
    for (const name of names) {
      const top = name.split('.')[0]!;
      if (!isProjectTopLevel(top, project) && undeclared(top, project)) return { name, node: statement };
    }
  }
  return undefined;
}

function hasSyntaxError(root: PyNode): boolean {
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if (node.type === 'ERROR') found = true;
    return !found;
  });
  return found;
}

const COMPOUND = new Set(['if_statement', 'try_statement', 'with_statement', 'for_statement', 'while_statement', 'match_statement']);
/** Names whose use can create module globals a reading cannot follow: `globals()[…] = …`, `exec(…)`. */
const DYNAMIC_NAMES = new Set(['globals', 'exec']);

/** Identifiers a binding target binds (`a`, `a, b`, `[a, *b]`), not attributes or subscripts. */
function targetNames(target: PyNode, text: (n: PyNode) => string): string[] {
  const out: string[] = [];
  walk(target, (n) => {
    if (n.type === 'identifier') out.push(text(n));
    return n.type !== 'attribute' && n.type !== 'subscript';
  });
  return out;
}

/** Module-level bindings of a name, and whether the module may create globals in ways a reading cannot follow. */
export function moduleBindings(holder: ProjectModule, name: string): { bindings: Binding[]; dynamic: boolean } {
  const module = holder.module;
  const text = (n: PyNode): string => module.text(n);
  const bindings: Binding[] = [];
  let dynamic = false;
  const unconditional = (node: PyNode): boolean => {
    for (let current = node.parent; current && current.type !== 'module'; current = current.parent) if (COMPOUND.has(current.type)) return false;
    return true;
  };
  const add = (node: PyNode): void => {
    bindings.push({ node, unconditional: unconditional(node) });
  };

  // Module scope: everything outside function and class bodies (comprehensions and lambdas have their own scopes).
  walk(module.root, (node) => {
    switch (node.type) {
      case 'function_definition':
      case 'class_definition': {
        const defined = field(node, 'name');
        if (defined && text(defined) === name) add(node);
        if (defined && text(defined) === '__getattr__' && node.type === 'function_definition') dynamic = true; // PEP 562
        return false;
      }
      case 'lambda':
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return false;
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement': {
        const left = field(node, 'left');
        if (left && targetNames(left, text).includes(name)) add(node);
        return undefined;
      }
      case 'named_expression': {
        const target = field(node, 'name');
        if (target && text(target) === name) add(node);
        return undefined;
      }
      case 'as_pattern': {
        const alias = field(node, 'alias');
        if (alias && targetNames(alias, text).includes(name)) add(node);
        return undefined;
      }
      case 'import_statement':
        for (const child of node.children) {
          const bound = child.type === 'aliased_import' ? field(child, 'alias') : child.type === 'dotted_name' ? child : undefined;
          if (bound && text(bound).replace(/\s+/g, '').split('.')[0] === name) add(node);
        }
        return false;
      case 'import_from_statement':
        if (node.children.some((c) => c.type === 'wildcard_import')) dynamic = true;
        for (const child of node.children) {
          if (child.field !== 'name') continue;
          const bound = child.type === 'aliased_import' ? field(child, 'alias') : child;
          if (bound && text(bound).replace(/\s+/g, '') === name) add(node);
        }
        return false;
      case 'match_statement':
        // Capture patterns bind names; not modelled.
        walk(node, (n) => {
          if (n.type === 'identifier' && text(n) === name) dynamic = true;
        });
        return undefined;
      default:
        return undefined;
    }
  });
  // Anywhere in the module: `global name` in a function, globals()/exec(), or `sys.modules` (setattr on itself).
  walk(module.root, (node) => {
    if (node.type === 'global_statement' && node.children.some((c) => c.type === 'identifier' && text(c) === name)) dynamic = true;
    if (node.type === 'identifier' && DYNAMIC_NAMES.has(text(node))) dynamic = true;
    if (node.type === 'attribute' && text(node).replace(/\s+/g, '') === 'sys.modules') dynamic = true;
    return !dynamic;
  });
  return { bindings, dynamic };
}

export default defineProjectRule({
  meta: {
    code: 'SET102',
    name: 'csrf-failure-view-missing',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [703],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['security.E102'],
    status: 'stable',
    summary: 'CSRF_FAILURE_VIEW names a view that cannot be imported.',
    fix: 'Point CSRF_FAILURE_VIEW at an existing view, as a full dotted path such as "myapp.views.csrf_failure", or remove it to use Django\'s default.',
    docs: {
      whatItDoes:
        'Follows the dotted path in `CSRF_FAILURE_VIEW` through the project\'s own modules, as Django\'s ' +
        '`get_callable()` does: the part before the last dot is imported as a module, the last part is looked up ' +
        'in it. It reports a path without a module part (`"csrf_failure"`), a module of one of the project\'s ' +
        'packages that does not exist (`"myapp.view.csrf_failure"` for `myapp/views.py`), and a project module ' +
        'that defines no such name. This is Django\'s `security.E102` check (Django 3.2 and later). For the last ' +
        'two cases where the missing piece is directly under an existing module, Django\'s `get_callable()` raises ' +
        '`ViewDoesNotExist`, which its check does not catch: `manage.py check` itself crashes instead of printing ' +
        'E102. Django\'s own views (`django.*`) and third-party packages are not judged.',
      whyItMatters:
        'Django calls the failure view for every request the CSRF middleware rejects. When it cannot be imported ' +
        'the rejection turns into a 500 error with a traceback (and, with DEBUG on, a technical page) instead of a ' +
        'clean 403, error monitoring fills with noise that hides real attacks, and the broken check blocks ' +
        '`manage.py check` in deployment pipelines. Teams facing a flood of errors are tempted to disable CSRF ' +
        'protection rather than fix the path.',
      example: {
        bad: ['# myapp/views.py defines csrf_failure()', 'CSRF_FAILURE_VIEW = "myapp.view.csrf_failure"  # typo: the module is myapp.views'].join('\n'),
        good: ['# myapp/views.py defines csrf_failure(request, reason="")', 'CSRF_FAILURE_VIEW = "myapp.views.csrf_failure"'].join('\n'),
      },
      howToFix:
        'Write the full dotted path of a function the project defines: the module (`myapp.views`) and the function ' +
        'name (`csrf_failure`). The function must accept `(request, reason="")` and should return a 403 response, ' +
        'typically by rendering `403_csrf.html`. To use Django\'s default page, remove the setting.',
      references: [
        { title: 'Django settings: CSRF_FAILURE_VIEW', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-failure-view' },
        { title: 'Django: How to use CSRF protection (failure view)', url: 'https://docs.djangoproject.com/en/stable/howto/csrf/' },
        { title: 'Django system checks: security.E102', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'CWE-703: Improper Check or Handling of Exceptional Conditions', url: 'https://cwe.mitre.org/data/definitions/703.html' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'Only paths into the project\'s own packages are judged: ponyguard does not know which third-party packages ' +
        'are installed, so a path whose top-level package is not part of the project is not reported even when it ' +
        'does not exist, nor a project module that fails to import because one of its own imports is missing. A ' +
        'module that defines names dynamically (a star import, `globals()`, a module `__getattr__`) is not judged. ' +
        'A project file excluded from the scan, or too large to read, looks missing.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '3.2')) return;
      const view = resolveFailureView(settings, context.project);
      const crash = 'Django\'s get_callable() raises ViewDoesNotExist, which crashes `manage.py check`, and every CSRF rejection becomes a server error';
      switch (view.kind) {
        case 'unqualified':
          report({
            setting: 'CSRF_FAILURE_VIEW',
            message: `CSRF_FAILURE_VIEW ${pyRepr(view.dotted)} cannot be imported: it is not a full dotted path (module and function)`,
            lines: ['CSRF_FAILURE_VIEW = "myapp.views.csrf_failure"  # the full dotted path of the view'],
            djangoId: 'security.E102',
          });
          return;
        case 'undeclared-package':
          report({
            setting: 'CSRF_FAILURE_VIEW',
            message: `CSRF_FAILURE_VIEW ${pyRepr(view.dotted)} will not import: ${view.top} is not part of the project and none of its declared dependencies provides it`,
            fix: `Point CSRF_FAILURE_VIEW at an existing view, or declare the package that provides ${view.top} in the project's requirements.`,
            confidence: 'low',
            djangoId: 'security.E102',
          });
          return;
        case 'import-fails': {
          const line = view.holder.module.lines.lineOf(view.importNode.start);
          report({
            setting: 'CSRF_FAILURE_VIEW',
            message: `CSRF_FAILURE_VIEW ${pyRepr(view.dotted)} will not import: ${view.holder.path} line ${line} imports ${view.imported}, which none of the project's declared dependencies provides`,
            fix: `Declare the package that provides ${view.imported.split('.')[0]} in the project's requirements, or remove the import from ${view.holder.path}.`,
            confidence: 'low',
            djangoId: 'security.E102',
          });
          return;
        }
        case 'module-missing':
          report({
            setting: 'CSRF_FAILURE_VIEW',
            message:
              `CSRF_FAILURE_VIEW ${pyRepr(view.dotted)} cannot be imported: the project has no module ${view.missing}` +
              (view.importError ? '' : ` (${crash})`),
            fix: `Point CSRF_FAILURE_VIEW at the module that defines the view (module ${view.missing} does not exist), or remove the setting to use Django's default.`,
            ...(view.importError ? { djangoId: 'security.E102' } : {}),
          });
          return;
        case 'name-missing':
          report({
            setting: 'CSRF_FAILURE_VIEW',
            message: `CSRF_FAILURE_VIEW ${pyRepr(view.dotted)} cannot be imported: ${view.holder.path} defines no ${view.name} (${crash})`,
            fix: `Define ${view.name}(request, reason="") in ${view.holder.path}, or point CSRF_FAILURE_VIEW at the function that exists.`,
          });
          return;
        default:
          return;
      }
    });
  },
});
