import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { callVisitors, commandArgument, shellInjectionNames, shellKeyword, SUBPROCESS_OPTION, SHELL_OPTION } from '../../python/shell.js';

/**
 * chown/chmod/tar/rsync in command position (start, after a separator, or after sudo/xargs/nice/…, optionally with
 * a directory): Bandit matches the names anywhere, so `ls *.tar.gz` and `restart *` count there.
 */
const VULNERABLE_COMMAND = /(?:^|[;&|(`\n]|\$\(|\b(?:sudo|xargs|nice|nohup|exec|time|env)\s+)\s*(?:[^\s;&|()`]*\/)?(chown|chmod|tar|rsync)(?=\s|$)/;

/** Quoted parts of a shell command, where `*` is not expanded. */
const QUOTED = /'[^']*'|"(?:[^"\\]|\\.)*"/g;

/**
 * Does the command expand a word that begins with `*` before any `--`? `./*`, `/srv/uploads/*` and `report-*.csv`
 * expand only to names with that prefix, which cannot start with `-`; quoted wildcards are not expanded at all.
 */
function optionLikeWildcard(command: string): boolean {
  for (const word of command.replace(QUOTED, ' ').split(/[\s;&|()`]+/)) {
    if (word === '--') return false;
    if (word.startsWith('*')) return true;
  }
  return false;
}

export default definePythonRule({
  meta: {
    code: 'PY609',
    name: 'shell-wildcard-injection',
    family: 'code',
    severity: 'high',
    confidence: 'medium',
    cwe: [155],
    owasp: ['A03:2021-Injection'],
    aliases: ['B609'],
    status: 'stable',
    summary: 'A shell command runs chown, chmod, tar or rsync on a * wildcard, so crafted file names can become options.',
    fix: 'Prefix the wildcard with ./ and end options with -- (tar -czf out.tgz -- ./*), or list the files in Python and pass them without a shell.',
    docs: {
      whatItDoes:
        'Reports commands run through a shell (the shell-running functions such as `os.system`, or a subprocess ' +
        'function with a truthy `shell=`) whose literal text runs `chown`, `chmod`, `tar` or `rsync` on an unquoted ' +
        'word that begins with `*`. Bandit matches the names anywhere in the text (`ls *.tar.gz`, `restart *`) and any ' +
        '`*`; here the program must appear where a command starts (at the beginning, after `;`, `&&`, `|`, or after ' +
        '`sudo`/`xargs`), and wildcards that cannot expand to an option are left alone: `./*`, `/srv/uploads/*`, ' +
        '`backup-*.tgz`, a quoted `"*"`, or any wildcard after a `--` argument.',
      whyItMatters:
        'The shell expands `*` into the file names of the directory before the program runs, and the program cannot ' +
        'tell a file name from an option. Anyone who can create files there (an upload folder, a shared `/tmp` ' +
        'directory) can name one `--checkpoint-action=exec=sh shell.sh` for tar, `-e sh shell.sh` for rsync or ' +
        '`--reference=attacker_file` for chown/chmod, and the command runs their code or hands them ownership.',
      example: {
        bad: ['import os', '', 'def archive_uploads():', '    os.system("cd /srv/media/uploads && tar czf /backups/uploads.tgz *")'].join('\n'),
        good: [
          'import subprocess',
          'from pathlib import Path',
          '',
          'def archive_uploads():',
          '    files = [str(p) for p in Path("/srv/media/uploads").iterdir()]',
          '    subprocess.run(["/usr/bin/tar", "czf", "/backups/uploads.tgz", "--", *files], check=True)',
        ].join('\n'),
      },
      howToFix:
        'Do not let the shell expand wildcards in front of these programs. List the files in Python and pass them as ' +
        'arguments after `--` without a shell, or at least write `./*` and put `--` before it so every expanded name ' +
        'starts with `./` and is never read as an option. Better, use `shutil.make_archive()`, `os.chmod()` and ' +
        '`shutil.chown()` from Python.',
      references: [
        { title: 'Python: shutil.make_archive()', url: 'https://docs.python.org/3/library/shutil.html#shutil.make_archive' },
        { title: 'CWE-155: Improper Neutralization of Wildcards or Matching Symbols', url: 'https://cwe.mitre.org/data/definitions/155.html' },
        { title: 'Bandit B609: linux_commands_wildcard_injection', url: 'https://bandit.readthedocs.io/en/latest/plugins/b609_linux_commands_wildcard_injection.html' },
      ],
      limitations:
        'Only literal commands (a string or a list of strings) are read. Options: `subprocess` and `shell` ' +
        "(qualified names), as in Bandit's `shell_injection` block.",
    },
    options: [SUBPROCESS_OPTION, SHELL_OPTION],
  },
  create(context) {
    const { module } = context;
    const names = shellInjectionNames(context.options);
    const check = (node: PyNode, name: string): void => {
      if (!names.shell.has(name) && !shellKeyword(node, module).shell) return;
      const command = commandArgument(node, module);
      const value = command && module.literal(command);
      if (!value) return;
      let text: string;
      if (value.kind === 'str') text = value.value;
      else if ((value.kind === 'list' || value.kind === 'tuple') && value.items.every((i) => i.kind === 'str')) {
        text = value.items.map((i) => (i.kind === 'str' ? i.value : '')).join(' ');
      } else return;
      const program = VULNERABLE_COMMAND.exec(text);
      if (!program || !optionLikeWildcard(text.slice(program.index))) return;
      context.report({ node, message: `${name}() runs ${program[1]} with a shell wildcard (*): file names that start with - become options` });
    };
    return callVisitors(names.subprocessOrShell, module, check);
  },
});
