import { definePythonRule } from '../../core/rule.js';
import { abbreviate } from '../../python/expressions.js';
import { callVisitors, isConstantCommand, shellInjectionNames, SHELL_OPTION } from '../../python/shell.js';

export default definePythonRule({
  meta: {
    code: 'PY605',
    name: 'start-process-with-shell',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [78],
    owasp: ['A03:2021-Injection'],
    aliases: ['B605'],
    status: 'stable',
    summary: 'A command is run through a shell (os.system, os.popen, subprocess.getoutput and the like).',
    fix: 'Replace the call with subprocess.run() and a list of arguments (no shell); validate any argument that comes from a request.',
    docs: {
      whatItDoes:
        'Reports calls to functions that always run their command through `/bin/sh`: `os.system`, `os.popen` ' +
        '(and the old `popen2`–`popen4`), the `popen2` and `commands` modules, `subprocess.getoutput` and ' +
        '`subprocess.getstatusoutput` (or the names in the `shell` option). A command that is not a constant is high ' +
        'severity; a constant command (a literal, a name only assigned literals, or text whose only run-time parts are ' +
        '`shlex.quote()` results) is low severity.',
      whyItMatters:
        'These functions take one string and give it to the shell, which interprets `;`, `&&`, `|`, `$(…)`, ' +
        'backticks and globs. A request value formatted into the string (a file name, an e-mail address, a search ' +
        'term) can append any command, which then runs with the web server\'s permissions: reading settings and ' +
        'secrets, reaching the database, installing a backdoor.',
      example: {
        bad: [
          'import os',
          '',
          'def make_thumbnail(upload):',
          '    os.system("convert %s -resize 128x128 /tmp/thumb.png" % upload.name)',
        ].join('\n'),
        good: [
          'import subprocess',
          '',
          'def make_thumbnail(upload):',
          '    subprocess.run(["/usr/bin/convert", upload.temporary_file_path(), "-resize", "128x128", "/tmp/thumb.png"], check=True)',
        ].join('\n'),
      },
      howToFix:
        'Use `subprocess.run([...], check=True)` with a list of arguments and no shell: each item reaches the program ' +
        'as one argument, uninterpreted. Replace `os.popen(cmd).read()` with `subprocess.run([...], ' +
        'capture_output=True, text=True).stdout`. If shell features are unavoidable, build the command from constants ' +
        'and quote every value with `shlex.quote()`.',
      references: [
        { title: 'Python: os.system()', url: 'https://docs.python.org/3/library/os.html#os.system' },
        { title: 'Python: replacing older functions with the subprocess module', url: 'https://docs.python.org/3/library/subprocess.html#replacing-older-functions-with-the-subprocess-module' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'Bandit B605: start_process_with_a_shell', url: 'https://bandit.readthedocs.io/en/latest/plugins/b605_start_process_with_a_shell.html' },
      ],
      limitations:
        'Whether a non-constant command really holds user input is not traced here (the taint rules do that). ' +
        "Options: `shell` (qualified names) replaces the list of shell-running functions, as in Bandit's " +
        '`shell_injection` block.',
    },
    options: [SHELL_OPTION],
  },
  create(context) {
    const { module } = context;
    const names = shellInjectionNames(context.options);
    return callVisitors(names.shell, module, (node, name) => {
      const command = module.positionalArgs(node)[0] ?? module.keywordArg(node, 'cmd') ?? module.keywordArg(node, 'command');
      if (!command) return; // as Bandit: nothing to judge
      if (isConstantCommand(command, module)) {
        context.report({
          node,
          message: `${name}() runs a constant command through a shell: safe today, but a value added later becomes shell code`,
          severity: 'low',
        });
        return;
      }
      context.report({
        node,
        message: `${name}() runs a command built at run time (\`${abbreviate(module.text(command))}\`) through a shell: shell metacharacters in it run as commands`,
      });
    });
  },
});
