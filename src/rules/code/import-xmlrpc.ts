import { definePythonRule } from '../../core/rule.js';
import { riskyImportVisitors } from '../support/risky-import.js';

/** Python 3's package and the Python 2 modules Bandit's prefix match also catches. */
const MODULES = ['xmlrpc', 'xmlrpclib', 'SimpleXMLRPCServer', 'DocXMLRPCServer'];

/** Names of xmlrpc.client that neither parse nor talk to a server: exceptions, value wrappers, marshalling. */
const QUIET = new Set(
  ['Fault', 'ProtocolError', 'Error', 'ResponseError', 'Binary', 'DateTime', 'Boolean', 'dumps', 'escape', 'MAXINT', 'MININT'].map((n) => `xmlrpc.client.${n}`),
);

export default definePythonRule({
  meta: {
    code: 'PY411',
    name: 'import-xmlrpc',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [20, 776],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B411'],
    status: 'stable',
    summary: 'xmlrpc is imported: XML-RPC parses XML from the other party with the standard-library parser, which is not hardened against malicious XML.',
    fix: 'Call defusedxml.xmlrpc.monkey_patch() at startup before any XML-RPC traffic, or replace XML-RPC with a JSON API.',
    docs: {
      whatItDoes:
        'Reports imports of `xmlrpc.client` and `xmlrpc.server` (and of the Python 2 modules `xmlrpclib`, ' +
        '`SimpleXMLRPCServer` and `DocXMLRPCServer`), plain, `from … import`, or dynamic through ' +
        '`importlib.import_module` or `__import__`. Quieter than Bandit in two cases: a `from xmlrpc.client import …` ' +
        'that takes only exceptions and value types (`Fault`, `ProtocolError`, `Binary`, `DateTime`, `dumps`) is ' +
        'not reported, and nothing is reported in a file that calls `defusedxml.xmlrpc.monkey_patch()` or ' +
        '`defusedxml.defuse_stdlib()` — Bandit\'s own remedy, after which Bandit still reports the import.',
      whyItMatters:
        'Every XML-RPC response a client receives, and every request a server accepts, is XML parsed by expat and ' +
        'may arrive gzip-compressed. A malicious or compromised peer — the ERP an integration calls, or any client of ' +
        'an exposed `SimpleXMLRPCServer` — can send entity-expansion documents or compressed bombs that exhaust the ' +
        'worker; how well the parser resists depends on the libexpat the interpreter is linked with. An XML-RPC ' +
        'server adds its own risks: `register_instance(…, allow_dotted_names=True)` lets callers walk attributes of ' +
        'the registered object.',
      example: {
        bad: [
          'import xmlrpc.client',
          '',
          'def sync_partner(partner):',
          '    erp = xmlrpc.client.ServerProxy(settings.ERP_URL)',
          '    erp.execute_kw(settings.ERP_DB, uid, key, "res.partner", "write", [[partner.erp_id], {"name": partner.name}])',
        ].join('\n'),
        good: [
          'import xmlrpc.client',
          '',
          'import defusedxml.xmlrpc',
          '',
          'defusedxml.xmlrpc.monkey_patch()  # hardened parser and bounded gzip decoding for every ServerProxy',
          '',
          'def sync_partner(partner):',
          '    erp = xmlrpc.client.ServerProxy(settings.ERP_URL)',
          '    erp.execute_kw(settings.ERP_DB, uid, key, "res.partner", "write", [[partner.erp_id], {"name": partner.name}])',
        ].join('\n'),
      },
      howToFix:
        'Install `defusedxml` and call `defusedxml.xmlrpc.monkey_patch()` once, early (an `AppConfig.ready()` or the ' +
        'module that creates the proxy): it replaces the XML-RPC parser and the gzip decoder for the whole process. ' +
        'Use an `https://` URL so the peer is authenticated. For a new integration, prefer a JSON/HTTPS API; never ' +
        'expose `SimpleXMLRPCServer` to untrusted networks, and never pass `allow_dotted_names=True`.',
      references: [
        { title: 'Python: XML vulnerabilities', url: 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities' },
        { title: 'Python: xmlrpc.client', url: 'https://docs.python.org/3/library/xmlrpc.client.html' },
        { title: 'defusedxml (xmlrpc.monkey_patch)', url: 'https://github.com/tiran/defusedxml' },
        { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
        { title: 'Bandit B411: import_xmlrpclib', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b411-import-xmlrpclib' },
      ],
      limitations:
        'The monkey patch is only seen when it is called in the same file; a patch applied once in an ' +
        '`AppConfig.ready()` elsewhere still leaves these imports reported (suppress them with a reason).',
    },
  },
  create: (context) =>
    riskyImportVisitors(context, {
      modules: MODULES,
      harmless: (name) => QUIET.has(name),
      // Bandit's remedy: after it every XML-RPC parser of the process is hardened.
      remedy: { calls: ['defusedxml.xmlrpc.monkey_patch', 'defusedxml.defuse_stdlib'], excuses: () => true },
      message: (name) => `${name} imported: XML-RPC parses the peer's XML with an unhardened parser; call defusedxml.xmlrpc.monkey_patch()`,
    }),
});
