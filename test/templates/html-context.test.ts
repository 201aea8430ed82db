import { describe, expect, it } from 'vitest';
import { JsLexer, analyzeHtml, attribute, isJavaScriptAttribute, templateLanguage, type HtmlContext, type HtmlStartTag } from '../../src/templates/html-context.js';
import { tokenize } from '../../src/templates/lexer.js';

/** The context of each template token, keyed by its source. */
function contexts(source: string, language = templateLanguage('t.html')): Record<string, HtmlContext> {
  const tokens = tokenize(source);
  const analysis = analyzeHtml(tokens, language);
  const out: Record<string, HtmlContext> = {};
  for (const token of tokens) {
    const context = analysis.contextOf(token);
    if (context) out[token.raw] = context;
  }
  return out;
}

function startTags(source: string): HtmlStartTag[] {
  return analyzeHtml(tokenize(source)).events.flatMap((e) => (e.type === 'start-tag' ? [e.tag] : []));
}

function jsState(script: string): string {
  const lexer = new JsLexer();
  lexer.feed(script);
  return lexer.state;
}

describe('templateLanguage', () => {
  it('maps extensions to the context a template starts in', () => {
    expect(['a.html', 'a.HTM', 'a.xml', 'a.svg', 'a.tpl'].map(templateLanguage)).toEqual(['html', 'html', 'html', 'html', 'html']);
    expect(templateLanguage('static/app.js')).toBe('javascript');
    expect(templateLanguage('a.css')).toBe('css');
    expect(['a.txt', 'a.email', 'a.json', 'a.md', 'a'].map(templateLanguage)).toEqual(['text', 'text', 'text', 'text', 'text']);
  });
});

describe('analyzeHtml contexts', () => {
  it('tells text, tags, attribute values, comments and raw-text elements apart', () => {
    const found = contexts(
      '<p class="{{ a }}" {{ b }} data-x={{ c }} title=\'x {{ d }}\'>{{ e }}</p><!-- {{ f }} --><title>{{ g }}</title>' +
        '<style>p { color: {{ h }} }</style><textarea>{{ i }}</textarea>{{ j }}',
    );
    expect(found['{{ a }}']).toEqual({ kind: 'attribute-value', element: 'p', attribute: { name: 'class', quote: '"', valueBefore: '' } });
    expect(found['{{ b }}']).toEqual({ kind: 'tag', element: 'p' });
    expect(found['{{ c }}']).toMatchObject({ kind: 'attribute-value', attribute: { name: 'data-x', quote: '' } });
    expect(found['{{ d }}']).toMatchObject({ kind: 'attribute-value', attribute: { name: 'title', quote: "'", valueBefore: 'x ' } });
    expect(found['{{ e }}']!.kind).toBe('text');
    expect(found['{{ f }}']!.kind).toBe('comment');
    expect(found['{{ g }}']).toEqual({ kind: 'rcdata', element: 'title' });
    expect(found['{{ h }}']).toEqual({ kind: 'style', element: 'style', css: 'code' });
    expect(found['{{ i }}']).toEqual({ kind: 'rcdata', element: 'textarea' });
    expect(found['{{ j }}']!.kind).toBe('text');
  });

  it('reads script elements: type, src, JavaScript state, and the end tag in any case', () => {
    const found = contexts(
      '<script>var a = "{{ a }}"; var b = {{ b }};</SCRIPT ><p>{{ c }}</p>' +
        '<script type="application/json">{"d": "{{ d }}"}</script>' +
        '<script type="{{ kind }}">{{ e }}</script><script src="/x.js" type=module>{{ f }}</script>',
    );
    expect(found['{{ a }}']).toEqual({ kind: 'script', element: 'script', script: { type: '', javascript: true, hasSrc: false }, js: 'double-quoted-string' });
    expect(found['{{ b }}']!.js).toBe('code');
    expect(found['{{ c }}']!.kind).toBe('text');
    expect(found['{{ d }}']!.script).toEqual({ type: 'application/json', javascript: false, hasSrc: false });
    expect(found['{{ e }}']!.script).toEqual({ type: null, javascript: true, hasSrc: false });
    expect(found['{{ f }}']!.script).toEqual({ type: 'module', javascript: true, hasSrc: true });
  });

  it('does not end a script at "</scriptx" or at a closing tag for another element', () => {
    const found = contexts('<script>a = "</scripts></div>"; b = {{ a }};</script>{{ b }}');
    expect(found['{{ a }}']!.kind).toBe('script');
    expect(found['{{ b }}']!.kind).toBe('text');
  });

  it('treats a variable in JavaScript code as a value (a / after it divides)', () => {
    expect(contexts('<script>var x = {{ a }} / 2; var y = "{{ b }}";</script>')['{{ b }}']!.js).toBe('double-quoted-string');
    expect(contexts('<a onclick={{ a }}>')['{{ a }}']).toMatchObject({ kind: 'attribute-value', attribute: { name: 'onclick', quote: '' }, js: 'code' });
  });

  it('follows CSS strings and comments in style elements and style attributes', () => {
    const found = contexts('<style>a { content: "{{ a }}"; } /* {{ b }} */ p { color: {{ c }} }</style><p style="font-family: &quot;{{ d }}&quot;; color: {{ e }}">');
    expect(found['{{ a }}']!.css).toBe('string');
    expect(found['{{ b }}']!.css).toBe('comment');
    expect(found['{{ c }}']!.css).toBe('code');
    expect(found['{{ d }}']).toMatchObject({ kind: 'attribute-value', attribute: { name: 'style' }, css: 'string' });
    expect(found['{{ e }}']!.css).toBe('code');
  });

  it('follows JavaScript in event handler attributes, decoding character references first', () => {
    const found = contexts('<a onclick="go(&quot;{{ a }}&quot;, {{ b }})" @click=\'x("{{ c }}")\' href="{{ d }}">');
    expect(found['{{ a }}']).toMatchObject({ kind: 'attribute-value', attribute: { name: 'onclick' }, js: 'double-quoted-string' });
    expect(found['{{ b }}']!.js).toBe('code');
    expect(found['{{ c }}']!.js).toBe('double-quoted-string');
    expect(found['{{ d }}']!.js).toBeUndefined();
  });

  it('skips {% comment %} blocks and {# #} comments, and keeps block tags in their context', () => {
    const tokens = tokenize('{% comment %}<script>{% endcomment %}{# <script> #}<input {% if x %}checked{% endif %} value="{% url "a" %}">{{ y }}');
    const analysis = analyzeHtml(tokens);
    const byRaw = (raw: string) => analysis.contextOf(tokens.find((t) => t.raw === raw)!);
    expect(byRaw('{% comment %}')).toBeUndefined();
    expect(byRaw('{# <script> #}')).toBeUndefined();
    expect(byRaw('{% if x %}')).toEqual({ kind: 'tag', element: 'input' });
    expect(byRaw('{% url "a" %}')!.kind).toBe('attribute-value');
    expect(byRaw('{{ y }}')!.kind).toBe('text');
    const input = analysis.events.flatMap((e) => (e.type === 'start-tag' ? [e.tag] : []))[0]!;
    expect(input.attributes.map((a) => [a.name, a.value, a.dynamic])).toEqual([
      ['checked', null, false],
      ['value', '{% url "a" %}', true],
    ]);
    expect(input.dynamic).toBe(true);
  });

  it('starts .js templates in a script and .css ones in a style element; plain text is not HTML', () => {
    expect(contexts('var a = "{{ a }}"; // </script> {{ b }}', 'javascript')['{{ a }}']).toMatchObject({ kind: 'script', js: 'double-quoted-string' });
    expect(contexts('var a = 1; // </script> {{ b }}', 'javascript')['{{ b }}']).toMatchObject({ kind: 'script', js: 'line-comment' });
    expect(contexts('p { color: {{ a }} }', 'css')['{{ a }}']).toEqual({ kind: 'style', element: 'style', css: 'code' });
    expect(contexts('<script>{{ a }}</script>', 'text')['{{ a }}']!.kind).toBe('plain-text');
  });

  it('is cached per token array and language', () => {
    const tokens = tokenize('<p>{{ a }}</p>');
    expect(analyzeHtml(tokens)).toBe(analyzeHtml(tokens));
    expect(analyzeHtml(tokens, 'text')).not.toBe(analyzeHtml(tokens));
  });
});

describe('analyzeHtml tags', () => {
  it('parses start tags: names and attributes in any case, quoted or not, with offsets', () => {
    const source = '<FORM Method=POST action="/x/" data-a=\'1\' novalidate>';
    const [form] = startTags(source);
    expect(form).toMatchObject({ name: 'form', start: 0, end: source.length, selfClosing: false, dynamic: false });
    expect(form!.attributes.map((a) => [a.name, a.value, a.quote])).toEqual([
      ['method', 'POST', ''],
      ['action', '/x/', '"'],
      ['data-a', '1', "'"],
      ['novalidate', null, ''],
    ]);
    expect(attribute(form!, 'action')!.start).toBe(source.indexOf('action'));
  });

  it('reads tags split over lines and template tokens, and reports end tags and self-closing tags', () => {
    const events = analyzeHtml(tokenize('<form\n  action="{% url "x" %}"\n  method="post"><br/></form>')).events;
    expect(events.map((e) => (e.type === 'template' ? `{${e.context.kind}}` : `${e.type}:${e.tag.name}`))).toEqual([
      '{attribute-value}',
      'start-tag:form',
      'start-tag:br',
      'end-tag:form',
    ]);
    const br = events[2]!;
    expect(br.type === 'start-tag' && br.tag.selfClosing).toBe(true);
  });

  it('does not see tags in comments, doctype, script strings or text that only looks like a tag', () => {
    const names = startTags('<!DOCTYPE html><!-- <form> --><script>"<form method=post>"</script>a < b <3 <p>').map((t) => t.name);
    expect(names).toEqual(['script', 'p']);
  });

  it('emits a start tag the template leaves unterminated', () => {
    const [tag] = startTags('<form method="post" {% block attrs %}{% endblock %}');
    expect(tag).toMatchObject({ name: 'form', dynamic: true });
  });
});

describe('JsLexer', () => {
  it('tracks strings, escapes, comments and template literals', () => {
    expect(jsState('var a = "x')).toBe('double-quoted-string');
    expect(jsState("var a = 'it\\'s")).toBe('single-quoted-string');
    expect(jsState('var a = "x"; ')).toBe('code');
    expect(jsState('// note ')).toBe('line-comment');
    expect(jsState('// note\nx = ')).toBe('code');
    expect(jsState('/* a ')).toBe('block-comment');
    expect(jsState('/* a */ b')).toBe('code');
    expect(jsState('`a ')).toBe('template-literal');
    expect(jsState('`a ${ b ')).toBe('code');
    expect(jsState('`a ${ {x: 1} } ')).toBe('template-literal');
    expect(jsState('`a ${ `b ${ c }` } d')).toBe('template-literal');
  });

  it('tells regular expressions from division', () => {
    expect(jsState('x = /ab')).toBe('regex');
    expect(jsState('x = /[/"]/; y = "')).toBe('double-quoted-string');
    expect(jsState('x = a / b; y = "')).toBe('double-quoted-string');
    expect(jsState('x = (a) / 2 + "')).toBe('double-quoted-string');
    expect(jsState('return /a')).toBe('regex');
  });
});

describe('isJavaScriptAttribute', () => {
  it('knows event handlers and front-end framework attributes', () => {
    expect(['onclick', 'onload', 'x-data', 'x-on:click', '@click', ':value', 'v-on:submit', 'hx-on:click', 'hx-on-click'].every(isJavaScriptAttribute)).toBe(true);
    expect(['href', 'one', 'online-id', 'data-onclick', 'value', 'x-ref'].some(isJavaScriptAttribute)).toBe(false);
  });
});
