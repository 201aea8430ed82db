import { defineTaintRule } from '../../core/rule.js';
import type { CallView, SinkMatch } from '../../taint/spec.js';

/** Trees and elements of lxml (and of libraries built on it), as receiver types: `lxml.etree.parse()`… */
const LXML_TYPES = /^(lxml\.|defusedxml\.lxml\.|parsel\.|scrapy\.(selector\.)?Selector\(\))/;
/** Trees and elements that understand ElementPath (`find`, `findall`): ElementTree and lxml. */
const ELEMENTPATH_TYPES = /^(xml\.etree\.(c)?ElementTree\.|defusedxml\.(c)?ElementTree\.|lxml\.)/;
const ELEMENTPATH_METHODS = ['find', 'findall', 'iterfind', 'findtext'];

function xpathMethod(call: CallView): SinkMatch | undefined {
  const expression = call.argument(0, '_path') ?? call.keyword('query');
  if (!expression) return undefined;
  const known = call.receiverTypes.some((type) => LXML_TYPES.test(type));
  return { args: [{ node: expression }], note: 'XPath expression evaluated by .xpath()', accepts: ['data'], ...(known ? {} : { maxConfidence: 'medium' as const }) };
}

function elementPathMethod(call: CallView): SinkMatch | undefined {
  if (!call.receiverTypes.some((type) => ELEMENTPATH_TYPES.test(type))) return undefined;
  const path = call.argument(0, 'path');
  return path ? { args: [{ node: path }], note: `ElementPath expression (a subset of XPath) of .${call.method}()`, accepts: ['data'], maxConfidence: 'low' } : undefined;
}

export default defineTaintRule({
  meta: {
    code: 'TNT015',
    name: 'xpath-injection',
    family: 'taint',
    severity: 'high',
    confidence: 'high',
    cwe: [643],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data is built into an XPath expression (lxml .xpath(), etree.XPath()), letting a client change what the query selects.',
    fix: 'Keep the XPath expression constant and pass request values as XPath variables: tree.xpath("//user[@name=$name]", name=value).',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments) ' +
        'through assignments, string building, helper functions and other modules, and reports it when it becomes ' +
        'part of an XPath expression: the first argument of `.xpath()` on lxml trees and elements (and on `parsel` ' +
        'selectors), of `lxml.etree.XPath()` and of `lxml.etree.ETXPath()`. `.xpath()` on a receiver the analysis ' +
        'cannot identify is reported at medium confidence. The ElementPath methods of ElementTree and lxml ' +
        '(`find`, `findall`, `iterfind`, `findtext`) on a known tree or element are reported at low confidence: ' +
        'ElementPath is a small subset of XPath (no `or`, no functions), so an injection there can only change ' +
        'which elements are selected. Values passed as XPath variables (keyword arguments of `.xpath()` or of the ' +
        'compiled `XPath` object), numbers and values checked against a literal allow-list are not reported; the ' +
        'XML document itself coming from the request is not an XPath injection.',
      whyItMatters:
        'XPath has no prepared statements by default and no access control: `//user[@name=\'` + name + `\' and ' +
        '@password=\'` + password + `\']` accepts `\' or \'1\'=\'1` as a name and returns every user, a classic ' +
        'authentication bypass against XML user stores and SAML or configuration documents. Injected expressions ' +
        'can also read any other node of the document (blind extraction with `substring()`), and crafted ' +
        'expressions can be slow to evaluate.',
      example: {
        bad:
          'def find_user(request):\n' +
          '    name = request.GET["name"]\n' +
          '    tree = etree.parse(settings.USERS_XML)\n' +
          '    users = tree.xpath(f"//user[@name=\'{name}\']")\n' +
          '    return JsonResponse({"found": bool(users)})',
        good:
          'def find_user(request):\n' +
          '    name = request.GET["name"]\n' +
          '    tree = etree.parse(settings.USERS_XML)\n' +
          '    users = tree.xpath("//user[@name=$name]", name=name)\n' +
          '    return JsonResponse({"found": bool(users)})',
      },
      howToFix:
        'Write the expression as a constant and bind request values as XPath variables: `tree.xpath("//user[' +
        '@name=$name]", name=name)`, or compile it once (`FIND_USER = etree.XPath("//user[@name=$name]")`) and call ' +
        '`FIND_USER(tree, name=name)`. lxml quotes variables correctly whatever they contain. Where a value must ' +
        'choose an element or attribute name, map it through a dictionary of allowed names.',
      references: [
        { title: 'lxml: XPath and XSLT (XPath variables)', url: 'https://lxml.de/xpathxslt.html#the-xpath-method' },
        { title: 'CWE-643: Improper Neutralization of Data within XPath Expressions', url: 'https://cwe.mitre.org/data/definitions/643.html' },
        { title: 'OWASP: XPATH Injection', url: 'https://owasp.org/www-community/attacks/XPATH_Injection' },
        { title: 'OWASP Injection Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Injection_Prevention_Cheat_Sheet.html' },
        { title: 'CodeQL: py/xpath-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-xpath-injection/' },
      ],
      limitations:
        'Expressions evaluated through an `XPathEvaluator` object (`evaluator(expression)`) are not followed. Trees ' +
        'are recognised when they are parsed in the same function or at the top of the module; a tree stored on ' +
        '`self` or received as a parameter has no known type: `.xpath()` on it is reported at ' +
        'medium confidence and ElementPath methods on it are not reported. Quoting helpers written by hand (such as ' +
        'escaping apostrophes) are not recognised as fixes.',
    },
  },
  sinks: {
    callees: ['lxml.etree.XPath', 'lxml.etree.ETXPath'],
    methods: ['xpath', ...ELEMENTPATH_METHODS],
    match(call) {
      if (call.callee === 'lxml.etree.XPath' || call.callee === 'lxml.etree.ETXPath') {
        const path = call.argument(0, 'path');
        return path ? { args: [{ node: path }], note: `XPath expression compiled by ${call.callee}()`, accepts: ['data'] } : undefined;
      }
      if (call.method === 'xpath') return xpathMethod(call);
      if (call.method && ELEMENTPATH_METHODS.includes(call.method)) return elementPathMethod(call);
      return undefined;
    },
  },
  // Quotes and the syntax of predicates, paths and operators.
  attackCharacters: `'"[]()/@=|*<>!,: `,
});
