/**
 * Project discovery: manage.py, source roots, settings modules (and which are production), apps, templates,
 * requirement and lock files, the Django version pin. Reads only small configuration files; Python is parsed
 * later, once, by the worker pool.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileRole } from '../core/rule.js';
import { collectDeclaredPackages } from './declared-packages.js';
import { findDjangoPin } from './django-version.js';
import type { Discovery, SettingsModuleDefault, SettingsModuleInfo, SettingsSource } from './model.js';
import type { WalkedFile } from './walk.js';

export interface DiscoveryOptions {
  /** `settings-modules` from the configuration: when set, exactly these are the settings modules. */
  settingsModules: readonly string[];
  /** `production-settings` from the configuration: modules judged as production in addition to detection. */
  productionSettings: readonly string[];
}

export interface PythonFileFacts {
  moduleName: string | null;
  isPackage: boolean;
  roles: FileRole[];
}

export interface DiscoveryResult {
  discovery: Discovery;
  /** Module identity and roles of every Python file, by root-relative path. */
  pythonFiles: Map<string, PythonFileFacts>;
  /** Problems found while reading configuration files (reported, never fatal). */
  warnings: Array<{ path: string; line: number | null; message: string }>;
}

const PYTHON_EXTENSIONS = ['.py', '.pyw'];
const REQUIREMENT_NAME = /(^|\/)([\w.-]*requirements[\w.-]*\.(txt|in)|requirements\/[\w.-]+\.(txt|in)|constraints[\w.-]*\.txt|Pipfile|pyproject\.toml|setup\.cfg|setup\.py)$/;
const LOCK_NAME = /(^|\/)(Pipfile\.lock|poetry\.lock|uv\.lock|pdm\.lock|pylock(\.[\w-]+)?\.toml)$/;
const PRODUCTION_NAME = /(^|_)(prod|production|prd|deploy|deployment|live|staging|stage)($|_)/i;
const NON_PRODUCTION_NAME = /(^|_)(dev|develop|development|local|test|tests|testing|ci|debug|example|sample)($|_)/i;
const TEST_PATH = /(^|\/)(tests?|testing)\/|(^|\/)(test_[^/]*|tests|[^/]*_tests?|conftest)\.py$/;

export function isPythonPath(relPath: string): boolean {
  return PYTHON_EXTENSIONS.some((ext) => relPath.endsWith(ext));
}

export async function discoverProject(
  absRoot: string,
  files: readonly WalkedFile[],
  gitRoot: string | null,
  options: DiscoveryOptions,
): Promise<DiscoveryResult> {
  const warnings: DiscoveryResult['warnings'] = [];
  const relPaths = files.map((f) => f.relPath);
  const pathSet = new Set(relPaths);
  const byName = (name: string): string[] => relPaths.filter((p) => p === name || p.endsWith(`/${name}`));

  // manage.py: the shallowest one.
  const managePy = byName('manage.py').sort((a, b) => depth(a) - depth(b) || a.localeCompare(b))[0] ?? null;
  const sourceRoots = unique([managePy ? dirOf(managePy) : '', '', relPaths.some((p) => p.startsWith('src/')) ? 'src' : '']);

  // Module identity of every Python file.
  const pythonFiles = new Map<string, PythonFileFacts>();
  for (const rel of relPaths) {
    if (!isPythonPath(rel)) continue;
    pythonFiles.set(rel, { ...moduleIdentity(rel, pathSet, sourceRoots), roles: [] });
  }
  const moduleToPath = new Map<string, string>();
  for (const [rel, facts] of pythonFiles) if (facts.moduleName && !moduleToPath.has(facts.moduleName)) moduleToPath.set(facts.moduleName, rel);
  const resolveModule = (dotted: string): string | undefined => {
    const direct = moduleToPath.get(dotted);
    if (direct) return direct;
    for (const root of sourceRoots) {
      const base = (root ? `${root}/` : '') + dotted.split('.').join('/');
      if (pathSet.has(`${base}.py`)) return `${base}.py`;
      if (pathSet.has(`${base}/__init__.py`)) return `${base}/__init__.py`;
    }
    return undefined;
  };

  // DJANGO_SETTINGS_MODULE defaults.
  const settingsDefaults: SettingsModuleDefault[] = [];
  const pushDefaults = (rel: string, text: string, source: SettingsSource, pattern: RegExp): void => {
    text.split(/\r?\n/).forEach((line, index) => {
      const code = source === 'manage.py' || source === 'wsgi' || source === 'asgi' ? stripPythonComment(line) : line;
      for (const match of code.matchAll(pattern)) {
        const module = match.groups?.['module'];
        if (module) settingsDefaults.push({ module, path: rel, line: index + 1, source });
      }
    });
  };
  const PY_DEFAULT = /DJANGO_SETTINGS_MODULE["']\s*(?:,|\]\s*=)\s*[rRuU]?(["'])(?<module>[A-Za-z_][\w.]*)\1/g;
  const INI_DEFAULT = /^\s*(?:setenv\s*=\s*)?DJANGO_SETTINGS_MODULE\s*[=:]\s*["']?(?<module>[A-Za-z_][\w.]*)/g;
  const ENV_DEFAULT = /DJANGO_SETTINGS_MODULE["']?\s*[=:]\s*["']?(?<module>[A-Za-z_][\w.]*)/g;
  for (const rel of relPaths) {
    const base = rel.split('/').pop()!;
    let source: SettingsSource | undefined;
    let pattern = PY_DEFAULT;
    if (rel === managePy || base === 'manage.py') source = 'manage.py';
    else if (base === 'wsgi.py') source = 'wsgi';
    else if (base === 'asgi.py') source = 'asgi';
    else if (base === 'pytest.ini' || base === 'setup.cfg') [source, pattern] = ['pytest', INI_DEFAULT];
    else if (base === 'tox.ini') [source, pattern] = ['tox', INI_DEFAULT];
    else if (/^(Dockerfile[\w.-]*|[\w.-]*\.Dockerfile|Procfile|docker-compose[\w.-]*\.ya?ml|compose[\w.-]*\.ya?ml|app\.ya?ml|fly\.toml|render\.ya?ml|[\w.-]+\.service)$/.test(base)) {
      [source, pattern] = ['deployment', ENV_DEFAULT];
    } else if (base === 'pyproject.toml') [source, pattern] = ['pytest', ENV_DEFAULT];
    if (!source) continue;
    const text = await readSmallText(path.join(absRoot, rel), warnings, rel);
    if (text === undefined) continue;
    if (base === 'pyproject.toml') {
      // Only the pytest section names a settings module there.
      const section = /^\[tool\.pytest\.ini_options\][^[]*/m.exec(text);
      if (section) pushDefaults(rel, text.slice(0, section.index).replace(/[^\n]/g, '') + section[0], source, pattern);
      continue;
    }
    pushDefaults(rel, text, source, pattern);
  }

  // Settings module candidates.
  const modules = new Map<string, SettingsModuleInfo>();
  const addModule = (name: string, rel: string, source: SettingsSource): void => {
    const existing = modules.get(name);
    if (existing) {
      if (!existing.sources.includes(source)) existing.sources.push(source);
      return;
    }
    modules.set(name, { name, path: rel, production: false, productionReason: null, sources: [source] });
  };
  if (options.settingsModules.length > 0) {
    for (const name of options.settingsModules) {
      const rel = resolveModule(name);
      if (rel) addModule(name, rel, 'config');
      else warnings.push({ path: '.', line: null, message: `settings module ${JSON.stringify(name)} (from configuration) was not found under the scan root` });
    }
  } else {
    for (const def of settingsDefaults) {
      const rel = resolveModule(def.module);
      if (rel) addModule(def.module, rel, def.source);
    }
    for (const [rel, facts] of pythonFiles) {
      if (!facts.moduleName || TEST_PATH.test(rel)) continue;
      const parts = rel.split('/');
      const base = parts[parts.length - 1]!;
      if (base === 'settings.py') addModule(facts.moduleName, rel, 'settings-file');
      else if (parts.slice(0, -1).includes('settings')) addModule(facts.moduleName, rel, 'settings-package');
    }
  }

  // Which are production.
  const deploymentNamed = new Map<string, SettingsModuleDefault>();
  for (const def of settingsDefaults) {
    if (def.source === 'wsgi' || def.source === 'asgi' || def.source === 'deployment') {
      if (!deploymentNamed.has(def.module)) deploymentNamed.set(def.module, def);
    }
  }
  for (const info of modules.values()) {
    const last = info.name.split('.').pop() ?? info.name;
    const named = deploymentNamed.get(info.name);
    if (options.productionSettings.includes(info.name)) {
      info.production = true;
      info.productionReason = 'listed in production-settings';
    } else if (named) {
      info.production = true;
      info.productionReason = `named by DJANGO_SETTINGS_MODULE in ${named.path}`;
    } else if (PRODUCTION_NAME.test(last)) {
      info.production = true;
      info.productionReason = `its name, ${JSON.stringify(last)}, marks it as a deployment settings module`;
    }
  }
  if (![...modules.values()].some((m) => m.production)) {
    // Nothing says which module is deployed: judge every one that is not plainly for development or tests.
    for (const info of modules.values()) {
      const last = info.name.split('.').pop() ?? info.name;
      if (NON_PRODUCTION_NAME.test(last) || last === 'base' || last === 'common' || info.sources.every((s) => s === 'pytest' || s === 'tox')) continue;
      if (last === '__init__' || info.path.endsWith('/__init__.py')) {
        // A settings package's __init__ only counts when it is the module Django is pointed at.
        if (!info.sources.some((s) => s === 'manage.py')) continue;
      }
      info.production = true;
      info.productionReason = 'no settings module is marked as the deployment one, so every non-development module is judged';
    }
  }

  // Roles of Python files.
  const settingsByPath = new Map([...modules.values()].map((m) => [m.path, m]));
  for (const [rel, facts] of pythonFiles) {
    const base = rel.split('/').pop()!;
    if (TEST_PATH.test(rel)) facts.roles.push('test');
    if (/(^|\/)migrations\/[^/]+\.py$/.test(rel)) facts.roles.push('migration');
    const settings = settingsByPath.get(rel);
    if (settings) {
      facts.roles.push('settings');
      if (settings.production) facts.roles.push('production-settings');
    }
    if (base === 'manage.py') facts.roles.push('manage');
    if (base === 'wsgi.py') facts.roles.push('wsgi');
    if (base === 'asgi.py') facts.roles.push('asgi');
    if (base === 'urls.py' || /(^|\/)urls\//.test(rel)) facts.roles.push('urls');
    if (base === 'views.py' || /(^|\/)views\//.test(rel)) facts.roles.push('views');
    if (base === 'models.py' || /(^|\/)models\//.test(rel)) facts.roles.push('models');
    if (base === 'admin.py') facts.roles.push('admin');
  }

  const apps = unique(
    relPaths
      .filter((p) => p.endsWith('/apps.py') || ((p.endsWith('/models.py') || p.endsWith('/models/__init__.py')) && pathSet.has(`${packageDirOf(p)}/__init__.py`)))
      .map(packageDirOf),
  ).sort();
  const templateDirs = unique(
    relPaths.flatMap((p) => {
      const parts = p.split('/');
      const index = parts.findIndex((part) => part === 'templates' || part === 'jinja2');
      return index >= 0 ? [parts.slice(0, index + 1).join('/')] : [];
    }),
  ).sort();
  const requirementFiles = relPaths.filter((p) => REQUIREMENT_NAME.test(p) && !LOCK_NAME.test(p));
  const lockFiles = relPaths.filter((p) => LOCK_NAME.test(p));
  const djangoVersion = await findDjangoPin(absRoot, lockFiles, requirementFiles.filter((p) => /\.(txt|in)$/.test(p)), warnings);
  const declaredPackages = await collectDeclaredPackages(absRoot, requirementFiles, lockFiles);

  const discovery: Discovery = {
    root: absRoot,
    managePy,
    sourceRoots,
    settingsDefaults,
    settingsModules: [...modules.values()].sort((a, b) => a.name.localeCompare(b.name)),
    apps,
    templateDirs,
    requirementFiles,
    lockFiles,
    gitRoot,
    djangoVersion,
    moduleNames: new Set(moduleToPath.keys()),
    declaredPackages,
  };
  return { discovery, pythonFiles, warnings };
}

/** Module name from packages (`__init__.py` chains), else relative to the nearest source root. */
export function moduleIdentity(rel: string, paths: ReadonlySet<string>, sourceRoots: readonly string[]): { moduleName: string | null; isPackage: boolean } {
  const parts = rel.split('/');
  const file = parts.pop()!;
  const stem = file.replace(/\.pyw?$/, '');
  const isPackage = stem === '__init__';
  if (!/^[A-Za-z_]\w*$/.test(stem)) return { moduleName: null, isPackage };
  // Climb the package chain.
  let top = parts.length;
  while (top > 0 && paths.has(`${parts.slice(0, top).join('/')}/__init__.py`)) top--;
  let base = parts.slice(0, top);
  if (top === parts.length) {
    // Not inside a regular package: relative to the deepest source root that contains the file.
    const containing = sourceRoots
      .filter((root) => root === '' || rel.startsWith(`${root}/`))
      .sort((a, b) => b.length - a.length)[0];
    if (containing === undefined) return { moduleName: null, isPackage };
    base = containing ? containing.split('/') : [];
  }
  const dotted = [...parts.slice(base.length), ...(isPackage ? [] : [stem])];
  if (dotted.length === 0 || dotted.some((p) => !/^[A-Za-z_]\w*$/.test(p))) return { moduleName: null, isPackage };
  return { moduleName: dotted.join('.'), isPackage };
}

async function readSmallText(abs: string, warnings: DiscoveryResult['warnings'], rel: string): Promise<string | undefined> {
  try {
    const buffer = await readFile(abs);
    if (buffer.length > 1024 * 1024) return undefined;
    return buffer.toString('utf8');
  } catch (error) {
    warnings.push({ path: rel, line: null, message: `cannot read file: ${(error as Error).message}` });
    return undefined;
  }
}

function stripPythonComment(line: string): string {
  const trimmed = line.trimStart();
  return trimmed.startsWith('#') ? '' : line;
}

function depth(rel: string): number {
  return rel.split('/').length;
}

function dirOf(rel: string): string {
  const index = rel.lastIndexOf('/');
  return index === -1 ? '' : rel.slice(0, index);
}

function packageDirOf(rel: string): string {
  const dir = dirOf(rel);
  return rel.endsWith('/models/__init__.py') ? dirOf(dir) : dir;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
