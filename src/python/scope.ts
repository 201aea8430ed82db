/**
 * Names and scopes within one file: function parameters, the values assigned to a name, the class a method belongs
 * to and the classes and functions a module defines. Built on `PythonModule`'s public API.
 */
import type { PyNode } from './ast.js';
import { field, walk } from './ast.js';
import type { PythonModule } from './module.js';

// ---------------------------------------------------------------------------------------------------------------
// Parameters.

/** The identifier a parameter binds: `x`, `x=1`, `x: int`, `x: int = 1`, `*args`, `**kwargs`; undefined for `*` and `/`. */
function parameterIdentifier(parameter: PyNode): PyNode | undefined {
  return parameter.type === 'identifier' ? parameter : (field(parameter, 'name') ?? parameter.children.find((c) => c.type === 'identifier'));
}

/** Is the name one of the function's parameters (`*args` and `**kwargs` included)? */
export function isParameter(fn: PyNode, name: string, module: PythonModule): boolean {
  return (field(fn, 'parameters')?.children ?? []).some((parameter) => {
    const identifier = parameterIdentifier(parameter);
    return identifier !== undefined && module.text(identifier) === name;
  });
}

/** Names of a function's parameters in order, `*args` and `**kwargs` excluded. */
export function parameterNames(fn: PyNode, module: PythonModule): string[] {
  const out: string[] = [];
  for (const parameter of field(fn, 'parameters')?.children ?? []) {
    if (parameter.type === 'identifier') out.push(module.text(parameter));
    else if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') {
      const name = field(parameter, 'name');
      if (name) out.push(module.text(name));
    } else if (parameter.type === 'typed_parameter') {
      const name = parameter.children.find((c) => c.type === 'identifier');
      if (name) out.push(module.text(name));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The values assigned to a name.

/** A binding of a name in a scope: the assigned expression, or null when the value is unknown (a parameter, …). */
type ScopeBindings = Map<string, Array<PyNode | null>>;

const bindingCache = new WeakMap<PythonModule, Map<PyNode, ScopeBindings>>();

/**
 * The values assigned to a name, in the scope a reference (an identifier node) resolves to: the innermost enclosing
 * function that binds it, else the module. `null` entries are bindings whose value is unknown (parameters, loop
 * targets, unpacking, imports, …); undefined means the name is not bound in the file (a builtin, a star import).
 * Flow-insensitive: every assignment in the scope counts, wherever it sits. The same array is returned for every
 * reference to the same binding, so callers can use it to detect a name defined from itself (`sql = sql + "…"`).
 */
export function assignedValues(reference: PyNode, module: PythonModule): ReadonlyArray<PyNode | null> | undefined {
  const name = module.text(reference);
  let cache = bindingCache.get(module);
  if (!cache) bindingCache.set(module, (cache = new Map<PyNode, ScopeBindings>()));
  for (let scope: PyNode | null = reference.parent; scope; scope = scope.parent) {
    if (scope.type !== 'function_definition' && scope.type !== 'module') continue;
    let bindings = cache.get(scope);
    if (!bindings) cache.set(scope, (bindings = collectScopeBindings(scope, module)));
    const found = bindings.get(name);
    if (found) return found;
  }
  return undefined;
}

/**
 * The values assigned to the name a reference resolves to, when every binding is a plain assignment (see
 * `assignedValues`); undefined when one is not (a parameter, a loop variable, an import, …) or the name is unbound.
 */
export function knownValues(reference: PyNode, module: PythonModule): PyNode[] | undefined {
  const values = assignedValues(reference, module);
  if (!values || values.length === 0 || values.some((value) => value === null)) return undefined;
  return values as PyNode[];
}

/**
 * The values assigned (`=`, `+=`, `:=`) to a name before a reference to it, within the function holding the
 * reference: what the name may hold there. Bindings of unknown value (parameters, loop targets) are left out, and so
 * is everything outside that function.
 */
export function valuesBefore(reference: PyNode, module: PythonModule): PyNode[] {
  const fn = module.enclosingFunction(reference);
  if (!fn) return [];
  return (assignedValues(reference, module) ?? []).filter((value): value is PyNode => value !== null && value.start > fn.start && value.end <= fn.end && value.start < reference.start);
}

/**
 * Every binding in a function (or module) body, nested functions and classes excluded. Deliberately conservative:
 * parameters, loop targets, unpacking, `with … as`, imports, `global`/`nonlocal` and definitions are unknown values,
 * and lambda parameters and comprehension variables count against the enclosing scope.
 */
function collectScopeBindings(scope: PyNode, module: PythonModule): ScopeBindings {
  const bindings: ScopeBindings = new Map();
  const bind = (name: string, value: PyNode | null): void => {
    const list = bindings.get(name);
    if (list) list.push(value);
    else bindings.set(name, [value]);
  };
  const unknown = (target: PyNode | undefined): void => {
    if (!target) return;
    walk(target, (n) => {
      if (n.type === 'identifier') bind(module.text(n), null);
      return n.type !== 'attribute' && n.type !== 'subscript';
    });
  };
  const parameters = (list: PyNode | undefined): void => {
    for (const parameter of list?.children ?? []) unknown(parameterIdentifier(parameter));
  };
  if (scope.type === 'function_definition') parameters(field(scope, 'parameters'));
  const body = scope.type === 'module' ? scope : field(scope, 'body');
  if (!body) return bindings;
  walk(body, (node) => {
    switch (node.type) {
      case 'function_definition':
      case 'class_definition':
        unknown(field(node, 'name'));
        return false;
      case 'lambda':
        parameters(field(node, 'parameters'));
        return undefined;
      case 'assignment': {
        const left = field(node, 'left');
        let value = field(node, 'right');
        while (value?.type === 'assignment') value = field(value, 'right'); // a = b = "x"
        if (!left || !value) return undefined; // an annotation without a value binds nothing
        if (left.type === 'identifier') bind(module.text(left), value);
        else unknown(left);
        return undefined;
      }
      case 'augmented_assignment': {
        const left = field(node, 'left');
        if (left?.type === 'identifier') bind(module.text(left), field(node, 'right') ?? null);
        return undefined;
      }
      case 'named_expression': {
        const name = field(node, 'name');
        if (name) bind(module.text(name), field(node, 'value') ?? null);
        return undefined;
      }
      case 'for_statement':
      case 'for_in_clause':
        unknown(field(node, 'left'));
        return undefined;
      case 'as_pattern_target':
      case 'global_statement':
      case 'nonlocal_statement':
        unknown(node);
        return false;
      case 'import_statement':
      case 'import_from_statement':
        for (const child of node.children) {
          if (child.type === 'aliased_import') unknown(field(child, 'alias'));
          else if (child.type === 'dotted_name' && child.field === 'name') unknown(child.children[node.type === 'import_statement' ? 0 : child.children.length - 1]);
        }
        return false;
      default:
        return undefined;
    }
  });
  return bindings;
}

// ---------------------------------------------------------------------------------------------------------------
// Classes.

/** The class whose body defines the function directly (the function is a method), or undefined. */
export function methodClass(fn: PyNode): PyNode | undefined {
  const block = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return block?.type === 'block' && block.parent?.type === 'class_definition' ? block.parent : undefined;
}

/** The base-class expressions of a class that are names or attributes (`View`, `generic.View`; not `metaclass=…`). */
export function baseClasses(cls: PyNode): PyNode[] {
  return (field(cls, 'superclasses')?.children ?? []).filter((c) => c.type === 'identifier' || c.type === 'attribute');
}

/** The functions defined directly in a class body (decorated ones included), in order. */
export function classMethods(cls: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (const statement of field(cls, 'body')?.children ?? []) {
    const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    if (def?.type === 'function_definition') out.push(def);
  }
  return out;
}

/** The `name = value` assignments directly in a class body, in order. */
export function classAssignments(cls: PyNode, name: string, module: PythonModule): PyNode[] {
  const out: PyNode[] = [];
  for (const statement of field(cls, 'body')?.children ?? []) {
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = field(assignment, 'left');
    if (left?.type === 'identifier' && module.text(left) === name) out.push(assignment);
  }
  return out;
}

interface TopLevel {
  /** Module-level functions and classes by name (the last definition of a name wins, as in Python). */
  definitions: Map<string, PyNode>;
  /** Module-level classes by name. */
  classes: Map<string, PyNode>;
}

const topLevelCache = new WeakMap<PythonModule, TopLevel>();

function topLevel(module: PythonModule): TopLevel {
  let found = topLevelCache.get(module);
  if (found) return found;
  found = { definitions: new Map(), classes: new Map() };
  for (const statement of module.topLevelStatements()) {
    const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    if (def?.type !== 'function_definition' && def?.type !== 'class_definition') continue;
    const name = module.definitionName(def) ?? '';
    found.definitions.set(name, def);
    if (def.type === 'class_definition') found.classes.set(name, def);
  }
  topLevelCache.set(module, found);
  return found;
}

/** The function or class the module defines at top level under a name. */
export function topLevelDefinition(module: PythonModule, name: string): PyNode | undefined {
  return topLevel(module).definitions.get(name);
}

/** The class the module defines at top level under a name. */
export function localClass(module: PythonModule, name: string): PyNode | undefined {
  return topLevel(module).classes.get(name);
}
