/**
 * Prepares what settings rules read: the settings modules to judge, every project module they import (parsed here
 * when the pool did not keep it), python-decouple's config files, the Django version, and one static evaluation
 * per judged module under the environment. I/O lives here; the evaluation itself is pure.
 */
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ScanError } from '../core/finding.js';
import type { PyNode } from '../python/ast.js';
import { field, walk } from '../python/ast.js';
import { PythonModule } from '../python/module.js';
import { parsePython } from '../python/parser.js';
import type { PythonFileFacts } from '../project/discover.js';
import type { Discovery, ProjectModule, SettingsModuleInfo } from '../project/model.js';
import type { WalkedFile } from '../project/walk.js';
import { NEWEST_DJANGO, parseDjangoVersion } from '../settings/django-defaults.js';
import type { Environment } from '../settings/environment.js';
import { buildSnapshots, type DjangoSemantics, type SettingsSnapshot } from '../settings/snapshot.js';
import { readSource } from './read-source.js';

export interface SettingsPhaseInput {
  root: string;
  discovery: Discovery;
  pythonFiles: ReadonlyMap<string, PythonFileFacts>;
  files: readonly WalkedFile[];
  /** Modules the pool kept, by dotted name; loaded imports are added. */
  modules: Map<string, ProjectModule>;
  environment: Environment;
  /** `--settings MODULE`: judge only this module. */
  only?: string;
  /** Files whose parse found syntax errors. */
  brokenPaths: ReadonlySet<string>;
  maxBytes: number;
  errors: ScanError[];
}

export interface SettingsPhaseResult {
  snapshots: SettingsSnapshot[];
  django: DjangoSemantics;
}

export function djangoSemantics(discovery: Discovery): DjangoSemantics {
  const pinned = discovery.djangoVersion ? parseDjangoVersion(discovery.djangoVersion.version) : undefined;
  return pinned ? { version: pinned, source: 'pin' } : { version: parseDjangoVersion(NEWEST_DJANGO)!, source: 'newest' };
}

export async function runSettingsPhase(input: SettingsPhaseInput): Promise<SettingsPhaseResult> {
  const django = djangoSemantics(input.discovery);
  const judged = chooseModules(input);
  const pathByModule = new Map<string, string>();
  for (const [rel, facts] of input.pythonFiles) if (facts.moduleName && !pathByModule.has(facts.moduleName)) pathByModule.set(facts.moduleName, rel);

  // The import closure of the judged modules.
  const queue = judged.map((m) => m.name);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    let holder = input.modules.get(name);
    if (!holder) {
      const rel = pathByModule.get(name);
      if (!rel) continue;
      holder = await loadModule(input, rel, name);
      if (!holder) continue;
      input.modules.set(name, holder);
    }
    for (const imported of importedModules(holder.module)) {
      for (const candidate of [imported, ...parentsOf(imported)]) if (pathByModule.has(candidate) && !seen.has(candidate)) queue.push(candidate);
    }
  }

  // python-decouple reads .env and settings.ini files of the project.
  const configFiles = new Map<string, string>();
  for (const file of input.files) {
    const base = file.relPath.split('/').pop()!;
    if (base !== '.env' && base !== 'settings.ini') continue;
    const read = readSource(file.absPath, { maxBytes: 1024 * 1024, python: false });
    if (read.ok) configFiles.set(file.relPath, read.text);
  }

  const built = buildSnapshots(
    judged.map((info) => ({ info, django })),
    { environment: input.environment, modules: input.modules, root: input.root, configFiles },
  );
  const snapshots: SettingsSnapshot[] = [];
  for (const { request, snapshot, loadedPaths } of built) {
    if (!snapshot) {
      input.errors.push({ path: request.info.path, line: null, message: `settings module ${request.info.name} could not be read, so it is not judged` });
      continue;
    }
    const broken = loadedPaths.filter((p) => input.brokenPaths.has(p));
    if (broken.length > 0) {
      input.errors.push({
        path: request.info.path,
        line: null,
        message: `settings module ${request.info.name} is not judged: ${broken.join(', ')} has a syntax error, so Python could not import it`,
      });
      continue;
    }
    for (const problem of snapshot.problems) {
      input.errors.push({ path: problem.path, line: problem.line, message: `settings module ${request.info.name}: ${problem.message}` });
    }
    snapshots.push(snapshot);
  }

  // Project modules named by setting values that settings rules inspect (the CSRF failure view's module, the root
  // URLconf), with their parent packages. Loaded after the evaluation, which they do not take part in.
  for (const snapshot of snapshots) {
    for (const name of modulesNamedBySettings(snapshot)) {
      for (const candidate of [...parentsOf(name), name]) {
        const rel = pathByModule.get(candidate);
        if (!rel || input.modules.has(candidate)) continue;
        const holder = await loadModule(input, rel, candidate);
        if (holder) input.modules.set(candidate, holder);
      }
    }
  }
  return { snapshots, django };
}

/** Dotted modules a snapshot's settings name: CSRF_FAILURE_VIEW's module (`a.b` of `a.b.view`) and ROOT_URLCONF. */
export function modulesNamedBySettings(snapshot: SettingsSnapshot): string[] {
  const out: string[] = [];
  const view = snapshot.get('CSRF_FAILURE_VIEW').value;
  if (view.t === 'str' && view.v.lastIndexOf('.') > 0) out.push(view.v.slice(0, view.v.lastIndexOf('.')));
  const urlconf = snapshot.get('ROOT_URLCONF').value;
  if (urlconf.t === 'str' && urlconf.v) out.push(urlconf.v);
  return out.filter((name) => /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(name));
}

function chooseModules(input: SettingsPhaseInput): SettingsModuleInfo[] {
  if (input.only) {
    const known = input.discovery.settingsModules.find((m) => m.name === input.only);
    if (known) return [{ ...known, production: true, productionReason: 'chosen with --settings' }];
    const rel = [...input.pythonFiles].find(([, facts]) => facts.moduleName === input.only)?.[0];
    if (!rel) throw new UsageError(`--settings ${input.only}: no such module under the scan root`);
    return [{ name: input.only, path: rel, production: true, productionReason: 'chosen with --settings', sources: ['config'] }];
  }
  return input.discovery.settingsModules.filter((m) => m.production);
}

async function loadModule(input: SettingsPhaseInput, rel: string, name: string): Promise<ProjectModule | undefined> {
  const facts = input.pythonFiles.get(rel);
  const read = readSource(path.join(input.root, rel), { maxBytes: input.maxBytes, python: true });
  if (!read.ok) return undefined; // already reported by the pool
  const parsed = await parsePython(read.text);
  return { path: rel, module: new PythonModule(read.text, parsed.root, parsed.comments, { moduleName: name, isPackage: facts?.isPackage ?? false }, parsed.lines) };
}

/** Absolute names of the modules a module imports (at any depth of its code). */
export function importedModules(module: PythonModule): string[] {
  const out = new Set<string>();
  walk(module.root, (node: PyNode) => {
    if (node.type === 'import_statement') {
      for (const child of node.children) {
        const name = child.type === 'aliased_import' ? field(child, 'name') : child.type === 'dotted_name' ? child : undefined;
        if (name) out.add(module.text(name).replace(/\s+/g, ''));
      }
      return false;
    }
    if (node.type === 'import_from_statement') {
      const moduleNode = field(node, 'module_name');
      if (!moduleNode) return false;
      let base: string;
      if (moduleNode.type === 'relative_import') {
        const prefix = moduleNode.children.find((c) => c.type === 'import_prefix');
        const dotted = moduleNode.children.find((c) => c.type === 'dotted_name');
        base = module.resolveRelative(prefix ? module.text(prefix).replace(/\s+/g, '').length : 0, dotted ? module.text(dotted).replace(/\s+/g, '') : '');
      } else base = module.text(moduleNode).replace(/\s+/g, '');
      out.add(base);
      // `from package import module`
      for (const child of node.children) {
        if (child.field !== 'name') continue;
        const name = child.type === 'aliased_import' ? field(child, 'name') : child;
        if (name) out.add(`${base}.${module.text(name).replace(/\s+/g, '')}`);
      }
      return false;
    }
    return undefined;
  });
  return [...out];
}

function parentsOf(name: string): string[] {
  const parts = name.split('.');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
}
