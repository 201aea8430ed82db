import { defineProbeRule } from '../../core/rule.js';
import { versionHints } from '../../probe/django/signals.js';

export default defineProbeRule({
  meta: {
    code: 'WEB056',
    name: 'development-server-exposed',
    family: 'probe',
    severity: 'high',
    confidence: 'high',
    cwe: [489, 1188],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'The site is served by Django\'s development server (manage.py runserver).',
    fix: 'Serve the application with a production WSGI/ASGI server (gunicorn, uWSGI, uvicorn) behind a reverse proxy, never with runserver.',
    docs: {
      whatItDoes:
        'Reports a `Server: WSGIServer/… CPython/…` header in any captured response: the banner of `manage.py ' +
        'runserver` (Python\'s `wsgiref`), which also prints the Python version.',
      whyItMatters:
        'Django\'s documentation says runserver "has not gone through security audits or performance tests" and must ' +
        'not be used in production. It usually runs with DEBUG on, serves static files itself, has no request limits ' +
        'worth the name and is easy to exhaust.',
      example: {
        bad: ['HTTP/1.1 200 OK', 'Server: WSGIServer/0.2 CPython/3.11.2'].join('\n'),
        good: ['HTTP/1.1 200 OK', 'Server: nginx'].join('\n'),
        language: 'http',
      },
      howToFix:
        'Run the project under gunicorn or uWSGI (`gunicorn project.wsgi:application`) or an ASGI server, behind nginx or ' +
        'a load balancer that terminates TLS, with `DEBUG = False`.',
      references: [
        { title: 'Django: django-admin runserver', url: 'https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver' },
        { title: 'Django: How to deploy Django', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/' },
        { title: 'CWE-489: Active Debug Code', url: 'https://cwe.mitre.org/data/definitions/489.html' },
      ],
      limitations: 'A proxy that rewrites the Server header hides the development server.',
    },
  },
  check(context) {
    const { site } = context;
    const hint = versionHints(site).find((h) => h.kind === 'runserver');
    if (!hint) return;
    context.report({ url: hint.url, message: `${hint.url} is served by Django's development server (${hint.evidence})`, key: 'runserver', evidence: [hint.evidence] });
  },
});
