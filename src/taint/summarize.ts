/**
 * The per-file half of the taint engine: an abstract interpretation of every function of a module that records, in
 * a `FunctionSummary`, where each parameter, `self.<field>` and call result flows — into sinks (asked of the taint
 * rules), into the return value, into other calls' arguments and into fields. Flow-sensitive within a function
 * (branches are joined, loops run to a bound, guards refine the branch they protect, code after `return` is dead);
 * inter-procedural composition is the solver's job (`solve.ts`). Pure: module in, summary out.
 */
import type { Confidence } from '../core/finding.js';
import type { TaintRule } from '../core/rule.js';
import type { PyNode } from '../python/ast.js';
import { field, walk } from '../python/ast.js';
import { abbreviate } from '../python/expressions.js';
import type { PythonModule } from '../python/module.js';
import { admittedCharacters, excludesAll } from './charset.js';
import { cleaned, extend, mergeFlows, underKey, weakened, withHop, withoutKey, type Flow, type Hop } from './flow.js';
import {
  LOOKUP_METHODS,
  MUTATORS,
  PARSED_FROM_FIRST,
  REGEX_SUBJECT_SECOND,
  SAME_AS_FIRST,
  TEXT_METHODS,
  TEXT_OF_ALL,
  TEXT_OF_FIRST,
  UNIVERSAL_GUARDS,
  UNIVERSAL_SANITIZERS,
} from './library.js';
import type { CallView, SinkMatch, StoreView } from './spec.js';
import type { CallSite, Callee, ClassSummary, FieldStore, FunctionSummary, ModuleSummary, Route, SinkHit } from './summary.js';

/** An abstract value: the flows it carries, what produced it, and the parts of literal containers. */
interface Value {
  flows: Flow[];
  /** Qualified names of the calls or imports that produced it (`django.db.connection.cursor()`), or `def:<id>`. */
  types?: string[];
  /** Entries of a dict literal (string keys) and attributes set on a local object (`.name`). */
  keys?: ReadonlyMap<string, Value>;
  /** Elements of a list or tuple literal. */
  items?: Value[];
}

const EMPTY: Value = { flows: [] };

/** Per-argument details of a sink. */
interface SinkOptions {
  programOnly?: boolean;
  keysOnly?: boolean;
  note?: string;
  maxConfidence?: Confidence;
}

interface State {
  env: Map<string, Value>;
  live: boolean;
}

/**
 * Loop iterations analysed before the loop's state is taken as settled (flows only grow, within caps). Nested loops
 * take one pass each: the outermost loop's second pass runs them again, which keeps the cost linear in the depth.
 */
const LOOP_PASSES = 2;
/** Maximum nesting of expressions evaluated (pathological generated code). */
const MAX_DEPTH = 200;

const FUNCTION_TYPES = new Set(['function_definition']);

export function summarizeModule(module: PythonModule, path: string, rules: readonly TaintRule[]): ModuleSummary {
  return new ModuleSummarizer(module, path, rules).run();
}

/** Dotted module name, or one derived from the path when discovery could not name the module. */
export function moduleNameOf(module: PythonModule, path: string): string {
  if (module.identity.moduleName) return module.identity.moduleName;
  return path.replace(/\.pyw?$/, '').replace(/\/__init__$/, '').split('/').join('.');
}

class ModuleSummarizer {
  readonly name: string;
  readonly functions: FunctionSummary[] = [];
  readonly classes: ClassSummary[] = [];
  readonly routes: Route[] = [];
  readonly uploadHandlers: string[] = [];
  /** Module-level definitions: name → qualified id. */
  readonly definitions = new Map<string, string>();
  readonly byCallee = new Map<string, TaintRule[]>();
  readonly byMethod = new Map<string, TaintRule[]>();
  readonly storeRules: TaintRule[];
  readonly spreadRules: TaintRule[];
  readonly returnRules: TaintRule[];
  readonly templateRules: TaintRule[];
  /** Rules for which a URL whose host is in an allow-list is safe. */
  readonly hostRules: string[];
  /** Rules for which a normalised path that passed a prefix test (`real.startswith(root)`) is safe. */
  readonly containmentRules: string[];
  /** Callee → rule codes it sanitizes for. */
  readonly sanitizers = new Map<string, string[]>();
  readonly guards = new Map<string, string[]>();
  /** Validator classes → rule codes for which a value they accepted is only partly safe. */
  readonly partialValidators = new Map<string, string[]>();
  /** Module-level names bound to literal collections of constants (allow-lists). */
  readonly constantCollections = new Set<string>();
  /** Module-level names bound to a call's result: `ENV = jinja2.Environment()` is a `jinja2.Environment()`. */
  readonly globalTypes = new Map<string, string>();
  /** Per class id: fields always assigned a call's result (`self.session = requests.Session()`). */
  readonly fieldTypes = new Map<string, Map<string, string>>();
  private sinkIds = 0;

  constructor(
    readonly module: PythonModule,
    readonly path: string,
    readonly rules: readonly TaintRule[],
  ) {
    this.name = moduleNameOf(module, path);
    for (const rule of rules) {
      for (const callee of rule.sinks.callees ?? []) push(this.byCallee, callee, rule);
      for (const method of rule.sinks.methods ?? []) push(this.byMethod, method, rule);
      for (const callee of rule.sanitizers ?? []) push(this.sanitizers, callee, rule.meta.code);
      for (const callee of rule.guards ?? []) push(this.guards, callee, rule.meta.code);
      for (const validator of rule.partialValidators ?? []) push(this.partialValidators, validator, rule.meta.code);
    }
    this.storeRules = rules.filter((rule) => rule.sinks.store !== undefined);
    this.spreadRules = rules.filter((rule) => rule.sinks.spreads === true);
    this.returnRules = rules.filter((rule) => (rule.sinks.returns?.length ?? 0) > 0);
    this.templateRules = rules.filter((rule) => rule.sinks.templates);
    this.hostRules = rules.filter((rule) => rule.hostAllowList === true).map((rule) => rule.meta.code);
    this.containmentRules = rules.filter((rule) => rule.containmentCheck === true).map((rule) => rule.meta.code);
  }

  nextSinkId(): number {
    return this.sinkIds++;
  }

  run(): ModuleSummary {
    const top = this.module.root;
    for (const statement of definitionsIn(top)) {
      const definition = unwrapDecorated(statement);
      const nameNode = field(definition, 'name');
      if (nameNode) this.definitions.set(this.module.text(nameNode), `${this.name}.${this.module.text(nameNode)}`);
    }
    for (const statement of top.children) {
      if (statement.type !== 'expression_statement') continue;
      const assignment = statement.children[0];
      if (assignment?.type !== 'assignment') continue;
      const left = field(assignment, 'left');
      const right = field(assignment, 'right');
      if (left?.type === 'identifier' && right && isConstantCollection(right)) this.constantCollections.add(this.module.text(left));
      if (left?.type === 'identifier' && right?.type === 'call') {
        const callee = field(right, 'function');
        const qualified = callee ? this.resolveName(callee) : null;
        if (qualified) this.globalTypes.set(this.module.text(left), `${qualified}()`);
      }
    }
    for (const statement of definitionsIn(top)) this.definition(statement, this.name, undefined);
    this.collectRoutes();
    return {
      module: this.name,
      path: this.path,
      functions: this.functions,
      classes: this.classes,
      routes: this.routes,
      aliases: this.aliases(),
      uploadHandlers: this.uploadHandlers,
    };
  }

  /** A function or class definition (possibly decorated) found in `scope` (a module, class or function id). */
  definition(statement: PyNode, scope: string, owner: ClassSummary | undefined): void {
    const definition = unwrapDecorated(statement);
    const nameNode = field(definition, 'name');
    if (!nameNode) return;
    const id = `${scope}.${this.module.text(nameNode)}`;
    if (definition.type === 'class_definition') {
      this.classDefinition(definition, id);
    } else if (FUNCTION_TYPES.has(definition.type)) {
      new FunctionAnalyzer(this, definition, statement, id, owner).run();
    }
  }

  private classDefinition(definition: PyNode, id: string): void {
    const bases: string[] = [];
    for (const base of field(definition, 'superclasses')?.children ?? []) {
      if (base.type === 'keyword_argument') continue;
      const resolved = this.resolveName(base);
      if (resolved) bases.push(resolved);
    }
    const attrs: Record<string, string> = {};
    const methods: string[] = [];
    const body = field(definition, 'body');
    const summary: ClassSummary = { id, module: this.name, path: this.path, line: this.line(definition), bases, methods, attrs };
    for (const statement of body?.children ?? []) {
      if (statement.type === 'expression_statement' && statement.children[0]?.type === 'assignment') {
        const assignment = statement.children[0];
        const left = field(assignment, 'left');
        const right = field(assignment, 'right');
        const value = right && this.module.literal(right);
        if (left?.type === 'identifier' && value?.kind === 'str') attrs[this.module.text(left)] = value.value;
      }
    }
    this.classes.push(summary);
    this.fieldTypes.set(id, this.fieldTypesOf(definition));
    for (const statement of body?.children ?? []) {
      const inner = unwrapDecorated(statement);
      if (inner.type !== 'function_definition' && inner.type !== 'class_definition') continue;
      const nameNode = field(inner, 'name');
      if (inner.type === 'function_definition' && nameNode) methods.push(this.module.text(nameNode));
      this.definition(statement, id, inner.type === 'function_definition' ? summary : undefined);
    }
  }

  /** `self.session = requests.Session()` in any method: the field holds a `requests.Session()` (when every such store agrees). */
  private fieldTypesOf(definition: PyNode): Map<string, string> {
    const types = new Map<string, string | null>();
    walk(definition, (node) => {
      if (node.type === 'class_definition' && node !== definition) return false;
      if (node.type !== 'assignment') return undefined;
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left?.type !== 'attribute' || field(left, 'object')?.type !== 'identifier' || this.module.text(field(left, 'object')!) !== 'self') return undefined;
      const name = this.module.text(field(left, 'attribute')!);
      const fn = right?.type === 'call' ? field(right, 'function') : undefined;
      const callee = fn ? this.resolveName(fn) : null;
      const type = callee !== null ? `${callee}()` : null;
      types.set(name, types.has(name) && types.get(name) !== type ? null : type);
      return undefined;
    });
    const out = new Map<string, string>();
    for (const [name, type] of types) if (type !== null) out.set(name, type);
    return out;
  }

  /** Qualified name of a name or attribute chain: imports, then this module's definitions. */
  resolveName(node: PyNode): string | null {
    const qualified = this.module.qualifiedName(node);
    if (qualified !== null) return qualified;
    const chain = this.module.dottedChain(node);
    if (!chain) return null;
    const local = this.definitions.get(chain[0]!);
    return local ? [local, ...chain.slice(1)].join('.') : null;
  }

  line(node: PyNode): number {
    return this.module.lines.position(node.start).line;
  }

  hop(node: PyNode, note: string): Hop {
    return { path: this.path, line: this.line(node), note };
  }

  private aliases(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const statement of this.module.root.children) {
      if (statement.type !== 'import_statement' && statement.type !== 'import_from_statement') continue;
      walk(statement, (node) => {
        if (node.type === 'aliased_import') {
          const alias = field(node, 'alias');
          if (alias) {
            const bound = this.module.binding(this.module.text(alias), statement);
            if (bound) out[this.module.text(alias)] = bound.qualified;
          }
          return false;
        }
        if (node.type === 'dotted_name' && node.field === 'name') {
          const local = this.module.text(node).split('.')[0]!;
          const bound = this.module.binding(local, statement);
          if (bound) out[local] = bound.qualified;
          return false;
        }
        return undefined;
      });
    }
    return out;
  }

  private collectRoutes(): void {
    walk(this.module.root, (node) => {
      if (node.type !== 'call') return undefined;
      const uploadTo = this.module.keywordArg(node, 'upload_to');
      if (uploadTo && (uploadTo.type === 'identifier' || uploadTo.type === 'attribute')) {
        const handler = this.resolveName(uploadTo);
        if (handler) this.uploadHandlers.push(handler);
      }
      const callee = this.module.qualifiedName(node);
      if (callee === 'django.urls.path' || callee === 'django.urls.re_path' || callee === 'django.conf.urls.url') {
        const route = this.module.argument(node, 0, 'route');
        const view = this.module.argument(node, 1, 'view');
        const pattern = route ? this.module.literal(route) : undefined;
        this.routes.push({
          path: this.path,
          line: this.line(node),
          pattern: pattern?.kind === 'str' ? pattern.value : null,
          regex: callee !== 'django.urls.path',
          view: view ? this.viewReference(view) : { kind: 'unknown' },
        });
      } else if (this.module.calleeName(node) === 'register' && field(field(node, 'function') ?? node, 'object')) {
        // DRF routers: router.register(prefix, ViewSet, basename=...)
        const viewset = this.module.argument(node, 1, 'viewset');
        const resolved = viewset ? this.resolveName(viewset) : null;
        const prefix = this.module.argument(node, 0, 'prefix');
        const pattern = prefix ? this.module.literal(prefix) : undefined;
        if (resolved) this.routes.push({ path: this.path, line: this.line(node), pattern: pattern?.kind === 'str' ? pattern.value : null, regex: true, router: true, view: { kind: 'class', id: resolved } });
      }
      return undefined;
    });
  }

  private viewReference(view: PyNode): Route['view'] {
    if (view.type === 'call') {
      const fn = field(view, 'function');
      const callee = this.module.qualifiedName(view);
      if (callee === 'django.urls.include' || callee === 'django.conf.urls.include') {
        let target = this.module.argument(view, 0, 'arg');
        if (target?.type === 'tuple' || target?.type === 'list') target = target.children[0];
        const literal = target ? this.module.literal(target) : undefined;
        if (literal?.kind === 'str') return { kind: 'include', module: literal.value };
        const resolved = target ? this.resolveName(target) : null;
        return resolved ? { kind: 'include', module: resolved } : { kind: 'unknown' };
      }
      if (fn?.type === 'attribute' && this.module.text(field(fn, 'attribute')!) === 'as_view') {
        const cls = field(fn, 'object');
        const resolved = cls ? this.resolveName(cls) : null;
        return resolved ? { kind: 'class', id: resolved } : { kind: 'unknown' };
      }
      // A decorator applied in the URLconf: csrf_exempt(views.post), login_required(View.as_view()).
      const inner = this.module.argument(view, 0);
      return inner ? this.viewReference(inner) : { kind: 'unknown' };
    }
    const resolved = this.resolveName(view);
    return resolved ? { kind: 'function', id: resolved } : { kind: 'unknown' };
  }
}

class FunctionAnalyzer {
  private readonly summary: FunctionSummary;
  private readonly module: PythonModule;
  private readonly sites = new Map<PyNode, CallSite>();
  private readonly sinks = new Map<string, SinkHit>();
  private returns: Flow[] = [];
  private readonly fields = new Map<string, FieldStore>();
  private selfName: string | undefined;
  private readonly loopExits: State[][] = [];
  /** Names bound to the host of a URL variable: `host = urlsplit(url).hostname` → host ↦ url. */
  private readonly derivedHosts = new Map<string, string>();
  /** Names bound to a condition (a guard call, a comparison), tested later by name. */
  private readonly conditionAliases = new Map<string, PyNode>();
  private aliasDepth = 0;
  /** Names bound to a normalised path (`os.path.realpath(...)`, `p.resolve()`). */
  private readonly normalisedPaths = new Set<string>();
  private depth = 0;

  constructor(
    private readonly owner: ModuleSummarizer,
    private readonly definition: PyNode,
    statement: PyNode,
    id: string,
    private readonly cls: ClassSummary | undefined,
  ) {
    this.module = owner.module;
    const decorators = statement.type === 'decorated_definition' ? statement.children.filter((c) => c.type === 'decorator') : [];
    const decoratorNames = decorators.map((d) => {
      const expression = d.children[0];
      const target = expression?.type === 'call' ? field(expression, 'function') : expression;
      return (target && owner.resolveName(target)) ?? (target ? this.module.text(target) : '');
    });
    const { params, kwOnlyFrom, varargs, varkw } = parameters(this.module, definition);
    this.summary = {
      id,
      module: owner.name,
      name: this.module.text(field(definition, 'name')!),
      ...(cls ? { owner: cls.id } : {}),
      path: owner.path,
      line: owner.line(definition),
      params,
      kwOnlyFrom,
      ...(varargs ? { varargs } : {}),
      ...(varkw ? { varkw } : {}),
      decorators: decoratorNames,
      ...(decoratorNames.includes('staticmethod') ? { isStatic: true } : {}),
      calls: [],
      sinks: [],
      returns: [],
      fieldStores: [],
    };
    if (cls && !this.summary.isStatic && params.length > 0) this.selfName = params[0];
  }

  run(): void {
    const env = new Map<string, Value>();
    const { params, varargs, varkw } = this.summary;
    params.forEach((name, index) => env.set(name, { flows: [paramFlow(index)] }));
    if (varargs) env.set(varargs, { flows: [paramFlow(params.length)] });
    if (varkw) env.set(varkw, { flows: [paramFlow(params.length + 1)] });
    const body = field(this.definition, 'body');
    if (body) this.block(body, { env, live: true });
    this.summary.calls = [...this.sites.values()].sort((a, b) => a.site - b.site);
    this.summary.sinks = [...this.sinks.values()];
    this.summary.returns = this.returns;
    this.summary.fieldStores = [...this.fields.values()];
    this.owner.functions.push(this.summary);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Statements

  private block(block: PyNode, state: State): State {
    let current = state;
    for (const statement of block.children) {
      if (!current.live) break;
      current = this.statement(statement, current);
    }
    return current;
  }

  private statement(node: PyNode, state: State): State {
    switch (node.type) {
      case 'expression_statement':
        for (const child of node.children) this.expressionStatement(child, state);
        return state;
      case 'return_statement': {
        const value = node.children[0] ? this.expr(node.children[0], state) : EMPTY;
        this.addReturn(value, node);
        return { ...state, live: false };
      }
      case 'raise_statement':
        for (const child of node.children) this.expr(child, state);
        return { ...state, live: false };
      case 'break_statement':
      case 'continue_statement':
        this.loopExits[this.loopExits.length - 1]?.push(state);
        return { ...state, live: false };
      case 'if_statement':
        return this.ifStatement(node, state);
      case 'for_statement':
        return this.forStatement(node, state);
      case 'while_statement':
        return this.whileStatement(node, state);
      case 'try_statement':
        return this.tryStatement(node, state);
      case 'with_statement':
        return this.withStatement(node, state);
      case 'match_statement':
        return this.matchStatement(node, state);
      case 'assert_statement': {
        const condition = node.children[0];
        if (condition) {
          this.expr(condition, state);
          return this.refine(condition, true, state);
        }
        return state;
      }
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition': {
        const definition = unwrapDecorated(node);
        const nameNode = field(definition, 'name');
        if (!nameNode) return state;
        const id = `${this.summary.id}.${this.module.text(nameNode)}`;
        this.owner.definition(node, this.summary.id, undefined);
        state.env.set(this.module.text(nameNode), { flows: [], types: [`def:${id}`] });
        return state;
      }
      case 'import_statement':
      case 'import_from_statement':
        // Local imports shadow locals of the same name.
        for (const name of importedLocalNames(this.module, node)) state.env.delete(name);
        return state;
      case 'delete_statement':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'pass_statement':
      case 'comment':
        return state;
      default:
        for (const child of node.children) if (child.type !== 'block') this.expr(child, state);
        return state;
    }
  }

  private expressionStatement(node: PyNode, state: State): void {
    switch (node.type) {
      case 'assignment':
        this.assignment(node, state);
        return;
      case 'augmented_assignment': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (!left || !right) return;
        const value = this.expr(right, state);
        const before = this.expr(left, state);
        const operator = node.ops?.[0] ?? '+=';
        const combined = operator === '+=' || operator === '%=' || operator === '|=' || operator === '*=' ? joinValues(before, textOf(value, node, this.owner)) : before;
        this.bind(left, combined, state, node);
        return;
      }
      default:
        this.expr(node, state);
    }
  }

  private assignment(node: PyNode, state: State): Value {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!right) return EMPTY;
    const value = right.type === 'assignment' ? this.assignment(right, state) : this.expr(right, state);
    if (left) this.bind(left, value, state, node);
    if (left?.type === 'identifier') {
      // `ok = url_has_allowed_host_and_scheme(url=x, ...)`, then `if ok:` / `x if ok else ""`.
      if (CONDITION_TYPES.has(right.type)) this.conditionAliases.set(this.module.text(left), right);
      else this.conditionAliases.delete(this.module.text(left));
      if (this.isNormalisedPath(right)) this.normalisedPaths.add(this.module.text(left));
      else this.normalisedPaths.delete(this.module.text(left));
      const url = this.hostOf(right);
      if (url) this.derivedHosts.set(this.module.text(left), url);
      else this.derivedHosts.delete(this.module.text(left));
    }
    return value;
  }

  /**
   * A validator instance called on a variable (`URLValidator()(url)`, `validate(url)`), which raises on bad input: for
   * the rules that name it a partial validator, what reaches their sinks afterwards is reported at low confidence.
   */
  private validate(instanceTypes: readonly string[], call: PyNode, state: State): void {
    const codes = instanceTypes.flatMap((type) => this.owner.partialValidators.get(type.replace(/\(\)$/, '')) ?? []);
    const subject = codes.length > 0 ? this.module.argument(call, 0) : undefined;
    if (subject?.type !== 'identifier') return;
    const name = this.module.text(subject);
    const value = state.env.get(name);
    if (value) state.env.set(name, mapFlows(value, (flow) => cleaned(flow, codes.map((code) => `~${code}`))));
  }

  /** `os.path.realpath(...)`, `abspath`, `normpath`, or a pathlib `.resolve()`. */
  private isNormalisedPath(node: PyNode): boolean {
    if (node.type !== 'call') return false;
    const fn = field(node, 'function');
    if (!fn) return false;
    if (fn.type === 'attribute' && this.module.text(field(fn, 'attribute')!) === 'resolve') return true;
    const callee = this.owner.resolveName(fn);
    return callee !== null && NORMALISERS.has(callee);
  }

  /** `urlsplit(url).hostname` / `urlparse(url).netloc` (or a name assigned from one): the name `url`. */
  private hostOf(node: PyNode): string | undefined {
    let target = node;
    while (target.type === 'parenthesized_expression' && target.children[0]) target = target.children[0];
    if (target.type === 'identifier') return this.derivedHosts.get(this.module.text(target));
    if (target.type !== 'attribute' || !HOST_PARTS.has(this.module.text(field(target, 'attribute')!))) return undefined;
    const parsed = field(target, 'object');
    if (parsed?.type !== 'call') return undefined;
    const fn = field(parsed, 'function');
    const callee = fn ? this.owner.resolveName(fn) : null;
    if (callee === null || !URL_PARSERS.has(callee)) return undefined;
    const url = this.module.argument(parsed, 0, 'url');
    return url?.type === 'identifier' ? this.module.text(url) : undefined;
  }

  /** Binds a target (name, tuple pattern, attribute, subscript) to a value. */
  private bind(target: PyNode, value: Value, state: State, at: PyNode): void {
    switch (target.type) {
      case 'identifier': {
        const name = this.module.text(target);
        state.env.set(name, value.flows.length > 0 ? mapFlows(value, (flow) => withHop(flow, this.owner.hop(at, `assigned to ${name}`))) : value);
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'expression_list':
      case 'tuple':
      case 'list': {
        const targets = target.children.filter((c) => c.type !== 'comment');
        targets.forEach((child, index) => {
          const element = value.items?.[index] ?? elementOf(value, this.owner.hop(at, 'unpacked'));
          this.bind(child.type === 'list_splat_pattern' ? (child.children[0] ?? child) : child, element, state, at);
        });
        return;
      }
      case 'parenthesized_expression':
        if (target.children[0]) this.bind(target.children[0], value, state, at);
        return;
      case 'attribute': {
        const object = field(target, 'object');
        const attribute = field(target, 'attribute');
        if (!object || !attribute) return;
        const name = this.module.text(attribute);
        if (object.type === 'identifier' && this.module.text(object) === this.selfName && this.cls) {
          if (value.flows.length > 0) {
            const key = name;
            const existing = this.fields.get(key);
            const flows = value.flows.map((flow) => withHop(flow, this.owner.hop(at, `stored in self.${name}`)));
            if (existing) existing.flows = mergeFlows(existing.flows, flows);
            else this.fields.set(key, { owner: this.cls.id, name, flows });
          }
          return;
        }
        if (value.flows.length > 0) this.checkStore(object, undefined, value, at, state, name);
        if (object.type === 'identifier') {
          const local = this.module.text(object);
          const current = state.env.get(local);
          if (current) state.env.set(local, withKey(current, `.${name}`, value));
        }
        return;
      }
      case 'subscript': {
        const object = field(target, 'value');
        const key = field(target, 'subscript');
        if (!object) return;
        if (key) this.expr(key, state);
        this.checkStore(object, key, value, at, state);
        if (object.type !== 'identifier') return;
        const local = this.module.text(object);
        const current = state.env.get(local) ?? EMPTY;
        const literal = key ? this.module.literal(key) : undefined;
        state.env.set(local, literal?.kind === 'str' ? withKey(current, literal.value, value) : joinValues(current, weakValue(value)));
        return;
      }
      default:
        return;
    }
  }

  private ifStatement(node: PyNode, state: State): State {
    const condition = field(node, 'condition');
    if (condition) this.expr(condition, state);
    const results: State[] = [];
    const consequence = field(node, 'consequence');
    const trueState = condition ? this.refine(condition, true, copy(state)) : copy(state);
    if (consequence) results.push(this.block(consequence, trueState));
    let rest = condition ? this.refine(condition, false, copy(state)) : copy(state);
    let hasElse = false;
    for (const alternative of node.children.filter((c) => c.field === 'alternative')) {
      if (alternative.type === 'elif_clause') {
        const elifCondition = field(alternative, 'condition');
        if (elifCondition) this.expr(elifCondition, rest);
        const body = field(alternative, 'consequence');
        const branch = elifCondition ? this.refine(elifCondition, true, copy(rest)) : copy(rest);
        if (body) results.push(this.block(body, branch));
        rest = elifCondition ? this.refine(elifCondition, false, rest) : rest;
      } else if (alternative.type === 'else_clause') {
        hasElse = true;
        const body = field(alternative, 'body') ?? alternative.children.find((c) => c.type === 'block');
        if (body) results.push(this.block(body, rest));
      }
    }
    if (!hasElse) results.push(rest);
    return join(results, state);
  }

  private forStatement(node: PyNode, state: State): State {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const body = field(node, 'body');
    const iterable = right ? this.expr(right, state) : EMPTY;
    const element = elementOf(iterable, this.owner.hop(node, 'iterated'));
    let current = copy(state);
    const states: State[] = [state];
    const passes = this.loopExits.length === 0 ? LOOP_PASSES : 1;
    for (let pass = 0; pass < passes; pass++) {
      if (left) this.bind(left, element, current, node);
      this.loopExits.push([]);
      const after = body ? this.block(body, current) : current;
      const exits = this.loopExits.pop() ?? [];
      states.push(after, ...exits);
      current = join([copy(state), after, ...exits], state);
      current.live = true;
    }
    let result = join(states, state);
    const alternative = node.children.find((c) => c.type === 'else_clause');
    const elseBody = alternative && (field(alternative, 'body') ?? alternative.children.find((c) => c.type === 'block'));
    if (elseBody && result.live) result = this.block(elseBody, result);
    return result;
  }

  private whileStatement(node: PyNode, state: State): State {
    const condition = field(node, 'condition');
    const body = field(node, 'body');
    const states: State[] = [state];
    let current = copy(state);
    const passes = this.loopExits.length === 0 ? LOOP_PASSES : 1;
    for (let pass = 0; pass < passes; pass++) {
      if (condition) this.expr(condition, current);
      this.loopExits.push([]);
      const after = body ? this.block(body, condition ? this.refine(condition, true, current) : current) : current;
      const exits = this.loopExits.pop() ?? [];
      states.push(after, ...exits);
      current = join([copy(state), after, ...exits], state);
      current.live = true;
    }
    return join(states, state);
  }

  private tryStatement(node: PyNode, state: State): State {
    const body = field(node, 'body');
    const afterBody = body ? this.block(body, copy(state)) : state;
    // An exception can come from anywhere in the body: handlers start from what the body may have done so far.
    const handlerStart = join([state, afterBody], state);
    handlerStart.live = true;
    const results: State[] = [];
    let normal = afterBody;
    for (const clause of node.children) {
      if (clause.type === 'except_clause' || clause.type === 'except_group_clause') {
        const start = copy(handlerStart);
        const pattern = clause.children.find((c) => c.type === 'as_pattern');
        const alias = pattern && field(pattern, 'alias');
        if (alias) for (const name of identifiersIn(this.module, alias)) start.env.set(name, EMPTY);
        const block = clause.children.find((c) => c.type === 'block');
        results.push(block ? this.block(block, start) : start);
      } else if (clause.type === 'else_clause') {
        const block = field(clause, 'body') ?? clause.children.find((c) => c.type === 'block');
        if (block && normal.live) normal = this.block(block, normal);
      }
    }
    results.push(normal);
    let result = join(results, state);
    const final = node.children.find((c) => c.type === 'finally_clause');
    const finalBlock = final?.children.find((c) => c.type === 'block');
    if (finalBlock) {
      const wasLive = result.live;
      result.live = true;
      result = this.block(finalBlock, result);
      result.live = result.live && wasLive;
    }
    return result;
  }

  private withStatement(node: PyNode, state: State): State {
    for (const clause of node.children.filter((c) => c.type === 'with_clause')) {
      for (const item of clause.children.filter((c) => c.type === 'with_item')) {
        const value = item.children[0];
        if (!value) continue;
        if (value.type === 'as_pattern') {
          const expression = value.children.find((c) => c.field !== 'alias');
          const alias = field(value, 'alias');
          const result = expression ? this.expr(expression, state) : EMPTY;
          const target = alias?.children[0];
          if (target) this.bind(target, result, state, item);
        } else {
          this.expr(value, state);
        }
      }
    }
    const body = field(node, 'body');
    return body ? this.block(body, state) : state;
  }

  private matchStatement(node: PyNode, state: State): State {
    const subject = field(node, 'subject');
    const value = subject ? this.expr(subject, state) : EMPTY;
    const results: State[] = [];
    const body = field(node, 'body');
    let exhaustive = false;
    for (const clause of body?.children.filter((c) => c.type === 'case_clause') ?? []) {
      const branch = copy(state);
      for (const pattern of clause.children.filter((c) => c.type === 'case_pattern')) {
        walk(pattern, (n) => {
          if (n.type === 'identifier' && n.parent?.type !== 'attribute' && n.parent?.type !== 'class_pattern') branch.env.set(this.module.text(n), value);
          return undefined;
        });
        if (this.module.text(pattern).trim() === '_') exhaustive = true;
      }
      const block = field(clause, 'consequence') ?? clause.children.find((c) => c.type === 'block');
      results.push(block ? this.block(block, branch) : branch);
    }
    if (!exhaustive) results.push(state);
    return join(results, state);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Guards

  /** The state in the branch where `condition` is `truthy`: allow-list tests and rule guards clean their subject. */
  private refine(condition: PyNode, truthy: boolean, state: State): State {
    switch (condition.type) {
      case 'parenthesized_expression':
        return condition.children[0] ? this.refine(condition.children[0], truthy, state) : state;
      case 'not_operator': {
        const argument = field(condition, 'argument');
        return argument ? this.refine(argument, !truthy, state) : state;
      }
      case 'boolean_operator': {
        const left = field(condition, 'left');
        const right = field(condition, 'right');
        const and = condition.ops?.[0] === 'and';
        // `a and b` true: both hold; `a or b` false: neither holds.
        if (and === truthy) {
          let next = state;
          if (left) next = this.refine(left, truthy, next);
          if (right) next = this.refine(right, truthy, next);
          return next;
        }
        // `a and b` false: a is false or b is; `a or b` true: a is true or b is. What both cases make safe is safe.
        if (!left || !right) return state;
        return join([this.refine(left, truthy, state), this.refine(right, truthy, state)], state);
      }
      case 'identifier': {
        const alias = this.conditionAliases.get(this.module.text(condition));
        let next = state;
        if (alias && this.aliasDepth < 4) {
          this.aliasDepth++;
          try {
            next = this.refine(alias, truthy, state);
          } finally {
            this.aliasDepth--;
          }
        }
        // A falsy value (None, "", 0, an empty container) carries no attacker data.
        return truthy ? next : this.clean(condition, null, next);
      }
      case 'comparison_operator': {
        const operator = condition.ops?.[0];
        const [subject, other] = condition.children;
        if (!subject || !other || condition.ops?.length !== 1) return state;
        const holds = (operator === 'in' || operator === '==' || operator === 'is') === truthy;
        const negated = operator === 'not in' || operator === '!=' || operator === 'is not';
        if (!holds || (!negated && !truthy) || (negated && truthy)) return state;
        const constant = operator === 'in' || operator === 'not in' ? this.isAllowList(other) : this.module.literal(other) !== undefined;
        if (constant) return this.clean(subject, null, state);
        if ((operator === '==' || operator === '!=') && this.module.literal(subject) !== undefined) return this.clean(other, null, state);
        return state;
      }
      case 'call': {
        if (!truthy) return state;
        const fn = field(condition, 'function');
        if (fn?.type === 'attribute') {
          const method = this.module.text(field(fn, 'attribute')!);
          const object = field(fn, 'object');
          if (object && ['isdigit', 'isnumeric', 'isdecimal', 'isalnum', 'isidentifier', 'isalpha'].includes(method)) return this.clean(object, null, state);
          // `real.startswith(root)` / `resolved.is_relative_to(root)` on a normalised path: contained in root.
          if (object?.type === 'identifier' && (method === 'startswith' || method === 'is_relative_to') && this.normalisedPaths.has(this.module.text(object)) && this.owner.containmentRules.length > 0) {
            return this.clean(object, this.owner.containmentRules, state);
          }
        }
        const callee = this.owner.resolveName(fn ?? condition);
        const validated = callee ? this.regexValidated(callee, condition) : undefined;
        if (validated) return validated.codes.length > 0 ? this.clean(validated.subject, validated.codes, state) : state;
        if (callee && UNIVERSAL_GUARDS.has(callee)) {
          const subject = this.module.argument(condition, 0);
          return subject ? this.clean(subject, null, state) : state;
        }
        const codes = callee ? this.owner.guards.get(callee) : undefined;
        if (!codes) return state;
        const subject = this.module.argument(condition, 0, 'url');
        return subject ? this.clean(subject, codes, state) : state;
      }
      default:
        return state;
    }
  }

  /**
   * `re.fullmatch(PATTERN, x)` (or `re.match` / `re.search` anchored at both ends) with a literal pattern: the rules
   * none of whose attack characters the pattern admits.
   */
  private regexValidated(callee: string, call: PyNode): { subject: PyNode; codes: string[] } | undefined {
    const match = /^(?:re|regex)\.(fullmatch|match|search)$/.exec(callee);
    if (!match) return undefined;
    const patternNode = this.module.argument(call, 0, 'pattern');
    const subject = this.module.argument(call, 1, 'string');
    const pattern = patternNode ? this.module.literal(patternNode) : undefined;
    if (!subject || pattern?.kind !== 'str') return undefined;
    const admits = admittedCharacters(pattern.value, match[1] as 'fullmatch' | 'match' | 'search');
    if (!admits) return undefined;
    const codes = this.owner.rules.filter((rule) => rule.attackCharacters !== undefined && excludesAll(admits, rule.attackCharacters)).map((rule) => rule.meta.code);
    return { subject, codes };
  }

  private isAllowList(node: PyNode): boolean {
    if (isConstantCollection(node)) return true;
    if (node.type === 'identifier') {
      const name = this.module.text(node);
      return this.owner.constantCollections.has(name) || /^[A-Z][A-Z0-9_]*$/.test(name);
    }
    if (node.type === 'attribute') return /^[A-Z][A-Z0-9_]*$/.test(this.module.text(field(node, 'attribute')!));
    return false;
  }

  /** Cleans a variable (for the given rule codes, or for every rule) in a state. */
  private clean(subject: PyNode, codes: readonly string[] | null, state: State): State {
    let target = subject;
    while (target.type === 'parenthesized_expression' && target.children[0]) target = target.children[0];
    // A URL whose host passed the test is safe for the rules where only the host matters (redirects, SSRF).
    const url = codes === null ? this.hostOf(target) : undefined;
    if (url !== undefined && this.owner.hostRules.length > 0) {
      const value = state.env.get(url);
      if (value) {
        state = copy(state);
        state.env.set(url, mapFlows(value, (flow) => cleaned(flow, this.owner.hostRules)));
      }
    }
    if (target.type !== 'identifier') return state;
    const name = this.module.text(target);
    const value = state.env.get(name);
    if (!value) return state;
    const next = copy(state);
    next.env.set(name, codes === null ? { ...value, flows: [] } : mapFlows(value, (flow) => cleaned(flow, codes)));
    return next;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Expressions

  private expr(node: PyNode, state: State): Value {
    if (this.depth > MAX_DEPTH) return EMPTY;
    this.depth++;
    try {
      return this.evaluate(node, state);
    } finally {
      this.depth--;
    }
  }

  private evaluate(node: PyNode, state: State): Value {
    switch (node.type) {
      case 'identifier':
        return this.identifier(node, state);
      case 'attribute':
        return this.attribute(node, state);
      case 'subscript':
        return this.subscript(node, state);
      case 'call':
        return this.call(node, state);
      case 'string':
        return this.string(node, state);
      case 'concatenated_string':
        return joinValues(...node.children.map((c) => this.expr(c, state)));
      case 'binary_operator': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        const l = left ? this.expr(left, state) : EMPTY;
        const r = right ? this.expr(right, state) : EMPTY;
        const operator = node.ops?.[0];
        if (operator === '+' && l.items && r.items) return { flows: mergeFlows(l.flows, r.flows), items: [...l.items, ...r.items] };
        if (operator === '+' || operator === '%' || operator === '*') return textOf(joinValues(l, r), node, this.owner);
        if (operator === '|') return joinValues(l, r);
        // `base / name` with a pathlib path on either side is a path.
        if (operator === '/' && [...(l.types ?? []), ...(r.types ?? [])].some((t) => PATH_TYPES.has(t))) {
          return { ...textOf(joinValues(l, r), node, this.owner), types: ['pathlib.Path()'] };
        }
        return EMPTY;
      }
      case 'boolean_operator':
        return joinValues(...node.children.map((c) => this.expr(c, state)));
      case 'conditional_expression': {
        const [body, condition, alternative] = node.children;
        if (condition) this.expr(condition, state);
        const yes = body ? this.expr(body, condition ? this.refine(condition, true, copy(state)) : state) : EMPTY;
        const no = alternative ? this.expr(alternative, condition ? this.refine(condition, false, copy(state)) : state) : EMPTY;
        return joinValues(yes, no);
      }
      case 'parenthesized_expression':
      case 'await':
        return node.children[0] ? this.expr(node.children[0], state) : EMPTY;
      case 'named_expression': {
        const name = field(node, 'name');
        const value = field(node, 'value');
        const result = value ? this.expr(value, state) : EMPTY;
        if (name) this.bind(name, result, state, node);
        return result;
      }
      case 'list':
      case 'tuple':
      case 'expression_list':
      case 'set': {
        const items = node.children.filter((c) => c.type !== 'comment').map((c) => this.expr(c, state));
        if (node.type === 'set') return { flows: mergeFlows(...items.map((item) => item.flows)) };
        return { flows: mergeFlows(...items.map((item, index) => item.flows.map((flow) => ({ ...flow, slot: index })))), items };
      }
      case 'dictionary':
        return this.dictionary(node, state);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension':
        return this.comprehension(node, state);
      case 'list_splat':
      case 'dictionary_splat':
      case 'keyword_argument':
        return node.children[node.children.length - 1] ? this.expr(node.children[node.children.length - 1]!, state) : EMPTY;
      case 'yield': {
        const value = node.children[0] ? this.expr(node.children[0], state) : EMPTY;
        this.addReturn(value, node);
        return EMPTY;
      }
      case 'assignment':
        return this.assignment(node, state);
      case 'lambda':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
        return EMPTY;
      default:
        for (const child of node.children) this.expr(child, state);
        return EMPTY;
    }
  }

  private identifier(node: PyNode, state: State): Value {
    const name = this.module.text(node);
    const local = state.env.get(name);
    if (local) return local;
    const qualified = this.owner.resolveName(node);
    if (qualified) return { flows: [], types: [qualified] };
    const global = this.owner.globalTypes.get(name);
    return global ? { flows: [], types: [global] } : EMPTY;
  }

  private attribute(node: PyNode, state: State): Value {
    const object = field(node, 'object');
    const attribute = field(node, 'attribute');
    if (!object || !attribute) return EMPTY;
    const name = this.module.text(attribute);
    const base = this.expr(object, state);
    const stored = base.keys?.get(`.${name}`);
    if (stored) return stored;
    const at = this.owner.hop(node, this.module.text(node));
    let flows = base.flows.map((flow) => extend(flow, name, at));
    if (object.type === 'identifier' && this.cls && this.module.text(object) === this.selfName) {
      flows = mergeFlows(flows, [{ origin: { kind: 'field', owner: this.cls.id, name }, path: [], clean: [], hops: [], weak: 0, at }]);
      const fieldType = this.owner.fieldTypes.get(this.cls.id)?.get(name);
      if (fieldType) return { flows, types: [fieldType] };
    }
    const types = base.types?.map((t) => `${t}.${name}`);
    return { flows, ...(types ? { types } : {}) };
  }

  private subscript(node: PyNode, state: State): Value {
    const object = field(node, 'value');
    const key = field(node, 'subscript');
    if (!object) return EMPTY;
    const base = this.expr(object, state);
    if (key) this.expr(key, state);
    const literal = key ? this.module.literal(key) : undefined;
    if (literal?.kind === 'str' && base.keys?.has(literal.value)) return base.keys.get(literal.value)!;
    if (literal?.kind === 'int' && base.items) {
      const index = Number(literal.value);
      const item = base.items[index < 0 ? base.items.length + index : index];
      if (item) return item;
    }
    const at = this.owner.hop(node, this.module.text(node));
    const fromKeys = base.keys ? [...base.keys.values()].flatMap((v) => v.flows.map((flow) => weakened(flow))) : [];
    const types = base.types?.map((t) => `${t}[]`);
    // Entries of a dict built elsewhere keep their key: `d["q"]` reads only the flows stored under "q" (or unknown).
    const matching = literal?.kind === 'str' ? base.flows.filter((flow) => flow.key === undefined || flow.key === literal.value) : base.flows;
    const step = literal?.kind === 'str' ? `[${literal.value}]` : '[]';
    const flows = matching.map((flow) => (flow.key !== undefined ? withoutKey(flow) : extend(flow, step, at)));
    return { flows: mergeFlows(flows, fromKeys), ...(types ? { types } : {}) };
  }

  private string(node: PyNode, state: State): Value {
    const parts: Value[] = [];
    for (const child of node.children) {
      if (child.type !== 'interpolation') continue;
      const expression = field(child, 'expression') ?? child.children[0];
      if (expression) parts.push(this.expr(expression, state));
    }
    return parts.length > 0 ? textOf(joinValues(...parts), node, this.owner) : EMPTY;
  }

  private dictionary(node: PyNode, state: State): Value {
    const keys = new Map<string, Value>();
    const flows: Flow[][] = [];
    for (const child of node.children) {
      if (child.type === 'pair') {
        const key = field(child, 'key');
        const value = field(child, 'value');
        const k = key ? this.expr(key, state) : EMPTY;
        const v = value ? this.expr(value, state) : EMPTY;
        const literal = key ? this.module.literal(key) : undefined;
        if (literal?.kind === 'str') keys.set(literal.value, v);
        flows.push(k.flows, v.flows.map((flow) => (literal?.kind === 'str' ? underKey(weakened(flow), literal.value) : weakened(flow))));
      } else if (child.type === 'dictionary_splat') {
        const spread = this.expr(child, state);
        flows.push(spread.flows);
        for (const [key, value] of spread.keys ?? []) keys.set(key, value);
      }
    }
    return { flows: mergeFlows(...flows), keys };
  }

  private comprehension(node: PyNode, state: State): Value {
    const inner = copy(state);
    for (const clause of node.children) {
      if (clause.type === 'for_in_clause') {
        const right = field(clause, 'right');
        const left = field(clause, 'left');
        const iterable = right ? this.expr(right, inner) : EMPTY;
        if (left) this.bind(left, elementOf(iterable, this.owner.hop(clause, 'iterated')), inner, clause);
      } else if (clause.type === 'if_clause') {
        const condition = clause.children[0];
        if (condition) {
          this.expr(condition, inner);
          const refined = this.refine(condition, true, inner);
          for (const [name, value] of refined.env) inner.env.set(name, value);
        }
      }
    }
    const body = field(node, 'body');
    if (!body) return EMPTY;
    if (body.type === 'pair') {
      const key = field(body, 'key');
      const value = field(body, 'value');
      return joinValues(key ? this.expr(key, inner) : EMPTY, value ? this.expr(value, inner) : EMPTY);
    }
    return this.expr(body, inner);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Calls

  private call(node: PyNode, state: State): Value {
    const fn = field(node, 'function');
    const argumentList = field(node, 'arguments');
    if (!fn) return EMPTY;

    // The callee and the receiver.
    let callee: Callee | null = null;
    let qualified: string | null = null;
    let method: string | undefined;
    let receiver: Value | undefined;
    let receiverNode: PyNode | undefined;
    let staticCallee = false;
    if (fn.type === 'attribute') {
      receiverNode = field(fn, 'object');
      method = this.module.text(field(fn, 'attribute')!);
      const isSelf = receiverNode?.type === 'identifier' && this.cls && this.module.text(receiverNode) === this.selfName;
      const superFunction = receiverNode?.type === 'call' ? field(receiverNode, 'function') : undefined;
      const isSuper = superFunction !== undefined && this.module.text(superFunction) === 'super';
      if ((isSelf || isSuper) && this.cls) {
        callee = { kind: 'method', owner: this.cls.id, name: method, ...(isSuper ? { viaSuper: true } : {}) };
        receiver = this.selfName ? (state.env.get(this.selfName) ?? EMPTY) : EMPTY;
      } else {
        receiver = receiverNode ? this.expr(receiverNode, state) : EMPTY;
        qualified = this.owner.resolveName(fn);
        // `gzip.GzipFile(...)`, `models.Product.objects.create(...)`: a module's function, not a method of a value.
        staticCallee = qualified !== null && receiver.flows.length === 0;
        if (qualified === null && receiver.types && receiver.types.length > 0 && !receiver.types[0]!.startsWith('def:')) qualified = `${receiver.types[0]!}.${method}`;
        if (qualified !== null) callee = { kind: 'name', name: qualified };
      }
    } else if (fn.type === 'identifier') {
      const local = state.env.get(this.module.text(fn));
      const nested = local?.types?.find((t) => t.startsWith('def:'));
      if (nested) qualified = nested.slice(4);
      else if (!local) qualified = this.owner.resolveName(fn);
      if (qualified !== null) callee = { kind: 'name', name: qualified };
      const instance = local?.types ?? [this.owner.globalTypes.get(this.module.text(fn))].filter((t) => t !== undefined);
      this.validate(instance, node, state);
    } else {
      this.validate(this.expr(fn, state).types ?? [], node, state);
    }

    // Arguments.
    const positional: Value[] = [];
    const positionalNodes: PyNode[] = [];
    const keywords = new Map<string, Value>();
    const spread: Value[] = [];
    const spreadNodes: PyNode[] = [];
    const valueOf = new Map<PyNode, Value>();
    for (const argument of argumentList?.children ?? []) {
      if (argument.type === 'comment') continue;
      if (argument.type === 'keyword_argument') {
        const name = field(argument, 'name');
        const valueNode = field(argument, 'value');
        const value = valueNode ? this.expr(valueNode, state) : EMPTY;
        if (valueNode) valueOf.set(valueNode, value);
        if (name) keywords.set(this.module.text(name), value);
      } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
        const value = this.expr(argument, state);
        valueOf.set(argument, value);
        if (argument.children[0]) valueOf.set(argument.children[0], value);
        spread.push(value);
        if (argument.type === 'dictionary_splat') spreadNodes.push(argument);
      } else {
        const value = this.expr(argument, state);
        valueOf.set(argument, value);
        positional.push(value);
        positionalNodes.push(argument);
      }
    }
    if (argumentList?.type === 'generator_expression') positional.push(this.expr(argumentList, state));

    // Sinks.
    const name = callee?.kind === 'name' ? callee.name : null;
    this.checkSinks(node, name, method, receiverNode, receiver, spreadNodes, valueOf, state);

    const allArgs = [...positional, ...keywords.values(), ...spread];
    const inputs = mergeFlows(...allArgs.map((v) => v.flows), receiver?.flows ?? []);

    // Mutation of a local receiver: list.append(x), dict.update(...), context.setdefault(k, v), buffer.write(x).
    const buffer = (method === 'write' || method === 'writelines') && (receiver?.types ?? []).some((t) => t === 'io.BytesIO()' || t === 'io.StringIO()');
    if (method && (MUTATORS.has(method) || buffer) && receiverNode?.type === 'identifier' && allArgs.length > 0) {
      const local = this.module.text(receiverNode);
      if (local !== this.selfName) state.env.set(local, this.mutated(state.env.get(local) ?? EMPTY, method, node, positional, keywords, allArgs));
    }

    // The result.
    if (name !== null) {
      if (UNIVERSAL_SANITIZERS.has(name)) return EMPTY;
      const codes = this.owner.sanitizers.get(name);
      if (codes) return textOf({ flows: mergeFlows(...positional.map((v) => v.flows)).map((flow) => cleaned(flow, codes)) }, node, this.owner);
      const library = this.libraryResult(name, positional, keywords, node);
      if (library) return library.types ? library : { ...library, types: [`${name}()`] };
    }
    if (method && callee?.kind !== 'method' && !staticCallee) {
      const result = this.methodResult(method, receiver ?? EMPTY, [...positional, ...keywords.values()], node);
      if (result) return result;
    }
    if (callee === null || inputs.length === 0) {
      return callee?.kind === 'name' ? { flows: [], types: [`${callee.name}()`] } : EMPTY;
    }
    const site = this.callSite(node, callee, positional, keywords, spread, callee.kind === 'method' ? receiver : undefined, inputs);
    const flows: Flow[] = [{ origin: { kind: 'call', site: site.site }, path: [], clean: [], hops: [], weak: 0 }];
    return { flows, ...(callee.kind === 'name' ? { types: [`${callee.name}()`] } : {}) };
  }

  /** A local container after `append`, `extend`, `insert`, `update`, `setdefault`, or a buffer after `write`. */
  private mutated(current: Value, method: string, node: PyNode, positional: Value[], keywords: Map<string, Value>, allArgs: Value[]): Value {
    const first = positional[0];
    // List positions survive appends and extends of literals, so that an argv built step by step keeps its program.
    if (current.items && method === 'append' && first && positional.length === 1) {
      const index = current.items.length;
      return { ...current, flows: mergeFlows(current.flows, first.flows.map((flow) => ({ ...flow, slot: index }))), items: [...current.items, first] };
    }
    if (current.items && method === 'extend' && first?.items && positional.length === 1) {
      const offset = current.items.length;
      const items = [...current.items, ...first.items];
      return { ...current, flows: mergeFlows(current.flows, ...first.items.map((item, i) => item.flows.map((flow) => ({ ...flow, slot: offset + i })))), items };
    }
    // Anything else loses track of positions.
    const { items: _items, ...unordered } = current;
    let next = joinValues(unordered, ...allArgs.map(weakValue));
    if (method === 'update' && (first?.keys || keywords.size > 0)) {
      let keyed: Value = current;
      for (const [key, value] of first?.keys ?? []) keyed = withKey(keyed, key, value);
      for (const [key, value] of keywords) keyed = withKey(keyed, key, value);
      next = { ...next, keys: keyed.keys! };
    }
    if (method === 'setdefault') {
      const keyNode = this.module.argument(node, 0);
      const literal = keyNode ? this.module.literal(keyNode) : undefined;
      if (literal?.kind === 'str' && positional[1]) next = withKey(next, literal.value, positional[1]);
    }
    return next;
  }

  private callSite(node: PyNode, callee: Callee, positional: Value[], keywords: Map<string, Value>, spread: Value[], receiver: Value | undefined, inputs: Flow[]): CallSite {
    const existing = this.sites.get(node);
    const hop = this.owner.hop(node, `passed to ${abbreviate(this.module.text(field(node, 'function') ?? node))}()`);
    const fallback = inputs.map((flow) => weakened(extend(flow, '()', hop)));
    if (existing) {
      positional.forEach((value, index) => (existing.args[index] = mergeFlows(existing.args[index] ?? [], value.flows)));
      for (const [key, value] of keywords) existing.kwargs[key] = mergeFlows(existing.kwargs[key] ?? [], value.flows);
      existing.spread = mergeFlows(existing.spread, ...spread.map((v) => v.flows));
      if (receiver) existing.receiver = mergeFlows(existing.receiver ?? [], receiver.flows);
      existing.fallback = mergeFlows(existing.fallback, fallback);
      return existing;
    }
    const site: CallSite = {
      site: this.sites.size,
      callee,
      text: abbreviate(this.module.text(node)),
      line: this.owner.line(node),
      args: positional.map((v) => v.flows),
      kwargs: Object.fromEntries([...keywords].map(([key, value]) => [key, value.flows])),
      spread: mergeFlows(...spread.map((v) => v.flows)),
      ...(receiver ? { receiver: receiver.flows } : {}),
      fallback,
    };
    this.sites.set(node, site);
    return site;
  }

  /** Known library calls: what their result carries. */
  private libraryResult(name: string, positional: Value[], keywords: Map<string, Value>, node: PyNode): Value | undefined {
    const first = positional[0] ?? EMPTY;
    if (TEXT_OF_FIRST.has(name)) return textOf(first, node, this.owner);
    if (TEXT_OF_ALL.has(name)) return textOf(joinValues(...positional, ...keywords.values()), node, this.owner);
    if (SAME_AS_FIRST.has(name)) return { flows: first.flows, ...(first.items ? { items: first.items } : {}), ...(first.keys ? { keys: first.keys } : {}) };
    if (PARSED_FROM_FIRST.has(name)) return elementOf(first, this.owner.hop(node, `parsed by ${name}()`));
    if (REGEX_SUBJECT_SECOND.has(name)) return elementOf(positional[1] ?? EMPTY, this.owner.hop(node, `matched by ${name}()`));
    if (name === 're.sub' || name === 're.subn') return textOf(joinValues(positional[1] ?? EMPTY, positional[2] ?? EMPTY), node, this.owner);
    if (name === 'getattr') {
      const attribute = this.module.argument(node, 1);
      const literal = attribute ? this.module.literal(attribute) : undefined;
      return literal?.kind === 'str' ? { flows: first.flows.map((flow) => extend(flow, literal.value)) } : undefined;
    }
    if (name === 'zip' || name === 'map' || name === 'filter' || name === 'itertools.chain') return joinValues(...positional.map((v) => elementOf(v, this.owner.hop(node, name))));
    if (name === 'min' || name === 'max') return joinValues(...positional);
    return undefined;
  }

  /** The rules for which `x.replace(old, new)` removes a dangerous character: `old` is that one character, `new` free of them. */
  private removalCodes(node: PyNode): string[] {
    const old = this.module.argument(node, 0);
    const replacement = this.module.argument(node, 1);
    const oldText = old ? this.module.literal(old) : undefined;
    const newText = replacement ? this.module.literal(replacement) : undefined;
    if (oldText?.kind !== 'str' || newText?.kind !== 'str' || oldText.value === '') return [];
    return this.owner.rules
      .filter((rule) => {
        const chars = rule.removedCharacters;
        return chars !== undefined && oldText.value.length === 1 && chars.includes(oldText.value) && ![...newText.value].some((c) => chars.includes(c));
      })
      .map((rule) => rule.meta.code);
  }

  /** Method calls on values (not on `self`): string building, lookups, and access steps on tainted receivers. */
  private methodResult(method: string, receiver: Value, positional: Value[], node: PyNode): Value | undefined {
    const argumentFlows = mergeFlows(...positional.map((v) => v.flows));
    const at = this.owner.hop(node, abbreviate(this.module.text(node)));
    if (TEXT_METHODS.has(method)) {
      const removes = method === 'replace' ? this.removalCodes(node) : [];
      const fromReceiver = receiver.flows.map((flow) => extend(removes.length > 0 ? cleaned(flow, removes) : flow, `${method}()`, at));
      // `s.replace(old, new)`: `old` only chooses where `new` goes; the result is made of `s` and `new`.
      const inserted = method === 'replace' ? (positional[1]?.flows ?? []) : argumentFlows;
      return textOf({ flows: mergeFlows(fromReceiver, inserted) }, node, this.owner);
    }
    if (LOOKUP_METHODS.has(method)) {
      const first = this.module.argument(node, 0);
      const literal = first ? this.module.literal(first) : undefined;
      if (method === 'get' && literal?.kind === 'str' && receiver.keys?.has(literal.value)) return joinValues(receiver.keys.get(literal.value)!, positional[1] ?? EMPTY);
      // `.get("q")` reads the item "q", like `["q"]`.
      const keyed = literal?.kind === 'str' && (method === 'get' || method === 'pop' || method === 'getlist' || method === 'setdefault');
      const step = keyed ? `[${literal.value}]` : `${method}()`;
      const fromReceiver = receiver.flows
        .filter((flow) => !keyed || flow.key === undefined || flow.key === literal.value)
        .map((flow) => (keyed && flow.key !== undefined ? withoutKey(flow) : extend(flow, step, at)));
      const defaults = method === 'get' || method === 'setdefault' || method === 'pop' ? (positional[1]?.flows ?? []) : [];
      const fromKeys = receiver.keys && method !== 'keys' ? [...receiver.keys.values()].flatMap((v) => v.flows.map((flow) => weakened(flow))) : [];
      return { flows: mergeFlows(fromReceiver, defaults, fromKeys) };
    }
    if (receiver.flows.length > 0) {
      const types = receiver.types?.map((t) => `${t}.${method}()`);
      return { flows: receiver.flows.map((flow) => extend(flow, `${method}()`, at)), ...(types ? { types } : {}) };
    }
    if (receiver.types && receiver.types.length > 0 && argumentFlows.length === 0) return { flows: [], types: receiver.types.map((t) => `${t}.${method}()`) };
    return undefined;
  }

  private checkSinks(node: PyNode, callee: string | null, method: string | undefined, receiverNode: PyNode | undefined, receiver: Value | undefined, spreads: PyNode[], valueOf: Map<PyNode, Value>, state: State): void {
    const candidates = new Set<TaintRule>([
      ...(callee ? (this.owner.byCallee.get(callee) ?? []) : []),
      ...(method ? (this.owner.byMethod.get(method) ?? []) : []),
      ...(spreads.length > 0 ? this.owner.spreadRules : []),
    ]);
    if (candidates.size === 0) return;
    const module = this.module;
    const view: CallView = {
      node,
      module,
      callee,
      ...(method ? { method } : {}),
      ...(receiverNode ? { receiver: receiverNode } : {}),
      receiverTypes: receiver?.types ?? [],
      spreads,
      argument: (index, keyword) => module.argument(node, index, keyword),
      keyword: (name) => module.keywordArg(node, name),
    };
    for (const rule of candidates) {
      const match = rule.sinks.match?.(view);
      if (match) this.recordSink(rule, node, match, valueOf, state);
    }
  }

  private checkStore(object: PyNode, key: PyNode | undefined, value: Value, at: PyNode, state: State, attribute?: string): void {
    if (this.owner.storeRules.length === 0) return;
    const objectValue = this.expr(object, state);
    const valueNode = field(at, 'right') ?? at;
    const view: StoreView = { node: at, module: this.module, target: object, key, value: valueNode, targetTypes: objectValue.types ?? [], ...(attribute ? { attribute } : {}) };
    for (const rule of this.owner.storeRules) {
      const match = rule.sinks.store?.(view);
      if (match) this.recordSink(rule, at, match, new Map([[valueNode, value]]), state);
    }
  }

  private recordSink(rule: TaintRule, node: PyNode, match: SinkMatch, valueOf: Map<PyNode, Value>, state: State): void {
    match.args.forEach((argument, index) => {
      const value = valueOf.get(argument.node) ?? this.expr(argument.node, state);
      if (match.context) {
        for (const [key, entry] of value.keys ?? []) this.addSink(rule, node, match, entry.flows, `${index}:${key}`, { names: match.context.names, key });
        // A context built elsewhere (a helper's returned dict): each flow says under which key it was placed.
        const unkeyed = value.keys ? [] : value.flows;
        if (unkeyed.length > 0) this.addSink(rule, node, match, unkeyed, `${index}:*`, { names: match.context.names, key: '*' });
        return;
      }
      let flows = value.flows;
      // The program of an argv: the first element of a list literal here, or (for a list built elsewhere) the flows
      // whose slot the solver finds to be 0.
      if (argument.programOnly && value.items) flows = value.items[0]?.flows ?? [];
      if (argument.keysOnly) flows = flows.filter((flow) => flow.key === undefined);
      const options: SinkOptions = {
        ...(argument.programOnly && !value.items ? { programOnly: true } : {}),
        ...(argument.keysOnly ? { keysOnly: true } : {}),
        ...(argument.note ? { note: argument.note } : {}),
        ...(argument.maxConfidence ? { maxConfidence: argument.maxConfidence } : {}),
      };
      this.addSink(rule, node, match, flows, String(index), undefined, options);
    });
  }

  private addSink(rule: TaintRule, node: PyNode, match: SinkMatch, flows: Flow[], discriminator: string, template?: { names: string[]; key: string }, options: SinkOptions = {}): void {
    if (flows.length === 0) return;
    const key = `${rule.meta.code}:${node.start}:${discriminator}`;
    const existing = this.sinks.get(key);
    if (existing) {
      existing.flows = mergeFlows(existing.flows, flows);
      return;
    }
    const span = this.module.span(node);
    this.sinks.set(key, {
      rule: rule.meta.code,
      id: this.owner.nextSinkId(),
      path: this.owner.path,
      span: { line: span.startLine, column: span.startColumn, endLine: span.endLine, endColumn: span.endColumn },
      suppressLines: this.module.statementLines(node),
      basis: this.module.text(node),
      note: options.note ?? match.note,
      flows,
      ...(match.accepts ? { accepts: match.accepts } : {}),
      ...((options.maxConfidence ?? match.maxConfidence) ? { maxConfidence: (options.maxConfidence ?? match.maxConfidence)! } : {}),
      ...(template ? { template } : {}),
      ...(options.programOnly ? { programOnly: true as const } : {}),
      ...(options.keysOnly ? { keysOnly: true as const } : {}),
    });
  }

  private addReturn(value: Value, node: PyNode): void {
    if (value.flows.length > 0) {
      const hop = this.owner.hop(node, `returned from ${this.summary.name}()`);
      this.returns = mergeFlows(this.returns, value.flows.map((flow) => withHop(flow, hop)));
      // Methods whose return value Django uses as a sink: RedirectView.get_redirect_url(), get_success_url().
      if (this.cls) {
        for (const rule of this.owner.returnRules) {
          if (rule.sinks.returns!.includes(this.summary.name)) this.addSink(rule, node, { args: [], note: `the URL returned by ${this.summary.name}()` }, value.flows, 'return');
        }
      }
    }
    // Class-based views: get_context_data's returned dict is the template context.
    if (this.summary.name === 'get_context_data' && this.cls && value.keys && this.owner.templateRules.length > 0) {
      const template = this.cls.attrs['template_name'];
      if (!template) return;
      for (const rule of this.owner.templateRules) {
        for (const [key, entry] of value.keys) {
          this.addSink(rule, node, { args: [], note: `rendered by ${template}` }, entry.flows, `ctx:${key}`, { names: [template], key });
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function paramFlow(index: number): Flow {
  return { origin: { kind: 'param', index }, path: [], clean: [], hops: [], weak: 0 };
}

function copy(state: State): State {
  return { env: new Map(state.env), live: state.live };
}

/** Joins the live states of branches (at least the fallback's variables survive when none is live). */
function join(states: readonly State[], fallback: State): State {
  const live = states.filter((s) => s.live);
  if (live.length === 0) return { env: new Map(fallback.env), live: false };
  if (live.length === 1) return { env: new Map(live[0]!.env), live: true };
  const env = new Map<string, Value>();
  const names = new Set(live.flatMap((s) => [...s.env.keys()]));
  for (const name of names) {
    const values = live.map((s) => s.env.get(name)).filter((v): v is Value => v !== undefined);
    const first = values[0]!;
    env.set(name, values.every((v) => v === first) ? first : joinValues(...values));
  }
  return { env, live: true };
}

function joinValues(...values: Value[]): Value {
  const present = values.filter((v) => v !== EMPTY);
  if (present.length === 0) return EMPTY;
  if (present.length === 1) return present[0]!;
  const flows = mergeFlows(...present.map((v) => v.flows));
  const types = [...new Set(present.flatMap((v) => v.types ?? []))];
  const keyed = present.filter((v) => v.keys);
  let keys: Map<string, Value> | undefined;
  if (keyed.length > 0) {
    keys = new Map();
    for (const v of keyed) for (const [key, entry] of v.keys!) keys.set(key, keys.has(key) ? joinValues(keys.get(key)!, entry) : entry);
  }
  const lists = present.filter((v) => v.items);
  const items = lists.length === present.length && lists.every((v) => v.items!.length === lists[0]!.items!.length) ? lists[0]!.items!.map((_, i) => joinValues(...lists.map((v) => v.items![i]!))) : undefined;
  return { flows, ...(types.length > 0 ? { types } : {}), ...(keys ? { keys } : {}), ...(items ? { items } : {}) };
}

function mapFlows(value: Value, fn: (flow: Flow) => Flow): Value {
  return { ...value, flows: value.flows.map(fn) };
}

function weakValue(value: Value): Value {
  return value.flows.length === 0 ? value : { flows: value.flows.map((flow) => weakened(flow)) };
}

function withKey(value: Value, key: string, entry: Value): Value {
  const keys = new Map(value.keys ?? []);
  keys.set(key, entry);
  const flows = key.startsWith('.') ? entry.flows.map((flow) => weakened(flow)) : entry.flows.map((flow) => underKey(weakened(flow), key));
  return { ...value, flows: mergeFlows(value.flows, flows), keys };
}

/** The value made into text (formatted, concatenated): object kinds stop here, data stays data. */
function textOf(value: Value, node: PyNode, owner: ModuleSummarizer): Value {
  if (value.flows.length === 0) return EMPTY;
  const hop = owner.hop(node, 'built into a string');
  return { flows: mergeFlows(value.flows.map((flow) => extend(stripSlot(flow), '~', hop))) };
}

function stripSlot(flow: Flow): Flow {
  if (flow.slot === undefined) return flow;
  const { slot: _slot, ...rest } = flow;
  return rest;
}

/** An element of a container or iterable. */
function elementOf(value: Value, at: Hop): Value {
  const fromItems = value.items ? value.items.flatMap((item) => item.flows) : [];
  const fromKeys = value.keys ? [...value.keys.values()].flatMap((item) => item.flows) : [];
  const flows = mergeFlows(value.flows.filter((flow) => flow.slot === undefined).map((flow) => extend(flow, '[]', at)), fromItems.map(stripSlot), fromKeys);
  return flows.length === 0 ? EMPTY : { flows };
}

function unwrapDecorated(node: PyNode): PyNode {
  return node.type === 'decorated_definition' ? (field(node, 'definition') ?? node) : node;
}

/** Function and class definitions of a block, including those nested in module-level if/try/with blocks. */
function definitionsIn(block: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const visit = (node: PyNode): void => {
    for (const child of node.children) {
      const inner = unwrapDecorated(child);
      if (inner.type === 'function_definition' || inner.type === 'class_definition') out.push(child);
      else if (['if_statement', 'try_statement', 'with_statement', 'block', 'elif_clause', 'else_clause', 'except_clause', 'finally_clause'].includes(child.type)) visit(child);
    }
  };
  visit(block);
  return out;
}

interface Parameters {
  params: string[];
  kwOnlyFrom: number;
  varargs?: string;
  varkw?: string;
}

function parameters(module: PythonModule, definition: PyNode): Parameters {
  const params: string[] = [];
  let kwOnlyFrom = -1;
  let varargs: string | undefined;
  let varkw: string | undefined;
  for (const parameter of field(definition, 'parameters')?.children ?? []) {
    let node = parameter;
    if (node.type === 'typed_parameter') node = node.children.find((c) => c.field !== 'type') ?? node;
    switch (node.type) {
      case 'identifier':
        params.push(module.text(node));
        break;
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = field(node, 'name');
        if (name) params.push(module.text(name));
        break;
      }
      case 'list_splat_pattern':
        varargs = node.children[0] ? module.text(node.children[0]) : undefined;
        if (kwOnlyFrom === -1) kwOnlyFrom = params.length;
        break;
      case 'dictionary_splat_pattern':
        varkw = node.children[0] ? module.text(node.children[0]) : undefined;
        break;
      case 'keyword_separator':
        if (kwOnlyFrom === -1) kwOnlyFrom = params.length;
        break;
      default:
        break;
    }
  }
  return { params, kwOnlyFrom: kwOnlyFrom === -1 ? params.length : kwOnlyFrom, ...(varargs ? { varargs } : {}), ...(varkw ? { varkw } : {}) };
}

function isConstantCollection(node: PyNode): boolean {
  if (!['list', 'tuple', 'set', 'dictionary'].includes(node.type)) return false;
  const elements = node.type === 'dictionary' ? node.children.map((pair) => field(pair, 'key')) : node.children;
  return elements.length > 0 && elements.every((element) => element !== undefined && CONSTANT_TYPES.has(element.type) && !element.children.some((c) => c.type === 'interpolation'));
}

const CONDITION_TYPES = new Set(['call', 'comparison_operator', 'boolean_operator', 'not_operator']);
const PATH_TYPES = new Set(['pathlib.Path()', 'pathlib.PurePath()', 'pathlib.PosixPath()', 'pathlib.PurePosixPath()']);
/** Calls whose result is a normalised absolute path: a prefix test on it is a containment check. */
const NORMALISERS = new Set(['os.path.realpath', 'os.path.abspath', 'os.path.normpath', 'posixpath.realpath', 'posixpath.abspath', 'posixpath.normpath']);
const URL_PARSERS = new Set(['urllib.parse.urlsplit', 'urllib.parse.urlparse', 'urlparse.urlparse', 'urlparse.urlsplit']);
const HOST_PARTS = new Set(['hostname', 'netloc']);
const CONSTANT_TYPES = new Set(['string', 'integer', 'float', 'true', 'false', 'none', 'concatenated_string']);

function identifiersIn(module: PythonModule, node: PyNode): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'identifier') out.push(module.text(n));
    return undefined;
  });
  return out;
}

function importedLocalNames(module: PythonModule, node: PyNode): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'aliased_import') {
      const alias = field(n, 'alias');
      if (alias) out.push(module.text(alias));
      return false;
    }
    if (n.type === 'dotted_name' && n.field === 'name') {
      out.push(module.text(n).split('.')[0]!);
      return false;
    }
    return undefined;
  });
  return out;
}
