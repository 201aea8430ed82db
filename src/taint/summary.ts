/**
 * What the per-file pass (`summarize.ts`, in the worker pool) hands to the project-wide solver (`solve.ts`): for every
 * function, where its parameters, fields and call results flow (sinks, returns, other calls, fields), plus the
 * classes, routes and import aliases the solver needs to connect functions across modules. Plain data.
 */
import type { Confidence } from '../core/finding.js';
import type { Flow, Hop } from './flow.js';
import type { TaintKind } from './kinds.js';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Who a call may reach. */
export type Callee =
  /** A function or class by qualified name (`shop.helpers.build_query`, `django.shortcuts.redirect`). */
  | { kind: 'name'; name: string }
  /** A method through `self` / `cls` / `super()`: looked up in the class and its project bases. */
  | { kind: 'method'; owner: string; name: string; viaSuper?: boolean };

export interface CallSite {
  site: number;
  callee: Callee;
  /** The call as written (`build_query(q)`), for trace notes. */
  text: string;
  line: number;
  /** Positional arguments (not counting the receiver of a method call). */
  args: Flow[][];
  kwargs: Record<string, Flow[]>;
  /** Flows of `*args` / `**kwargs` spread into the call. */
  spread: Flow[];
  /** The receiver passed as the first parameter (`self.helper(x)` passes `self`). */
  receiver?: Flow[];
  /** What the result is when the callee has no summary (a library or unknown callable): wrapped arguments. */
  fallback: Flow[];
}

export interface SinkHit {
  /** Rule code (sink class). */
  rule: string;
  /** Unique within the module. */
  id: number;
  path: string;
  span: Span;
  /** Lines whose suppression comments apply (the statement). */
  suppressLines: [number, number];
  /** Code the fingerprint is computed from. */
  basis: string;
  /** What the sink is: `SQL passed to cursor.execute()`. */
  note: string;
  flows: Flow[];
  /** Kinds counted as attacker data here (default: data and uploads). */
  accepts?: TaintKind[];
  /** Highest confidence this sink allows (an unknown receiver, a guessed API). */
  maxConfidence?: Confidence;
  /** A template context value: the template names rendered and the context key. */
  template?: { names: string[]; key: string };
  /** Only flows that may choose the keys of the dict count (those placed under a literal key do not). */
  keysOnly?: true;
  /** Only the program of an argv counts: flows placed at another position of a list (slot > 0) do not. */
  programOnly?: true;
}

export interface FieldStore {
  owner: string;
  name: string;
  flows: Flow[];
}

export interface FunctionSummary {
  /** Qualified name: `shop.views.search`, `shop.views.SearchView.get`. */
  id: string;
  module: string;
  name: string;
  /** Qualified name of the class for methods. */
  owner?: string;
  path: string;
  line: number;
  /** Positional parameter names, `self` included; then keyword-only ones. */
  params: string[];
  /** Index of the first keyword-only parameter (params.length when none). */
  kwOnlyFrom: number;
  varargs?: string;
  varkw?: string;
  /** Qualified names (or text) of decorators. */
  decorators: string[];
  isStatic?: boolean;
  calls: CallSite[];
  sinks: SinkHit[];
  returns: Flow[];
  fieldStores: FieldStore[];
}

export interface ClassSummary {
  id: string;
  module: string;
  path: string;
  line: number;
  /** Qualified names of the bases (project or library). */
  bases: string[];
  methods: string[];
  /** Literal class attributes the solver cares about: `template_name`, `success_url`. */
  attrs: Record<string, string>;
}

/** A URLconf entry: `path("p/<int:pk>/", views.detail)`, `include("app.urls")`, `router.register("r", ViewSet)`. */
export interface Route {
  path: string;
  line: number;
  /** The route pattern when it is a literal (`p/<int:pk>/` or a regex for re_path/url). */
  pattern: string | null;
  regex: boolean;
  /** Registered on a DRF router: detail routes capture the viewset's `lookup_field`. */
  router?: true;
  view:
    | { kind: 'function'; id: string }
    | { kind: 'class'; id: string }
    | { kind: 'include'; module: string }
    | { kind: 'unknown' };
}

export interface ModuleSummary {
  module: string;
  path: string;
  functions: FunctionSummary[];
  classes: ClassSummary[];
  routes: Route[];
  /** Module-level names bound by imports (re-exports): `build_query` → `shop.sql.build_query`. */
  aliases: Record<string, string>;
  /** Functions given as `upload_to=` of a file field: their filename parameter is the client's file name. */
  uploadHandlers: string[];
}

/** A view's URL arguments by name, with the regular expression each is captured by (`[-a-zA-Z0-9_]+` for a slug). */
export type UrlKeys = Record<string, string>;

/** The solver's view of a source: what it is and where it was read. */
export interface SourceBinding {
  kind: TaintKind;
  /** For views and `**kwargs`: the URL arguments by name and what captures them. */
  urlKeys?: UrlKeys;
  /** For a URL argument: the regular expression that captures it; attacks needing other characters are impossible. */
  pattern?: string;
  /** The parameter's function definition, and what the parameter is (`request`, `URL argument slug`). */
  at: Hop;
  confidence: Confidence;
}
