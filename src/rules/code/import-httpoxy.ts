import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { ImportedName } from '../../python/module.js';

/** CGI gateways: they turn a client's `Proxy:` request header into the HTTP_PROXY environment variable. */
const CGI_GATEWAYS = ['wsgiref.handlers.CGIHandler', 'wsgiref.handlers.IISCGIHandler', 'twisted.web.twcgi.CGIScript', 'twisted.web.twcgi.CGIDirectory'];

export default definePythonRule({
  meta: {
    code: 'PY412',
    name: 'import-httpoxy',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [284],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B412'],
    status: 'stable',
    summary: 'A CGI gateway (wsgiref CGIHandler or Twisted\'s CGIScript/CGIDirectory) is used: under CGI a client can set HTTP_PROXY and redirect outgoing requests (httpoxy).',
    fix: 'Serve the application through WSGI/ASGI (gunicorn, uWSGI, mod_wsgi, uvicorn) rather than CGI, or strip the Proxy request header in the web server.',
    docs: {
      whatItDoes:
        'Reports imports of `wsgiref.handlers.CGIHandler` (and `IISCGIHandler`) and of Twisted\'s ' +
        '`twisted.web.twcgi.CGIScript` / `CGIDirectory` — the names Bandit lists, imported by name as in ' +
        '`from wsgiref.handlers import CGIHandler`. Unlike Bandit, it also reports a call through the module ' +
        '(`from wsgiref import handlers; handlers.CGIHandler().run(app)`), which imports no flagged name.',
      whyItMatters:
        'CGI passes request headers to the program as `HTTP_*` environment variables, so a client that sends ' +
        '`Proxy: http://attacker.example` sets `HTTP_PROXY` — the variable many HTTP clients read to pick an ' +
        'outgoing proxy ("httpoxy", CVE-2016-1000110 and related). Outgoing calls the Django app makes while ' +
        'serving that request — to a payment provider, an OAuth server, an internal API — may then go through the ' +
        'attacker\'s proxy, exposing credentials and responses. Python\'s urllib (and libraries built on it) ignore ' +
        '`HTTP_PROXY` under CGI since 3.5.3, but other clients and subprocesses may not.',
      example: {
        bad: [
          '#!/usr/bin/env python3',
          'from wsgiref.handlers import CGIHandler',
          '',
          'from shop.wsgi import application',
          '',
          'CGIHandler().run(application)',
        ].join('\n'),
        good: [
          '# Run the WSGI application under a WSGI server instead of CGI:',
          '#   gunicorn shop.wsgi:application',
          'from django.core.wsgi import get_wsgi_application',
          '',
          'application = get_wsgi_application()',
        ].join('\n'),
      },
      howToFix:
        'Deploy Django through a WSGI or ASGI server (gunicorn, uWSGI, mod_wsgi, uvicorn), which does not put ' +
        'request headers into the process environment. If CGI cannot be avoided, drop the `Proxy` header before it ' +
        'reaches the application (Apache: `RequestHeader unset Proxy early`; nginx: `fastcgi_param HTTP_PROXY "";`) ' +
        'and configure outgoing proxies explicitly in code rather than from the environment.',
      references: [
        { title: 'httpoxy: a CGI application vulnerability', url: 'https://httpoxy.org/' },
        { title: 'Python: wsgiref.handlers.CGIHandler', url: 'https://docs.python.org/3/library/wsgiref.html#wsgiref.handlers.CGIHandler' },
        { title: 'Django: how to deploy with WSGI', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/' },
        { title: 'CWE-284: Improper Access Control', url: 'https://cwe.mitre.org/data/definitions/284.html' },
        { title: 'Bandit B412: import_httpoxy', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b412-import-httpoxy' },
      ],
      limitations:
        'Whether the web server already strips the `Proxy` header, and which HTTP clients the application uses, ' +
        'cannot be seen from the code.',
    },
  },
  create(context) {
    const { module } = context;
    const reported = new Set<PyNode>();
    const onImport = (node: PyNode, imported?: readonly ImportedName[]): void => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, message: `${imported?.[0]?.qualified ?? 'a CGI gateway'} imported: under CGI a client's Proxy header becomes HTTP_PROXY (httpoxy)` });
    };
    const onCall = (node: PyNode): void => {
      // A bare name was bound by a `from … import` reported above; a call through the module imported nothing flagged.
      if (field(node, 'function')?.type !== 'attribute') return;
      const name = module.qualifiedName(node);
      if (!name) return;
      context.report({ node, message: `${name} used: under CGI a client's Proxy header becomes HTTP_PROXY (httpoxy)` });
    };
    return {
      ...Object.fromEntries(CGI_GATEWAYS.map((name) => [`import:${name}`, onImport])),
      ...Object.fromEntries(CGI_GATEWAYS.map((name) => [`call:${name}`, onCall])),
    };
  },
});
