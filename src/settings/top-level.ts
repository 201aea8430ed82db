/**
 * The final module-level assignment of a setting, following `from … import *` chains between settings modules.
 * Assignments under `if`/`try`/loops make the value uncertain, which is reported as such rather than guessed.
 */
import type { PyNode } from '../python/ast.js';
import { field, walk } from '../python/ast.js';
import type { ProjectModel, ProjectModule } from '../project/model.js';

export type TopLevelValue =
  | { state: 'unset' }
  /** The last assignment, in `module`; `via` lists the star imports that carried it, outermost first. */
  | { state: 'assigned'; module: ProjectModule; assignment: PyNode; value: PyNode; via: Array<{ module: ProjectModule; node: PyNode }> }
  /** Assigned conditionally, or star-imported from a module ponyguard does not hold. */
  | { state: 'uncertain'; reason: string };

/** `NAME = value` (also chained `A = NAME = value` and annotated `NAME: bool = value`) → value. */
export function assignedValue(statement: PyNode, name: string, text: (n: PyNode) => string): { assignment: PyNode; value: PyNode } | undefined {
  if (statement.type !== 'expression_statement') return undefined;
  let assignment = statement.children[0];
  while (assignment?.type === 'assignment') {
    const left = field(assignment, 'left');
    const right = field(assignment, 'right');
    if (!right) return undefined;
    if (left?.type === 'identifier' && text(left) === name) {
      let value = right;
      while (value.type === 'assignment') value = field(value, 'right') ?? value;
      return value.type === 'assignment' ? undefined : { assignment, value };
    }
    assignment = right;
  }
  return undefined;
}

/** Does a compound statement assign the name, directly or through a star import of a module that sets it? */
function assignsWithin(node: PyNode, name: string, text: (n: PyNode) => string, starSets: (n: PyNode) => boolean): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return false;
    if ((n.type === 'assignment' || n.type === 'augmented_assignment') && field(n, 'left')?.type === 'identifier' && text(field(n, 'left')!) === name) found = true;
    if (n.type === 'import_from_statement' && starSets(n)) found = true;
    return undefined;
  });
  return found;
}

export function resolveTopLevel(project: ProjectModel, moduleName: string, name: string, seen: Set<string> = new Set()): TopLevelValue {
  const holder = project.modules.get(moduleName);
  if (!holder) return { state: 'uncertain', reason: `module ${moduleName} is not part of the scan` };
  if (seen.has(moduleName)) return { state: 'uncertain', reason: `circular star import of ${moduleName}` };
  seen.add(moduleName);
  const { module } = holder;
  const text = (n: PyNode): string => module.text(n);
  let current: TopLevelValue = { state: 'unset' };
  const stars = new Map(module.starImports().map((s) => [s.node, s.module]));
  // A guarded star import (`try: from .local import * except ImportError: pass`) matters only when the module is
  // part of the scan and sets the name.
  const guardedStarSets = (node: PyNode): boolean => {
    const target = stars.get(node);
    return target !== undefined && project.modules.has(target) && resolveTopLevel(project, target, name, new Set(seen)).state !== 'unset';
  };
  for (const statement of module.topLevelStatements()) {
    const direct = assignedValue(statement, name, text);
    if (direct) {
      current = { state: 'assigned', module: holder, ...direct, via: [] };
      continue;
    }
    const star = stars.get(statement);
    if (star !== undefined) {
      const inner = resolveTopLevel(project, star, name, new Set(seen));
      if (inner.state === 'assigned') current = { ...inner, via: [{ module: holder, node: statement }, ...inner.via] };
      else if (inner.state === 'uncertain') current = inner;
      continue;
    }
    if (statement.type !== 'expression_statement' && assignsWithin(statement, name, text, guardedStarSets)) {
      current = { state: 'uncertain', reason: `${name} is set conditionally in ${holder.path} line ${module.lines.lineOf(statement.start)}` };
    }
  }
  return current;
}
