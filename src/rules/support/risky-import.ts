/**
 * The check of the import rules that report a module (pickle, ftplib, the XML parsers, xmlrpc) unless the import
 * statement brings in only harmless names from it, or the file applies a remedy such as `defusedxml.defuse_stdlib()`.
 */
import type { PythonRuleContext, PythonVisitors } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { isWithinModule } from '../../python/module.js';

export interface RiskyImports {
  /** The modules reported, each with its submodules and names: `xml.sax` covers `xml.sax.make_parser`. */
  modules: readonly string[];
  /** Names harmless to import (exceptions, constants, functions that only write): a statement taking only these is not reported. */
  harmless?: (name: string) => boolean;
  /** The message of a finding, given the first name of the statement that is not harmless. */
  message: (name: string) => string;
  /** Calls anywhere in the file that make some imports safe: those whose risky names all pass `excuses`. */
  remedy?: { calls: readonly string[]; excuses: (names: readonly string[]) => boolean };
}

/**
 * `defusedxml.defuse_stdlib()` replaces the parsing functions inside the standard-library XML modules: an import of
 * the module objects is then safe, while a function imported by name (or before the call) stays the original one.
 */
export function defusedStdlib(patchedModules: readonly string[]): NonNullable<RiskyImports['remedy']> {
  return { calls: ['defusedxml.defuse_stdlib'], excuses: (names) => names.every((name) => patchedModules.includes(name)) };
}

/** One finding per import statement that brings in a risky name from the modules, unless a remedy excuses it. */
export function riskyImportVisitors(context: PythonRuleContext, spec: RiskyImports): PythonVisitors {
  const { module } = context;
  /** Each reported statement, with the risky names it brings in. */
  const pending = new Map<PyNode, string[]>();
  let remedied = false;
  const check = (node: PyNode): void => {
    if (pending.has(node)) return; // a statement importing two of the modules
    const risky = module
      .importedNames(node)
      .map((imported) => imported.qualified)
      .filter((name) => spec.modules.some((m) => isWithinModule(name, m)) && !spec.harmless?.(name));
    if (risky.length > 0) pending.set(node, risky);
  };
  const remedy = (): void => {
    remedied = true;
  };
  return {
    ...Object.fromEntries(spec.modules.map((m) => [`import:${m}`, check])),
    ...Object.fromEntries((spec.remedy?.calls ?? []).map((name) => [`call:${name}`, remedy])),
    'module:exit': () => {
      for (const [node, names] of pending) {
        if (remedied && spec.remedy?.excuses(names)) continue;
        context.report({ node, message: spec.message(names[0]!) });
      }
    },
  };
}
