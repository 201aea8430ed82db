import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import { processCommands, runserverIn, type ProcessSource } from '../../hardening/source-processes.js';

const WHERE: Readonly<Record<ProcessSource, string>> = {
  procfile: 'Procfile process',
  dockerfile: 'Dockerfile',
  compose: 'compose service',
  systemd: 'systemd unit',
  supervisor: 'supervisor program',
};

export default defineProjectRule({
  meta: {
    code: 'HRD048',
    name: 'runserver-in-production',
    family: 'hardening',
    severity: 'medium',
    confidence: 'medium',
    cwe: [489, 1188],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'A deployment file (Procfile, Dockerfile, systemd unit, supervisor program, compose service) starts Django\'s development server, manage.py runserver.',
    fix: 'Run the application under a production WSGI/ASGI server (gunicorn, uWSGI, uvicorn, daphne) behind a web server, and serve static files from the web server, WhiteNoise or a CDN rather than runserver --insecure.',
    docs: {
      whatItDoes:
        'Reads the commands the repository declares for its deployment — Procfile processes, Dockerfile `CMD` / ' +
        '`ENTRYPOINT`, systemd `ExecStart=`, supervisor `command=` and docker compose `command` / `entrypoint` — and ' +
        'reports those that start `manage.py runserver` (or `django-admin runserver`, `python -m django runserver`, ' +
        'django-extensions\' `runserver_plus`). Files and stages named for development (`Procfile.dev`, ' +
        '`Dockerfile.dev`, `docker-compose.override.yml`, `FROM … AS dev`, a `dev` service) are skipped; a plain ' +
        '`docker-compose.yml`, often a local setup, gives a low-severity finding. `--insecure` (static files served ' +
        'by Django with DEBUG off) and `runserver_plus` (the Werkzeug debugger) are named in the message.',
      whyItMatters:
        'Django\'s documentation is blunt: "DO NOT USE THIS SERVER IN A PRODUCTION SETTING. It has not gone through ' +
        'security audits or performance tests." It handles requests one process at a time with no request limits or ' +
        'worker supervision, so a few slow clients take the site down; its autoreloader executes whatever code lands ' +
        'in the tree; `--insecure` serves every static file through Python ("grossly inefficient and probably ' +
        'insecure"); and `runserver_plus` adds the Werkzeug interactive debugger, remote code execution for anyone ' +
        'who gets past its PIN.',
      example: {
        bad: ['# Procfile', 'web: python manage.py migrate && python manage.py runserver 0.0.0.0:$PORT --insecure'].join('\n'),
        good: ['# Procfile', 'release: python manage.py migrate', 'web: gunicorn shop.wsgi --bind 0.0.0.0:$PORT --workers 3'].join('\n'),
      },
      howToFix:
        'Start a production server: `gunicorn project.wsgi`, `uwsgi --module project.wsgi`, `uvicorn project.asgi:application` ' +
        'or `daphne project.asgi:application`, with several workers and timeouts, behind nginx or a load balancer. ' +
        'Serve static files with the web server, WhiteNoise or a CDN after `collectstatic`. Keep runserver in ' +
        'development files (`Procfile.dev`, `docker-compose.override.yml`, a `dev` build stage).',
      references: [
        { title: 'Django: django-admin runserver', url: 'https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver' },
        { title: 'Django: runserver --insecure (staticfiles)', url: 'https://docs.djangoproject.com/en/stable/ref/contrib/staticfiles/#cmdoption-runserver-insecure' },
        { title: 'Django: How to deploy with WSGI', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/' },
        { title: 'CWE-489: Active Debug Code', url: 'https://cwe.mitre.org/data/definitions/489.html' },
      ],
      limitations:
        'Only commands written in these files are seen; a runserver started from a shell script the Dockerfile runs ' +
        '(`CMD ["./start.sh"]`) or from a CI/CD pipeline is not. Whether a compose file or an unnamed Dockerfile ' +
        'stage is used in production is a guess from names.',
    },
  },
  check(context) {
    for (const [file, text] of [...context.project.textFiles].sort(([a], [b]) => a.localeCompare(b))) {
      for (const command of processCommands(file, text)) {
        if (command.development) continue;
        const runserver = runserverIn(command.command);
        if (!runserver) continue;
        const severity: Severity = command.source === 'compose' ? 'low' : 'medium';
        const name = command.name ? ` ${JSON.stringify(command.name)}` : '';
        const extra = runserver.plus
          ? ' (runserver_plus also exposes the Werkzeug interactive debugger)'
          : runserver.insecure
            ? ' with --insecure, so Django also serves every static file itself with DEBUG off'
            : '';
        context.report({
          at: { path: file, startLine: command.line, startColumn: command.column, endLine: command.endLine, endColumn: command.endColumn },
          message: `The ${WHERE[command.source]}${name} starts Django's development server (${runserver.plus ? 'runserver_plus' : 'runserver'})${extra}: it is not built for production traffic or security`,
          severity,
          key: `${file}\n${command.name ?? ''}\n${command.command}`,
        });
      }
    }
  },
});
