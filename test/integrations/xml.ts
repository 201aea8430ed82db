/**
 * A strict, small XML 1.0 reader for tests (Node has no DOMParser): elements, attributes, text, the five predefined
 * entities and character references, comments and the XML declaration. Anything else (an unescaped `<` or `&`, a
 * mismatched or unclosed tag, a duplicate attribute, a character XML forbids) throws.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (raw.includes('<')) throw new Error(`unescaped < at ${at}`);
  return raw.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare & at ${at}`);
    if (ENTITIES[ref] !== undefined) return ENTITIES[ref];
    const numeric = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(ref);
    if (!numeric) throw new Error(`unknown entity ${whole} at ${at}`);
    const code = numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : parseInt(numeric[1]!, 10);
    const char = String.fromCodePoint(code);
    if (FORBIDDEN.test(char)) throw new Error(`character reference to a forbidden character at ${at}`);
    return char;
  });
}

export function parseXml(text: string): XmlElement {
  if (FORBIDDEN.test(text)) throw new Error('a character XML 1.0 forbids');
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) throw new Error('unclosed comment');
        i = end + 3;
      } else return;
    }
  };
  if (text.startsWith('<?xml', i)) {
    const end = text.indexOf('?>', i);
    if (end < 0) throw new Error('unclosed declaration');
    i = end + 2;
  }
  skipMisc();
  const element = (): XmlElement => {
    if (text[i] !== '<') throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(text.slice(i))?.[0];
    if (!name) throw new Error(`bad tag name at ${i}`);
    i += name.length;
    const node: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new Error(`expected space before attribute at ${i}`);
      const attr = NAME.exec(text.slice(i))?.[0];
      if (!attr) throw new Error(`bad attribute name at ${i}`);
      i += attr.length;
      if (text[i] !== '=') throw new Error(`expected = at ${i}`);
      const quote = text[i + 1];
      if (quote !== '"' && quote !== "'") throw new Error(`expected a quote at ${i + 1}`);
      const end = text.indexOf(quote, i + 2);
      if (end < 0) throw new Error('unclosed attribute');
      if (attr in node.attributes) throw new Error(`duplicate attribute ${attr}`);
      // Literal tabs and line breaks in attribute values are normalised to spaces by XML parsers.
      node.attributes[attr] = decode(text.slice(i + 2, end).replace(/[\t\n\r]/g, ' '), i);
      i = end + 1;
    }
    for (;;) {
      const next = text.indexOf('<', i);
      if (next < 0) throw new Error(`unclosed <${name}>`);
      node.text += decode(text.slice(i, next), i);
      i = next;
      if (text.startsWith('</', i)) {
        const close = NAME.exec(text.slice(i + 2))?.[0];
        if (close !== name) throw new Error(`</${close}> closes <${name}> at ${i}`);
        i += 2 + close.length;
        skipSpace();
        if (text[i] !== '>') throw new Error(`expected > at ${i}`);
        i++;
        return node;
      }
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) throw new Error('unclosed comment');
        i = end + 3;
        continue;
      }
      node.children.push(element());
    }
  };
  const root = element();
  skipMisc();
  if (i !== text.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

export function descendants(node: XmlElement, name: string): XmlElement[] {
  return node.children.flatMap((child) => [...(child.name === name ? [child] : []), ...descendants(child, name)]);
}
