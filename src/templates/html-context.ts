/**
 * A light HTML context tracker for Django templates: where in the HTML (text, inside a tag, an attribute value, a
 * `<script>` or `<style>` element, a comment) each `{{ variable }}` and `{% tag %}` of a template lands, plus the
 * start and end tags the template's text writes. Inside JavaScript (script elements, `on*=` attributes) it also
 * follows the JavaScript lexical state (code, string, template literal, comment, regular expression), and inside CSS
 * (style elements, `style=` attributes) whether a point is in a string or a comment.
 *
 * It reads the template's text tokens with the HTML tokenizer's states (WHATWG "13.2.5 Tokenization", simplified:
 * no character references except in JavaScript attributes, no foreign content, no parse errors) and treats every
 * template token as opaque output that does not change the state, except that a value written right after `=`
 * starts an unquoted attribute value. `{% if %}` branches are read one after the other, as written.
 *
 * Template rules share one analysis per template: `analyzeHtml(context.tokens, templateLanguage(context.file.path))`
 * is cached on the token array the engine hands to every rule.
 */
import { renderedTokens, type TemplateToken } from './lexer.js';

/** What a template file holds, from its extension: the tracker starts in the matching context. */
export type TemplateLanguage = 'html' | 'javascript' | 'css' | 'text';

export function templateLanguage(path: string): TemplateLanguage {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  if (['html', 'htm', 'xhtml', 'xml', 'svg', 'tpl'].includes(extension)) return 'html';
  if (extension === 'js') return 'javascript';
  if (extension === 'css') return 'css';
  return 'text';
}

/** The JavaScript lexical state at a point of a script. */
export type JsState =
  | 'code'
  | 'single-quoted-string'
  | 'double-quoted-string'
  | 'template-literal'
  | 'line-comment'
  | 'block-comment'
  | 'regex';

/** The CSS lexical state at a point of a style sheet. */
export type CssState = 'code' | 'string' | 'comment';

export interface ScriptInfo {
  /** The `type` attribute, lower-cased and trimmed; `''` when absent, `null` when the template computes it. */
  type: string | null;
  /** The browser runs the element's content as JavaScript (classic or module script; a computed type counts). */
  javascript: boolean;
  /** The element has a `src` attribute: browsers ignore its inline content. */
  hasSrc: boolean;
}

export type HtmlContextKind =
  /** HTML text content. */
  | 'text'
  /** Text of an RCDATA or raw-text element other than script and style: `<title>`, `<textarea>`, `<xmp>`, `<iframe>`… */
  | 'rcdata'
  /** Inside a start or end tag, outside attribute values: tag name, attribute names, between attributes. */
  | 'tag'
  | 'attribute-value'
  | 'script'
  | 'style'
  /** `<!-- … -->`, `<!DOCTYPE …>`, `<?…>`. */
  | 'comment'
  /** A plain-text template (`.txt`, `.email`, `.json`…): not HTML. */
  | 'plain-text';

export interface AttributeContext {
  /** Lower-cased attribute name. */
  name: string;
  quote: '"' | "'" | '';
  /** The value written so far, template tokens included as written. */
  valueBefore: string;
}

export interface HtmlContext {
  kind: HtmlContextKind;
  /** The tag being written (`tag`, `attribute-value`) or the element whose content this is (`script`, `style`, `rcdata`). */
  element: string | null;
  attribute?: AttributeContext;
  script?: ScriptInfo;
  /** JavaScript state, in `script` contexts and in the values of JavaScript attributes (`onclick`, `x-data`…). */
  js?: JsState;
  /** CSS state, in `style` contexts and in `style="…"` attribute values. */
  css?: CssState;
}

export interface HtmlAttribute {
  /** Lower-cased name. */
  name: string;
  /** The value's source, template tokens included as written; `null` for an attribute without a value. */
  value: string | null;
  /** The value holds template variables or tags. */
  dynamic: boolean;
  quote: '"' | "'" | '';
  /** Offset of the name in the template source. */
  start: number;
}

export interface HtmlStartTag {
  /** Lower-cased tag name. */
  name: string;
  attributes: HtmlAttribute[];
  /** Offsets of `<` and just after `>` (the end of the source when the tag is not closed). */
  start: number;
  end: number;
  selfClosing: boolean;
  /** The text token holding the `<`. */
  token: TemplateToken;
  /** Template tags or variables were written between the attributes (`<input {% if x %}checked{% endif %}>`). */
  dynamic: boolean;
}

export interface HtmlEndTag {
  name: string;
  start: number;
  end: number;
  token: TemplateToken;
}

export type HtmlEvent =
  | { type: 'start-tag'; tag: HtmlStartTag }
  | { type: 'end-tag'; tag: HtmlEndTag }
  | { type: 'template'; token: TemplateToken; context: HtmlContext };

export interface HtmlAnalysis {
  /** Start tags (when their `>` is read), end tags and template tokens, in source order of completion. */
  events: HtmlEvent[];
  /** The context of each rendered `{{ … }}` and `{% … %}` token (`{% comment %}` blocks and `{# #}` excluded). */
  contextOf(token: TemplateToken): HtmlContext | undefined;
}

/** The first attribute of that name (browsers ignore later duplicates). */
export function attribute(tag: HtmlStartTag, name: string): HtmlAttribute | undefined {
  return tag.attributes.find((a) => a.name === name);
}

/** Attributes whose value browsers (or a front-end framework in the page) run as JavaScript. */
export function isJavaScriptAttribute(name: string): boolean {
  return (
    /^on[a-z]{3,}$/.test(name) ||
    /^(?:hx-on|x-on:|v-on:|v-bind:|x-bind:|@|:)/.test(name) ||
    ['x-data', 'x-init', 'x-effect', 'x-show', 'x-if', 'x-text', 'x-html', 'v-if', 'v-else-if', 'v-show', 'v-html', 'v-text'].includes(name)
  );
}

/** Attributes whose value is a URL the browser may navigate to or load (a `javascript:` URL runs). */
export function isUrlAttribute(name: string): boolean {
  return ['href', 'src', 'action', 'formaction', 'data', 'poster', 'xlink:href', 'background', 'cite', 'codebase', 'ping'].includes(name);
}

/** `type` values of `<script>` elements browsers run as JavaScript (plus in-browser transpilers' types). */
const JAVASCRIPT_TYPES = new Set([
  '',
  'module',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'application/x-javascript',
  'application/x-ecmascript',
  'text/ecmascript',
  'text/x-javascript',
  'text/x-ecmascript',
  'text/jscript',
  'text/livescript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/babel',
  'text/jsx',
]);

/** Elements whose content is text up to their end tag. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

const cache = new WeakMap<readonly TemplateToken[], Map<TemplateLanguage, HtmlAnalysis>>();

/** Tracks the HTML context through a template's tokens (cached per token array and language). */
export function analyzeHtml(tokens: readonly TemplateToken[], language: TemplateLanguage = 'html'): HtmlAnalysis {
  let byLanguage = cache.get(tokens);
  if (!byLanguage) cache.set(tokens, (byLanguage = new Map<TemplateLanguage, HtmlAnalysis>()));
  const cached = byLanguage.get(language);
  if (cached) return cached;
  const tracker = new HtmlTracker(language);
  for (const token of renderedTokens(tokens)) {
    if (token.type === 'text') tracker.text(token);
    else if (token.type !== 'comment') tracker.template(token);
  }
  tracker.finish();
  const contexts = tracker.contexts;
  const analysis: HtmlAnalysis = { events: tracker.events, contextOf: (token) => contexts.get(token) };
  byLanguage.set(language, analysis);
  return analysis;
}

// ---------------------------------------------------------------------------------------------------------------

const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

/** The JavaScript lexical state, fed the script's text piece by piece (template output is opaque and skipped). */
export class JsLexer {
  private mode: JsState | 'regex-class' = 'code';
  private escaped = false;
  /** Brace depth inside the innermost `${ … }`, and the depths of the enclosing ones. */
  private braces = 0;
  private templateBraces: number[] = [];
  /** Last significant code character; `w` after an identifier or number (then `lastWord` holds it). */
  private last = '';
  private word = '';
  private lastWord = '';
  private previous = '';

  get state(): JsState {
    return this.mode === 'regex-class' ? 'regex' : this.mode;
  }

  /** Template output interrupts whatever was being written: no pending escape, the identifier ends. */
  interrupt(): void {
    this.escaped = false;
    this.endWord();
    this.previous = '';
  }

  /** Template output in code is a value: a `/` after it divides. */
  valueWritten(): void {
    if (this.mode !== 'code') return;
    this.last = 'w';
    this.lastWord = '';
  }

  feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const previous = this.previous;
      this.previous = ch;
      switch (this.mode) {
        case 'single-quoted-string':
        case 'double-quoted-string':
          if (this.escaped) this.escaped = false;
          else if (ch === '\\') this.escaped = true;
          else if (ch === (this.mode === 'single-quoted-string' ? "'" : '"')) this.toCode(')');
          else if (ch === '\n') this.toCode(')'); // an unterminated string ends at the line break
          break;
        case 'template-literal':
          if (this.escaped) this.escaped = false;
          else if (ch === '\\') this.escaped = true;
          else if (ch === '`') this.toCode(')');
          else if (ch === '$' && text[i + 1] === '{') {
            this.templateBraces.push(this.braces);
            this.braces = 0;
            this.toCode('{');
            i++;
          }
          break;
        case 'line-comment':
          if (ch === '\n') this.mode = 'code';
          break;
        case 'block-comment':
          if (ch === '/' && previous === '*') {
            this.mode = 'code';
            this.previous = '';
          }
          break;
        case 'regex':
          if (this.escaped) this.escaped = false;
          else if (ch === '\\') this.escaped = true;
          else if (ch === '[') this.mode = 'regex-class';
          else if (ch === '/') this.toCode('w');
          else if (ch === '\n') this.toCode(')');
          break;
        case 'regex-class':
          if (this.escaped) this.escaped = false;
          else if (ch === '\\') this.escaped = true;
          else if (ch === ']') this.mode = 'regex';
          break;
        case 'code':
          this.code(ch, text[i + 1], () => i++);
          break;
      }
    }
  }

  private code(ch: string, next: string | undefined, skipNext: () => void): void {
    if (/[\w$]/.test(ch)) {
      this.word += ch;
      return;
    }
    this.endWord();
    if (/\s/.test(ch)) return;
    if (ch === "'") this.mode = 'single-quoted-string';
    else if (ch === '"') this.mode = 'double-quoted-string';
    else if (ch === '`') this.mode = 'template-literal';
    else if (ch === '/' && next === '/') {
      this.mode = 'line-comment';
      skipNext();
    } else if (ch === '/' && next === '*') {
      this.mode = 'block-comment';
      this.previous = '';
      skipNext();
    } else if (ch === '/' && this.regexAllowed()) this.mode = 'regex';
    else if (ch === '{') {
      this.braces++;
      this.last = ch;
    } else if (ch === '}') {
      if (this.braces === 0 && this.templateBraces.length > 0) {
        this.braces = this.templateBraces.pop()!;
        this.mode = 'template-literal';
      } else {
        this.braces = Math.max(0, this.braces - 1);
        this.last = ch;
      }
    } else this.last = ch;
  }

  private endWord(): void {
    if (this.word === '') return;
    this.lastWord = this.word;
    this.last = 'w';
    this.word = '';
  }

  /** After an operator (or a keyword such as `return`), `/` starts a regular expression; after a value, it divides. */
  private regexAllowed(): boolean {
    if (this.last === 'w') return KEYWORDS_BEFORE_EXPRESSION.has(this.lastWord);
    return !/[)\]}]/.test(this.last);
  }

  private toCode(last: string): void {
    this.mode = 'code';
    this.escaped = false;
    this.last = last;
    this.lastWord = '';
  }
}

/** The CSS lexical state (strings and comments), fed like `JsLexer`. */
export class CssLexer {
  private mode: CssState = 'code';
  private quote = '';
  private escaped = false;
  private previous = '';

  get state(): CssState {
    return this.mode;
  }

  interrupt(): void {
    this.escaped = false;
    this.previous = '';
  }

  feed(text: string): void {
    for (const ch of text) {
      const previous = this.previous;
      this.previous = ch;
      if (this.mode === 'string') {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === this.quote || ch === '\n') this.mode = 'code';
      } else if (this.mode === 'comment') {
        if (ch === '/' && previous === '*') {
          this.mode = 'code';
          this.previous = '';
        }
      } else if (ch === '"' || ch === "'") {
        this.mode = 'string';
        this.quote = ch;
      } else if (ch === '*' && previous === '/') {
        this.mode = 'comment';
        this.previous = '';
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

type State =
  | 'data'
  | 'tag-name'
  | 'before-attribute-name'
  | 'attribute-name'
  | 'after-attribute-name'
  | 'before-attribute-value'
  | 'attribute-value-double'
  | 'attribute-value-single'
  | 'attribute-value-unquoted'
  | 'self-closing'
  | 'end-tag-name'
  | 'end-tag-rest'
  | 'comment'
  | 'bogus-comment'
  | 'raw'
  | 'plain';

interface OpenTag {
  name: string;
  start: number;
  token: TemplateToken;
  attributes: HtmlAttribute[];
  dynamic: boolean;
  selfClosing: boolean;
  isEnd: boolean;
}

interface RawElement {
  element: string;
  kind: 'script' | 'style' | 'rcdata';
  script?: ScriptInfo;
  js?: JsLexer;
  css?: CssLexer;
  /** The whole file is this element's content (a `.js` or `.css` template): no end tag ends it. */
  endless: boolean;
}

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', '#34': '"', '#39': "'", '#x22': '"', '#x27': "'" };

class HtmlTracker {
  readonly events: HtmlEvent[] = [];
  readonly contexts = new Map<TemplateToken, HtmlContext>();
  private state: State = 'data';
  private tag: OpenTag | null = null;
  private attr: HtmlAttribute | null = null;
  /** JavaScript or CSS attribute value being read: its lexer and the characters not fed to it yet. */
  private attrLexer: { lexer: JsLexer | CssLexer; pending: string } | null = null;
  private raw: RawElement | null = null;
  private commentTail = '';
  /** End of the last token read. */
  private lastOffset = 0;

  constructor(language: TemplateLanguage) {
    if (language === 'javascript') {
      this.state = 'raw';
      this.raw = { element: 'script', kind: 'script', script: { type: '', javascript: true, hasSrc: false }, js: new JsLexer(), endless: true };
    } else if (language === 'css') {
      this.state = 'raw';
      this.raw = { element: 'style', kind: 'style', css: new CssLexer(), endless: true };
    } else if (language === 'text') this.state = 'plain';
  }

  template(token: TemplateToken): void {
    this.lastOffset = token.end;
    const context = this.contextFor(token);
    this.contexts.set(token, context);
    this.events.push({ type: 'template', token, context });
  }

  private contextFor(token: TemplateToken): HtmlContext {
    const isVar = token.type === 'var';
    switch (this.state) {
      case 'plain':
        return { kind: 'plain-text', element: null };
      case 'data':
        return { kind: 'text', element: null };
      case 'comment':
      case 'bogus-comment':
        return { kind: 'comment', element: null };
      case 'raw': {
        const raw = this.raw!;
        if (raw.kind === 'script') {
          raw.js!.interrupt();
          const context: HtmlContext = { kind: 'script', element: raw.element, script: raw.script!, js: raw.js!.state };
          if (isVar) raw.js!.valueWritten();
          return context;
        }
        if (raw.css) {
          raw.css.interrupt();
          return { kind: 'style', element: raw.element, css: raw.css.state };
        }
        return { kind: raw.kind, element: raw.element };
      }
      case 'before-attribute-value':
        // `value={{ x }}`: the output starts an unquoted value.
        this.startValue('');
        return this.attributeValue(token);
      case 'attribute-value-double':
      case 'attribute-value-single':
      case 'attribute-value-unquoted':
        return this.attributeValue(token);
      case 'attribute-name':
        if (isVar) this.attr!.name += token.raw;
        else {
          this.endAttribute();
          this.state = 'before-attribute-name';
        }
        this.tag!.dynamic = true;
        return { kind: 'tag', element: this.tag!.name };
      default:
        if (this.tag) this.tag.dynamic = true;
        return { kind: 'tag', element: this.tag?.name ?? null };
    }
  }

  private attributeValue(token: TemplateToken): HtmlContext {
    const attr = this.attr!;
    const context: HtmlContext = {
      kind: 'attribute-value',
      element: this.tag!.name,
      attribute: { name: attr.name, quote: attr.quote, valueBefore: attr.value ?? '' },
    };
    if (this.attrLexer) {
      this.flushAttributeLexer();
      const { lexer } = this.attrLexer;
      lexer.interrupt();
      if (lexer instanceof JsLexer) {
        context.js = lexer.state;
        if (token.type === 'var') lexer.valueWritten();
      } else context.css = lexer.state;
    }
    attr.value = (attr.value ?? '') + token.raw;
    attr.dynamic = true;
    return context;
  }

  text(token: TemplateToken): void {
    this.lastOffset = token.end;
    const text = token.raw;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const offset = token.start + i;
      switch (this.state) {
        case 'plain':
          return;
        case 'raw': {
          const raw = this.raw!;
          const rest = text.slice(i);
          const end = raw.endless ? null : new RegExp(`</${raw.element}(?=[\\s/>]|$)`, 'i').exec(rest);
          const content = end ? rest.slice(0, end.index) : rest;
          raw.js?.feed(content);
          raw.css?.feed(content);
          if (!end) return;
          this.raw = null;
          this.tag = { name: raw.element, start: offset + end.index, token, attributes: [], dynamic: false, selfClosing: false, isEnd: true };
          this.state = 'end-tag-rest';
          i += end.index + 1 + raw.element.length;
          break;
        }
        case 'data':
          if (ch !== '<') break;
          if (text[i + 1] === '/' && /[a-z]/i.test(text[i + 2] ?? '')) {
            this.tag = { name: '', start: offset, token, attributes: [], dynamic: false, selfClosing: false, isEnd: true };
            this.state = 'end-tag-name';
            i++;
          } else if (/[a-z]/i.test(text[i + 1] ?? '')) {
            this.tag = { name: '', start: offset, token, attributes: [], dynamic: false, selfClosing: false, isEnd: false };
            this.state = 'tag-name';
          } else if (text.startsWith('<!--', i)) {
            this.state = 'comment';
            this.commentTail = '';
            i += 3;
          } else if (text[i + 1] === '!' || text[i + 1] === '?') this.state = 'bogus-comment';
          break;
        case 'comment':
          this.commentTail = (this.commentTail + ch).slice(-3);
          if (this.commentTail === '-->') this.state = 'data';
          break;
        case 'bogus-comment':
          if (ch === '>') this.state = 'data';
          break;
        case 'tag-name':
        case 'end-tag-name':
          if (/\s/.test(ch)) this.state = this.state === 'tag-name' ? 'before-attribute-name' : 'end-tag-rest';
          else if (ch === '/') this.state = this.state === 'tag-name' ? 'self-closing' : 'end-tag-rest';
          else if (ch === '>') this.finishTag(offset + 1);
          else this.tag!.name += ch.toLowerCase();
          break;
        case 'end-tag-rest':
          if (ch === '>') this.finishTag(offset + 1);
          break;
        case 'self-closing':
          if (ch === '>') {
            this.tag!.selfClosing = true;
            this.finishTag(offset + 1);
          } else {
            this.state = 'before-attribute-name';
            i--;
          }
          break;
        case 'before-attribute-name':
        case 'after-attribute-name':
          if (/\s/.test(ch)) break;
          if (ch === '/') {
            this.endAttribute();
            this.state = 'self-closing';
          } else if (ch === '>') this.finishTag(offset + 1);
          else if (ch === '=' && this.state === 'after-attribute-name' && this.attr) this.state = 'before-attribute-value';
          else {
            this.endAttribute();
            this.attr = { name: ch.toLowerCase(), value: null, dynamic: false, quote: '', start: offset };
            this.state = 'attribute-name';
          }
          break;
        case 'attribute-name':
          if (/\s/.test(ch)) this.state = 'after-attribute-name';
          else if (ch === '/') {
            this.endAttribute();
            this.state = 'self-closing';
          } else if (ch === '=') this.state = 'before-attribute-value';
          else if (ch === '>') this.finishTag(offset + 1);
          else this.attr!.name += ch.toLowerCase();
          break;
        case 'before-attribute-value':
          if (/\s/.test(ch)) break;
          if (ch === '>') {
            this.attr!.value = '';
            this.finishTag(offset + 1);
          } else {
            this.startValue(ch === '"' || ch === "'" ? ch : '');
            if (ch !== '"' && ch !== "'") this.valueChar(ch);
          }
          break;
        case 'attribute-value-double':
        case 'attribute-value-single':
          if (ch === (this.state === 'attribute-value-double' ? '"' : "'")) {
            this.endAttribute();
            this.state = 'before-attribute-name';
          } else this.valueChar(ch);
          break;
        case 'attribute-value-unquoted':
          if (/\s/.test(ch)) {
            this.endAttribute();
            this.state = 'before-attribute-name';
          } else if (ch === '>') this.finishTag(offset + 1);
          else this.valueChar(ch);
          break;
      }
    }
  }

  private startValue(quote: '"' | "'" | ''): void {
    const attr = this.attr!;
    attr.quote = quote;
    attr.value = '';
    this.state = quote === '"' ? 'attribute-value-double' : quote === "'" ? 'attribute-value-single' : 'attribute-value-unquoted';
    const lexer = isJavaScriptAttribute(attr.name) ? new JsLexer() : attr.name === 'style' ? new CssLexer() : null;
    this.attrLexer = lexer ? { lexer, pending: '' } : null;
  }

  private valueChar(ch: string): void {
    this.attr!.value += ch;
    if (this.attrLexer) this.attrLexer.pending += ch;
  }

  /** Feeds the attribute's pending characters to its lexer, with the character references browsers decode first. */
  private flushAttributeLexer(): void {
    if (!this.attrLexer) return;
    const decoded = this.attrLexer.pending.replace(/&(quot|apos|amp|lt|gt|#34|#39|#x22|#x27);/gi, (match, name: string) => ENTITIES[name.toLowerCase()] ?? match);
    this.attrLexer.lexer.feed(decoded);
    this.attrLexer.pending = '';
  }

  private endAttribute(): void {
    if (this.attr && this.tag) this.tag.attributes.push(this.attr);
    this.attr = null;
    this.attrLexer = null;
  }

  private finishTag(end: number): void {
    this.endAttribute();
    const tag = this.tag!;
    this.tag = null;
    this.state = 'data';
    if (tag.isEnd) {
      this.events.push({ type: 'end-tag', tag: { name: tag.name, start: tag.start, end, token: tag.token } });
      return;
    }
    const startTag: HtmlStartTag = {
      name: tag.name,
      attributes: tag.attributes,
      start: tag.start,
      end,
      selfClosing: tag.selfClosing,
      token: tag.token,
      dynamic: tag.dynamic,
    };
    this.events.push({ type: 'start-tag', tag: startTag });
    // `<script/>` is an ordinary start tag in HTML: its content still follows.
    if (!RAW_TEXT_ELEMENTS.has(tag.name)) return;
    this.state = 'raw';
    if (tag.name === 'script') this.raw = { element: 'script', kind: 'script', script: scriptInfo(startTag), js: new JsLexer(), endless: false };
    else if (tag.name === 'style') this.raw = { element: 'style', kind: 'style', css: new CssLexer(), endless: false };
    else this.raw = { element: tag.name, kind: 'rcdata', endless: false };
  }

  /** A start tag the template leaves open at its end is still reported. */
  finish(): void {
    if (this.tag && !this.tag.isEnd) this.finishTag(this.lastOffset);
  }
}

function scriptInfo(tag: HtmlStartTag): ScriptInfo {
  const typeAttribute = attribute(tag, 'type');
  const type = typeAttribute === undefined ? '' : typeAttribute.dynamic ? null : (typeAttribute.value ?? '').trim().toLowerCase();
  return { type, javascript: type === null || JAVASCRIPT_TYPES.has(type), hasSrc: attribute(tag, 'src') !== undefined };
}

