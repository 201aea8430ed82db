import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { isTruthy } from '../../python/expressions.js';

export default definePythonRule({
  meta: {
    code: 'PY201',
    name: 'flask-debug-true',
    family: 'code',
    severity: 'high',
    confidence: 'medium',
    cwe: [94, 489],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B201'],
    status: 'stable',
    summary: 'A Flask application is started with debug=True, which exposes the Werkzeug debugger.',
    fix: 'Remove debug=True (enable debugging only through the FLASK_DEBUG environment variable on a developer machine).',
    docs: {
      whatItDoes:
        'Reports `<app>.run(debug=True)` calls in modules that import Flask (`import flask`, `from flask import …` ' +
        'or a `flask.` submodule), as Bandit does — and any other constant Flask treats as true (`debug=1`, ' +
        '`debug="yes"`). Django projects sometimes carry a small Flask service (webhooks, ' +
        'an internal tool) next to the main application.',
      whyItMatters:
        'Flask\'s debug mode turns on the Werkzeug interactive debugger: any exception page offers a Python console ' +
        'running in the server process. Whoever reaches the page — or guesses or obtains the debugger PIN — can ' +
        'execute arbitrary code, read every secret and pivot into the network. Debug mode also reloads code and ' +
        'shows source and local variables in tracebacks.',
      example: {
        bad: ['from flask import Flask', '', 'app = Flask(__name__)', '', 'if __name__ == "__main__":', '    app.run(host="127.0.0.1", debug=True)'].join('\n'),
        good: ['from flask import Flask', '', 'app = Flask(__name__)', '', 'if __name__ == "__main__":', '    app.run(host="127.0.0.1")  # debugging: FLASK_DEBUG=1 flask run, locally'].join('\n'),
      },
      howToFix:
        'Do not hard-code `debug=True`. Run development servers with `flask run --debug` (or `FLASK_DEBUG=1`) on ' +
        'your own machine only, and serve production with a WSGI server (Gunicorn, uWSGI) and debug off.',
      references: [
        { title: 'Flask: debug mode', url: 'https://flask.palletsprojects.com/en/stable/quickstart/#debug-mode' },
        { title: 'Werkzeug: debugging applications', url: 'https://werkzeug.palletsprojects.com/en/stable/debug/' },
        { title: 'CWE-94: Improper Control of Generation of Code', url: 'https://cwe.mitre.org/data/definitions/94.html' },
        { title: 'Bandit B201: flask_debug_true', url: 'https://bandit.readthedocs.io/en/latest/plugins/b201_flask_debug_true.html' },
      ],
      limitations:
        'Only a constant `debug=` passed to a method named `run` is recognised; `app.debug = True`, ' +
        '`app.config["DEBUG"] = True` and a debug flag computed at run time are not. Django\'s own `DEBUG` setting ' +
        'is judged by SET018.',
    },
  },
  create(context) {
    const { module } = context;
    let importsFlask = false;
    const runs: PyNode[] = [];
    return {
      'import:flask': () => {
        importsFlask = true;
      },
      call(node) {
        const fn = field(node, 'function');
        if (fn?.type !== 'attribute' || module.calleeName(node) !== 'run') return;
        const debug = module.keywordArg(node, 'debug');
        // Flask turns debugging on with `bool(debug)`: `1`, `"yes"`, even `"False"` count.
        const value = debug && module.literal(debug);
        if (value && isTruthy(value)) runs.push(node);
      },
      'module:exit': () => {
        if (!importsFlask) return;
        for (const node of runs) {
          const debug = module.text(module.keywordArg(node, 'debug')!);
          context.report({ node, message: `${module.calleeText(node)}(debug=${debug}) starts Flask with the Werkzeug debugger: anyone who reaches an error page can run code` });
        }
      },
    };
  },
});
