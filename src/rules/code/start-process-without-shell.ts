import { definePythonRule } from '../../core/rule.js';
import { callVisitors, shellInjectionNames, NO_SHELL_OPTION } from '../../python/shell.js';

export default definePythonRule({
  meta: {
    code: 'PY606',
    name: 'start-process-without-shell',
    family: 'code',
    severity: 'low',
    confidence: 'medium',
    cwe: [78],
    owasp: ['A03:2021-Injection'],
    aliases: ['B606'],
    status: 'stable',
    summary: 'A program is started directly with os.exec*, os.spawn* or os.startfile: check where its path and arguments come from.',
    fix: 'Prefer subprocess.run() with an absolute program path and a list of validated arguments.',
    docs: {
      whatItDoes:
        'Reports calls to the `os.exec*` family (which replaces the running process), the `os.spawn*` family and ' +
        '`os.startfile` (or the names in the `no_shell` option). No shell is involved, so this is a pointer for review ' +
        'rather than a vulnerability by itself.',
      whyItMatters:
        'These functions run whatever program path they are given with whatever arguments they get. If the path or ' +
        'an argument comes from a request or from a file an attacker can write, they choose the program or its ' +
        'options (`os.startfile` even opens documents with their associated application on Windows). In a Django ' +
        'process, `os.exec*` also throws away the running worker, which is rarely intended outside of management ' +
        'commands and autoreloaders.',
      example: {
        bad: ['import os', '', 'def open_report(request):', '    os.startfile(request.GET["path"])'].join('\n'),
        good: [
          'from django.http import FileResponse',
          '',
          'def open_report(request, report_id):',
          '    report = get_object_or_404(Report, pk=report_id, owner=request.user)',
          '    return FileResponse(report.file.open("rb"))',
        ].join('\n'),
      },
      howToFix:
        'Use `subprocess.run([...], check=True)` with an absolute program path and a list of arguments, validate every ' +
        'argument that comes from outside against an allow-list, and never let a request choose the program itself. ' +
        'Serve files with `FileResponse` instead of opening them on the server.',
      references: [
        { title: 'Python: os.exec* functions', url: 'https://docs.python.org/3/library/os.html#os.execl' },
        { title: 'Python: os.spawn* functions', url: 'https://docs.python.org/3/library/os.html#os.spawnl' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'Bandit B606: start_process_with_no_shell', url: 'https://bandit.readthedocs.io/en/latest/plugins/b606_start_process_with_no_shell.html' },
      ],
      limitations:
        'Every call is reported, whatever its arguments. Options: `no_shell` (qualified names) replaces the list of ' +
        "functions, as in Bandit's `shell_injection` block.",
    },
    options: [NO_SHELL_OPTION],
  },
  create(context) {
    const names = shellInjectionNames(context.options);
    return callVisitors(names.noShell, context.module, (node, name) => {
      context.report({ node, message: `${name}() starts a program without a shell: check where its path and arguments come from` });
    });
  },
});
