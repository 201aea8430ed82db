/**
 * What a taint rule declares: its sinks (which calls, which arguments), and what makes data safe for it (sanitizer
 * calls, guards). The summarizer asks each rule about each call it meets; the rule answers with the argument
 * expressions that must not carry attacker data.
 */
import type { Confidence } from '../core/finding.js';
import type { PyNode } from '../python/ast.js';
import type { PythonModule } from '../python/module.js';
import type { TemplateToken } from '../templates/lexer.js';
import type { TaintKind } from './kinds.js';

/** A call, as a taint rule sees it. */
export interface CallView {
  readonly node: PyNode;
  readonly module: PythonModule;
  /** Qualified name of the callee through imports, aliases and the module's own definitions, or null. */
  readonly callee: string | null;
  /** `m` for `x.m(...)`. */
  readonly method?: string;
  /** The receiver of a method call. */
  readonly receiver?: PyNode;
  /**
   * What the analysis knows the receiver is: the qualified names of the calls that produced it, with `()`
   * (`django.db.connection.cursor()` for `cursor` in `with connection.cursor() as cursor`).
   */
  readonly receiverTypes: readonly string[];
  /** `**spread` arguments (`dictionary_splat` nodes). */
  readonly spreads: readonly PyNode[];
  argument(index: number, keyword?: string): PyNode | undefined;
  keyword(name: string): PyNode | undefined;
}

export interface SinkArgument {
  node: PyNode;
  /** Only the first element counts when the value is a list or tuple (the program of an argv). */
  programOnly?: boolean;
  /** Only data that may choose the keys of this dict counts (not values stored under fixed keys). */
  keysOnly?: boolean;
  /** Overrides the match's note and confidence cap for this argument. */
  note?: string;
  maxConfidence?: Confidence;
}

export interface SinkMatch {
  args: SinkArgument[];
  /** What the sink is, for messages and traces: `SQL passed to cursor.execute()`. */
  note: string;
  maxConfidence?: Confidence;
  /** Kinds counted as attacker data (default: data and uploads). */
  accepts?: TaintKind[];
  /** The arguments are a template context (dict): each key is a sink, checked against the named templates. */
  context?: { names: string[] };
}

/** `target[key] = value` (a response header, a cookie jar entry), or `target.attribute = value`. */
export interface StoreView {
  readonly node: PyNode;
  readonly module: PythonModule;
  readonly target: PyNode;
  readonly key: PyNode | undefined;
  /** For attribute stores: the attribute's name. */
  readonly attribute?: string;
  readonly value: PyNode;
  readonly targetTypes: readonly string[];
}

export interface TaintSinks {
  /** Qualified callees the rule may match (dispatch keys). */
  callees?: readonly string[];
  /** Method names the rule may match on any receiver. */
  methods?: readonly string[];
  match?(call: CallView): SinkMatch | undefined;
  /** Subscript and attribute stores: `response["X-Header"] = value`, `response.content = value`. */
  store?(store: StoreView): SinkMatch | undefined;
  /** Template context sinks: `render(request, "t.html", {...})` and class-based views' `get_context_data`. */
  templates?: boolean;
  /** Also ask `match` about every call with a `**spread` argument, whatever its callee (`Model(**data)`). */
  spreads?: boolean;
  /** Methods whose return value is a sink (`get_redirect_url`, `get_success_url`). */
  returns?: readonly string[];
}

/** Where a template renders a context variable in a way that attacker data would be unsafe. */
export interface UnsafeTemplateUse {
  /** The context variable: `q` for `{{ q.title|safe }}`. */
  variable: string;
  token: TemplateToken;
  /** How it is rendered: `with |safe`, `inside {% autoescape off %}`, `in an unquoted attribute`. */
  note: string;
}

export interface TaintRuleSpec {
  sinks: TaintSinks;
  /** Calls whose result is safe for this sink class (`django.utils.html.escape`). */
  sanitizers?: readonly string[];
  /** Calls that, when true in a condition, make their first argument safe in that branch. */
  guards?: readonly string[];
  /**
   * Validator classes whose instances, called on a value, raise on bad input but protect this class only in part
   * (`django.core.validators.URLValidator` limits a URL's scheme, not its host): findings drop to low confidence.
   */
  partialValidators?: readonly string[];
  /** Access steps that make data safe for this class (`validated_data`: a serializer's declared fields). */
  cleanSteps?: readonly string[];
  /**
   * Attributes of the request itself that are safe for this class: for redirects, `request.path` and
   * `request.get_full_path()` are the URL that was just routed to this view.
   */
  safeRequestAttributes?: readonly string[];
  /**
   * Characters an attack on this class needs. A value validated by an anchored regular expression that admits none
   * of them (`re.fullmatch(r"[\w-]+", x)` in an `if`) is safe for it. Undefined: no character check makes data safe
   * (a redirect target or a URL to fetch is dangerous in plain letters).
   */
  attackCharacters?: string;
  /**
   * Characters any one of whose removal makes data safe for this class: `x.replace("\\n", " ")` (a literal first
   * argument that is one of these characters, replaced by text holding none of them) sanitizes a log message.
   */
  removedCharacters?: string;
  /**
   * A URL whose host was tested against a constant allow-list (`if urlsplit(url).hostname in ALLOWED_HOSTS:`) is
   * safe for this class: only the host it reaches matters (redirects, server-side requests).
   */
  hostAllowList?: boolean;
  /**
   * A normalised path that passed a prefix test (`real = os.path.realpath(p)` then `if real.startswith(root):`, or
   * `p.resolve()` then `is_relative_to(root)`) is safe for this class.
   */
  containmentCheck?: boolean;
  /** For template sinks: the unsafe uses of context variables in one template. */
  unsafeTemplateUses?(tokens: readonly TemplateToken[], templatePath: string): UnsafeTemplateUse[];
}
