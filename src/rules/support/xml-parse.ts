/**
 * The check of the XML parse rules (PY313–PY319): calls of a standard-library XML module's parsing functions, each
 * rule naming its module, its calls and the defusedxml module to use instead.
 */
import type { PythonRuleContext, PythonVisitors, RuleReference } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';

export interface XmlParseCalls {
  /** The standard-library module, e.g. `xml.dom.minidom`. */
  module: string;
  /** Its parsing functions, each with the keyword of its XML-text argument, or null when it takes no text. */
  calls: Readonly<Record<string, string | null>>;
  /** The drop-in replacement named in messages, e.g. `defusedxml.minidom`. */
  defused: string;
  /** A parser class of the module: passed to one of the calls (positionally or as `parser=`), it is reported once, on that call. */
  parserClass?: string;
}

/** The parsing calls of ElementTree's API, shared by `xml.etree.ElementTree` and `xml.etree.cElementTree`. */
export const ELEMENTTREE_CALLS: XmlParseCalls['calls'] = {
  // Bandit B313/B314's list first; then the same parsers under other names.
  parse: null,
  iterparse: null,
  fromstring: 'text',
  XMLParser: null,
  XML: 'text',
  fromstringlist: 'sequence',
  XMLPullParser: null,
};

/**
 * Reports every call of the module's parsing functions, through any import or alias; a constant document (a literal
 * in the XML-text argument) gets low confidence.
 */
export function xmlParseVisitors(context: PythonRuleContext, spec: XmlParseCalls): PythonVisitors {
  const { module } = context;
  const callName = (call: PyNode): string | undefined => {
    const qualified = module.qualifiedName(call);
    const name = qualified?.startsWith(`${spec.module}.`) ? qualified.slice(spec.module.length + 1) : undefined;
    return name !== undefined && Object.hasOwn(spec.calls, name) ? name : undefined;
  };
  /** Is the node an argument (positional or `parser=`) of another parsing call? */
  const passedToParsingCall = (node: PyNode): boolean => {
    let argumentList = node.parent;
    if (argumentList?.type === 'keyword_argument') {
      const keyword = field(argumentList, 'name');
      if (!keyword || module.text(keyword) !== 'parser') return false;
      argumentList = argumentList.parent;
    }
    const outer = argumentList?.type === 'argument_list' ? argumentList.parent : undefined;
    return outer?.type === 'call' && callName(outer) !== undefined;
  };
  const check = (node: PyNode): void => {
    const name = callName(node) ?? '';
    if (name === spec.parserClass && passedToParsingCall(node)) return;
    const keyword = spec.calls[name];
    const data = keyword ? module.argument(node, 0, keyword) : undefined;
    const constant = data !== undefined && module.literal(data) !== undefined;
    context.report({
      node,
      message: constant
        ? `${spec.module}.${name}() on a constant document: harmless unless the text changes; ${spec.defused} is the safe habit`
        : `${spec.module}.${name}() parses XML without protection against entity expansion: use ${spec.defused}`,
      ...(constant ? { confidence: 'low' as const } : {}),
    });
  };
  return Object.fromEntries(Object.keys(spec.calls).map((name) => [`call:${spec.module}.${name}`, check]));
}

/** The references every XML parsing rule lists after its module's own page. */
export const XML_PARSE_REFERENCES: RuleReference[] = [
  { title: 'Python: XML vulnerabilities', url: 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities' },
  { title: 'defusedxml', url: 'https://pypi.org/project/defusedxml/' },
  { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
  { title: 'CWE-611: Improper Restriction of XML External Entity Reference', url: 'https://cwe.mitre.org/data/definitions/611.html' },
  { title: 'Bandit B313–B319: XML', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-b314-b315-b316-b317-b318-b319-xml' },
];

export const XML_PARSE_LIMITATIONS = 'A project-wide `defusedxml.defuse_stdlib()` call (in `wsgi.py`, say) is not taken into account; suppress the findings if you rely on it.';
