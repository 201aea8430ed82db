/**
 * A parsed Python module with the semantic helpers rules need: qualified names through imports and aliases,
 * literal evaluation, enclosing scopes, decorators, comments and statement spans. Pure: built from source + tree.
 */
import type { Comment, PyNode } from './ast.js';
import { LineIndex, ancestor, field, fields, walk } from './ast.js';
import { evaluateLiteral, type PyValue } from './literal.js';

const PYTHON_BUILTINS = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex ' +
    'delattr dict dir divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex ' +
    'id input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow ' +
    'print property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars ' +
    'zip __import__ exit quit'
  ).split(' '),
);

export interface ImportBinding {
  /** The fully qualified name the local name stands for (`django.utils.safestring.mark_safe`). */
  qualified: string;
  /** The import statement (or alias assignment) that created the binding. */
  node: PyNode;
}

/** A name an import brings in: `import a.b`, `from a.b import c as d`, `importlib.import_module("a.b")`. */
export interface ImportedName {
  /** The module imported, or imported from: `a.b` in all three examples. */
  module: string;
  /** The name taken from the module by `from a.b import c` (`*` for a star import); absent for a module import. */
  name?: string;
  /** The local name given with `as`. */
  alias?: string;
  /** What is brought in, in full: `a.b.c` for `from a.b import c`, `a.b` for `import a.b`. */
  qualified: string;
}

/** Calls that import the module named by their first argument. */
const IMPORT_CALLS = new Set(['importlib.import_module', '__import__', 'importlib.__import__']);

/** Is a dotted name the module (or package) `module`, or inside it? `xml.sax.saxutils` is within `xml.sax`. */
export function isWithinModule(name: string, module: string): boolean {
  return name === module || name.startsWith(`${module}.`);
}

export interface StarImport {
  /** Absolute module name when it could be resolved, else the dotted relative form (`.base`). */
  module: string;
  node: PyNode;
}

export interface ModuleIdentity {
  /** Dotted module name (`shop.settings.production`), or null when it cannot be derived. */
  moduleName: string | null;
  /** True for `__init__.py`. */
  isPackage: boolean;
}

type Scope = PyNode; // a function_definition, lambda or the module node

const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'module']);

export class PythonModule {
  readonly lines: LineIndex;
  private bindingsByScope?: Map<Scope, Map<string, ImportBinding>>;
  /** Names defined locally in each function scope (parameters, assignments, nested defs), which shadow imports. */
  private localsByScope?: Map<Scope, Set<string>>;
  private stars?: StarImport[];
  private commentsByLine?: Map<number, Comment[]>;

  constructor(
    readonly source: string,
    readonly root: PyNode,
    readonly comments: Comment[],
    readonly identity: ModuleIdentity,
    lines?: LineIndex,
  ) {
    this.lines = lines ?? new LineIndex(source);
  }

  text(node: PyNode): string {
    return this.source.slice(node.start, node.end);
  }

  /** 1-based start/end positions of a node. */
  span(node: PyNode): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
    const start = this.lines.position(node.start);
    const end = this.lines.position(node.end);
    return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  }

  literal(node: PyNode): PyValue | undefined {
    return evaluateLiteral(node, this.source);
  }

  /** Absolute name for a (possibly relative) `from` import's module part. */
  resolveRelative(dots: number, name: string): string {
    if (dots === 0) return name;
    const own = this.identity.moduleName;
    if (own === null) return '.'.repeat(dots) + name;
    const parts = own.split('.');
    const packageParts = this.identity.isPackage ? parts : parts.slice(0, -1);
    const keep = packageParts.length - (dots - 1);
    if (keep < 0) return '.'.repeat(dots) + name;
    const base = packageParts.slice(0, keep).join('.');
    return base && name ? `${base}.${name}` : base || name;
  }

  /**
   * The names an import brings in, in source order: those of an `import` or `from … import` statement, or the
   * module of an `importlib.import_module("x")` / `__import__("x")` call with a literal name. Relative imports (the
   * project's own modules) are left out; so is anything else.
   */
  importedNames(node: PyNode): ImportedName[] {
    if (node.type === 'call') {
      const qualified = this.qualifiedName(node);
      if (qualified === null || !IMPORT_CALLS.has(qualified)) return [];
      const target = this.argument(node, 0, 'name');
      const value = target && this.literal(target);
      return value?.kind === 'str' ? [{ module: value.value, qualified: value.value }] : [];
    }
    const clauses = this.importClauses(node);
    return clauses?.relative ? [] : (clauses?.names ?? []);
  }

  /** Star imports (`from x import *`) at module level, in source order. */
  starImports(): StarImport[] {
    this.collectBindings();
    return this.stars!;
  }

  /** The import binding visible at `node` for a local name, innermost function scope first. */
  binding(name: string, at: PyNode): ImportBinding | undefined {
    const byScope = this.collectBindings();
    for (let scope: PyNode | undefined = this.scopeOf(at); scope; scope = scope.parent ? this.scopeOf(scope) : undefined) {
      const found = byScope.get(scope)?.get(name);
      if (found) return found;
      if (scope.type === 'module') break;
      if (this.localsByScope!.get(scope)?.has(name)) return undefined;
    }
    return undefined;
  }

  /**
   * Fully qualified name of an identifier or attribute chain (or of a call's callee), resolved through imports and
   * module-level aliases: with `from django.utils.safestring import mark_safe as ms`, `ms` is
   * `django.utils.safestring.mark_safe`. Builtins resolve to their bare name (`eval`). Returns null for names that
   * are neither imported nor builtins (locals, parameters, attributes of call results).
   */
  qualifiedName(node: PyNode): string | null {
    const cached = this.qualifiedCache.get(node);
    if (cached !== undefined) return cached;
    const resolved = this.resolveQualifiedName(node);
    this.qualifiedCache.set(node, resolved);
    return resolved;
  }

  private readonly qualifiedCache = new Map<PyNode, string | null>();

  private resolveQualifiedName(node: PyNode): string | null {
    if (node.type === 'call') {
      const fn = field(node, 'function');
      return fn ? this.qualifiedName(fn) : null;
    }
    const chain = this.dottedChain(node);
    if (!chain) return null;
    const [head, ...rest] = chain;
    const bound = this.binding(head!, node);
    if (bound) return [bound.qualified, ...rest].join('.');
    if (PYTHON_BUILTINS.has(head!) && !this.isLocallyAssigned(head!, node)) return [head!, ...rest].join('.');
    return null;
  }

  /** `a.b.c` → ['a', 'b', 'c']; undefined when the chain contains anything but names and attributes. */
  dottedChain(node: PyNode): string[] | undefined {
    const parts: string[] = [];
    let current: PyNode | undefined = node;
    while (current) {
      if (current.type === 'identifier') {
        parts.unshift(this.text(current));
        return parts;
      }
      if (current.type !== 'attribute') return undefined;
      const attr = field(current, 'attribute');
      if (!attr) return undefined;
      parts.unshift(this.text(attr));
      current = field(current, 'object');
    }
    return undefined;
  }

  /**
   * May a call's callee come from a package? Its qualified name is within the package, or it is a bare name and the
   * module star-imports from the package (`from pysnmp.hlapi import *`).
   */
  calleeFrom(call: PyNode, pkg: string): boolean {
    const qualified = this.qualifiedName(call);
    if (qualified !== null) return isWithinModule(qualified, pkg);
    return field(call, 'function')?.type === 'identifier' && this.starImports().some((star) => isWithinModule(star.module, pkg));
  }

  /** The source text of a callee, e.g. `cursor.execute` or `connection.cursor().execute`. */
  calleeText(call: PyNode): string {
    const fn = field(call, 'function');
    return fn ? this.text(fn).replace(/\s+/g, '') : '';
  }

  /** The last name of a callee: `execute` for `conn.cursor().execute(...)`. */
  calleeName(call: PyNode): string | undefined {
    const fn = field(call, 'function');
    if (!fn) return undefined;
    if (fn.type === 'identifier') return this.text(fn);
    if (fn.type === 'attribute') {
      const attr = field(fn, 'attribute');
      return attr ? this.text(attr) : undefined;
    }
    return undefined;
  }

  /** Positional arguments of a call (excluding `*args`/`**kwargs` and keywords). */
  positionalArgs(call: PyNode): PyNode[] {
    const args = field(call, 'arguments');
    if (args?.type === 'generator_expression') return [args]; // f(x for x in y)
    if (!args || args.type !== 'argument_list') return [];
    const out: PyNode[] = [];
    for (const child of args.children) {
      if (child.type === 'keyword_argument' || child.type === 'comment') continue;
      if (child.type === 'list_splat' || child.type === 'dictionary_splat') break;
      out.push(child);
    }
    return out;
  }

  /** The value of a keyword argument. */
  keywordArg(call: PyNode, name: string): PyNode | undefined {
    const args = field(call, 'arguments');
    if (!args) return undefined;
    for (const child of args.children) {
      if (child.type !== 'keyword_argument') continue;
      const key = field(child, 'name');
      if (key && this.text(key) === name) return field(child, 'value');
    }
    return undefined;
  }

  /** A call argument by position or keyword (`arg(call, 0, 'sql')`). */
  argument(call: PyNode, index: number, keyword?: string): PyNode | undefined {
    return (keyword ? this.keywordArg(call, keyword) : undefined) ?? this.positionalArgs(call)[index];
  }

  enclosingFunction(node: PyNode): PyNode | undefined {
    return ancestor(node, (n) => n.type === 'function_definition');
  }

  enclosingClass(node: PyNode): PyNode | undefined {
    return ancestor(node, (n) => n.type === 'class_definition');
  }

  /** Name of a function or class definition. */
  definitionName(definition: PyNode): string | undefined {
    const name = field(definition, 'name');
    return name ? this.text(name) : undefined;
  }

  /** Decorator expressions of a function or class definition. */
  decorators(definition: PyNode): PyNode[] {
    const parent = definition.parent;
    if (!parent || parent.type !== 'decorated_definition') return [];
    return parent.children
      .filter((c) => c.type === 'decorator')
      .map((d) => d.children.find((c) => c.type !== 'comment'))
      .filter((e): e is PyNode => e !== undefined);
  }

  /** Qualified names of a definition's decorators (`@login_required` → `django.contrib.auth.decorators.login_required`). */
  decoratorNames(definition: PyNode): string[] {
    return this.decorators(definition).map((expr) => {
      const target = expr.type === 'call' ? (field(expr, 'function') ?? expr) : expr;
      return this.qualifiedName(target) ?? this.text(target);
    });
  }

  /** Comments on a 1-based line. */
  commentsOn(line: number): Comment[] {
    if (!this.commentsByLine) {
      this.commentsByLine = new Map();
      for (const comment of this.comments) {
        const list = this.commentsByLine.get(comment.line);
        if (list) list.push(comment);
        else this.commentsByLine.set(comment.line, [comment]);
      }
    }
    return this.commentsByLine.get(line) ?? [];
  }

  /**
   * The lines of the statement holding a node, for suppression comments: a simple statement's full extent, or a
   * compound statement's header (`if …:`, `def …(…):` with its decorators).
   */
  statementLines(node: PyNode): [number, number] {
    let statement: PyNode = node;
    for (let current: PyNode | null = node; current; current = current.parent) {
      if (current.type === 'module') break;
      if (current.parent?.type === 'block' || current.parent?.type === 'module') {
        statement = current;
        break;
      }
      statement = current;
    }
    const start = this.lines.lineOf(statement.start);
    const definition = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    const body = definition?.children.find((c) => c.type === 'block');
    const end = body && body.start > statement.start ? this.lines.lineOf(body.start) : this.lines.lineOf(Math.max(statement.end - 1, statement.start));
    const nodeLine = this.lines.lineOf(node.start);
    return [Math.min(start, nodeLine), Math.max(end, nodeLine)];
  }

  /** Module-level statements in order (the children of the module node, comments excluded). */
  topLevelStatements(): PyNode[] {
    return this.root.children.filter((c) => c.type !== 'comment');
  }

  /** The names of an import statement, relative modules resolved as far as the module's identity allows. */
  private importClauses(node: PyNode): { names: ImportedName[]; relative: boolean } | undefined {
    const clean = (n: PyNode): string => this.text(n).replace(/\s+/g, '');
    const names: ImportedName[] = [];
    if (node.type === 'import_statement') {
      for (const child of node.children) {
        if (child.type === 'dotted_name') {
          names.push({ module: clean(child), qualified: clean(child) });
        } else if (child.type === 'aliased_import') {
          const name = field(child, 'name');
          const alias = field(child, 'alias');
          if (name) names.push({ module: clean(name), qualified: clean(name), ...(alias ? { alias: this.text(alias) } : {}) });
        }
      }
      return { names, relative: false };
    }
    if (node.type !== 'import_from_statement') return undefined;
    const moduleNode = field(node, 'module_name');
    if (!moduleNode) return undefined;
    const relative = moduleNode.type === 'relative_import';
    let base: string;
    if (relative) {
      const prefix = moduleNode.children.find((c) => c.type === 'import_prefix');
      const dotted = moduleNode.children.find((c) => c.type === 'dotted_name');
      const dots = prefix ? clean(prefix).length : 0;
      base = this.resolveRelative(dots, dotted ? clean(dotted) : '');
    } else {
      base = clean(moduleNode);
    }
    const join = (name: string): string => (base.endsWith('.') || base === '' ? base + name : `${base}.${name}`);
    if (node.children.some((c) => c.type === 'wildcard_import')) return { names: [{ module: base, name: '*', qualified: join('*') }], relative };
    for (const child of fields(node, 'name')) {
      const name = child.type === 'aliased_import' ? field(child, 'name') : child;
      const alias = child.type === 'aliased_import' ? field(child, 'alias') : undefined;
      if (name) names.push({ module: base, name: clean(name), qualified: join(clean(name)), ...(alias ? { alias: this.text(alias) } : {}) });
    }
    return { names, relative };
  }

  private scopeOf(node: PyNode): Scope {
    return ancestor(node, (n) => SCOPE_TYPES.has(n.type)) ?? this.root;
  }

  private isLocallyAssigned(name: string, at: PyNode): boolean {
    // A parameter, local variable or nested function of an enclosing function shadows the builtin.
    this.collectBindings();
    for (let scope: PyNode | undefined = this.scopeOf(at); scope && scope.type !== 'module'; scope = scope.parent ? this.scopeOf(scope) : undefined) {
      if (this.localsByScope!.get(scope)?.has(name)) return true;
    }
    // A module-level `open = ...` shadows the builtin. (Function-local shadowing is rare for builtins we match.)
    for (const statement of this.root.children) {
      if (statement.type !== 'expression_statement') continue;
      const assignment = statement.children[0];
      if (assignment?.type !== 'assignment') continue;
      const left = field(assignment, 'left');
      if (left?.type === 'identifier' && this.text(left) === name && assignment.start < at.start) return true;
    }
    return false;
  }

  private collectBindings(): Map<Scope, Map<string, ImportBinding>> {
    if (this.bindingsByScope) return this.bindingsByScope;
    const byScope = new Map<Scope, Map<string, ImportBinding>>();
    const stars: StarImport[] = [];
    const bind = (scope: Scope, name: string, binding: ImportBinding): void => {
      let map = byScope.get(scope);
      if (!map) byScope.set(scope, (map = new Map<string, ImportBinding>()));
      map.set(name, binding);
    };
    const aliasCandidates: PyNode[] = [];
    const locals = new Map<Scope, Set<string>>();
    const defineLocal = (scope: Scope, target: PyNode | undefined): void => {
      if (!target || scope.type === 'module') return;
      let set = locals.get(scope);
      if (!set) locals.set(scope, (set = new Set()));
      const names = set;
      walk(target, (n) => {
        if (n.type === 'identifier') names.add(this.text(n));
        // `a.b = …` and `a[i] = …` bind nothing.
        return n.type !== 'attribute' && n.type !== 'subscript';
      });
    };
    walk(this.root, (node) => {
      switch (node.type) {
        case 'function_definition':
        case 'class_definition':
          defineLocal(this.scopeOf(node), field(node, 'name'));
          if (node.type === 'function_definition') {
            for (const parameter of field(node, 'parameters')?.children ?? []) {
              const name = parameter.type === 'identifier' ? parameter : (field(parameter, 'name') ?? parameter.children.find((c) => c.type === 'identifier'));
              defineLocal(node, name);
            }
          }
          break;
        case 'assignment':
        case 'augmented_assignment':
        case 'for_statement':
        case 'for_in_clause':
          defineLocal(this.scopeOf(node), field(node, 'left'));
          break;
        case 'named_expression':
          defineLocal(this.scopeOf(node), field(node, 'name'));
          break;
        case 'as_pattern':
          defineLocal(this.scopeOf(node), field(node, 'alias'));
          break;
        default:
          break;
      }
      if (node.type === 'import_statement' || node.type === 'import_from_statement') {
        const scope = this.scopeOf(node);
        for (const imported of this.importClauses(node)?.names ?? []) {
          if (imported.name === '*') {
            if (scope.type === 'module') stars.push({ module: imported.module, node });
          } else if (imported.alias !== undefined) {
            bind(scope, imported.alias, { qualified: imported.qualified, node });
          } else if (imported.name !== undefined) {
            bind(scope, imported.name, { qualified: imported.qualified, node });
          } else {
            // `import a.b.c` binds `a`.
            const head = imported.module.split('.')[0]!;
            bind(scope, head, { qualified: head, node });
          }
        }
        return false;
      }
      if (node.type === 'assignment' && node.parent?.parent?.type === 'module') aliasCandidates.push(node);
      return undefined;
    });
    this.bindingsByScope = byScope;
    this.localsByScope = locals;
    this.stars = stars;
    // Module-level aliases of imported names: `ms = mark_safe`, `run = subprocess.Popen`.
    for (const assignment of aliasCandidates) {
      const left = field(assignment, 'left');
      const right = field(assignment, 'right');
      if (left?.type !== 'identifier' || !right || (right.type !== 'identifier' && right.type !== 'attribute')) continue;
      const chain = this.dottedChain(right);
      const bound = chain && this.binding(chain[0]!, assignment);
      if (chain && bound) {
        bind(this.root, this.text(left), { qualified: [bound.qualified, ...chain.slice(1)].join('.'), node: assignment });
      }
    }
    return byScope;
  }
}
