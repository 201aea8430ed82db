import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';

/** The permission constants of the `stat` module. */
const STAT_BITS: Readonly<Record<string, number>> = {
  S_ISUID: 0o4000,
  S_ISGID: 0o2000,
  S_ISVTX: 0o1000,
  S_IRWXU: 0o700,
  S_IRUSR: 0o400,
  S_IWUSR: 0o200,
  S_IXUSR: 0o100,
  S_IREAD: 0o400,
  S_IWRITE: 0o200,
  S_IEXEC: 0o100,
  S_IRWXG: 0o070,
  S_IRGRP: 0o040,
  S_IWGRP: 0o020,
  S_IXGRP: 0o010,
  S_IRWXO: 0o007,
  S_IROTH: 0o004,
  S_IWOTH: 0o002,
  S_IXOTH: 0o001,
};

/** The functions of `os` taking (path or fd, mode). */
const OS_CHMOD = new Set(['os.chmod', 'os.lchmod', 'os.fchmod', 'posix.chmod', 'posix.lchmod', 'posix.fchmod']);

/** The bits Bandit judges, in the order they are named. */
const DANGEROUS: ReadonlyArray<[number, string]> = [
  [0o002, 'others can write'],
  [0o020, 'the group can write'],
  [0o010, 'the group can execute'],
  [0o001, 'others can execute'],
];

/** A mode written as an integer literal, `stat` constants, or `|`/`+` of those. */
function modeValue(input: PyNode, module: PythonModule, depth = 0): number | undefined {
  if (depth > 16) return undefined;
  const literal = module.literal(input);
  if (literal) return literal.kind === 'int' ? literal.value : undefined;
  const node = unwrap(input);
  if (node.type === 'identifier' || node.type === 'attribute') {
    const name = module.qualifiedName(node);
    return name?.startsWith('stat.') ? STAT_BITS[name.slice('stat.'.length)] : undefined;
  }
  if (node.type === 'binary_operator' && (node.ops?.[0] === '|' || node.ops?.[0] === '+')) {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const a = left && modeValue(left, module, depth + 1);
    const b = right && modeValue(right, module, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    return node.ops[0] === '|' ? a | b : a + b;
  }
  return undefined;
}

/** The mode argument of a chmod-like call: `mode=`, else by the call's shape (`os.chmod(p, m)`, `path.chmod(m)`). */
function modeArgument(call: PyNode, module: PythonModule): { mode: PyNode; target: PyNode | undefined } | undefined {
  const keyword = module.keywordArg(call, 'mode');
  const positional = module.positionalArgs(call);
  const qualified = module.qualifiedName(call);
  if (qualified !== null && OS_CHMOD.has(qualified)) {
    const mode = keyword ?? positional[1];
    return mode ? { mode, target: positional[0] } : undefined;
  }
  if (keyword) return { mode: keyword, target: positional[0] };
  if (positional.length === 2) return { mode: positional[1]!, target: positional[0] };
  const fn = field(call, 'function');
  // `Path(...).chmod(mode)`: the receiver is the file.
  if (positional.length === 1 && fn?.type === 'attribute') return { mode: positional[0]!, target: field(fn, 'object') };
  return undefined;
}

export default definePythonRule({
  meta: {
    code: 'PY103',
    name: 'chmod-permissive-mode',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [732],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: ['B103'],
    status: 'stable',
    summary: 'A chmod call gives the group or other users write or execute permission.',
    fix: 'Use the narrowest mode that works, such as 0o600 for files the web process owns and 0o644 for files others must read; never make files world-writable.',
    docs: {
      whatItDoes:
        'Reports `os.chmod()`, `os.lchmod()`, `os.fchmod()`, `Path.chmod()`/`Path.lchmod()` and other calls named ' +
        'like `chmod` whose mode is a constant — an integer literal or `stat.S_I*` flags combined with `|` or `+` — ' +
        'granting others write permission (severity high) or the group write permission, or the group or others ' +
        'execute permission (severity medium). These are Bandit\'s B103 criteria; unlike Bandit, the `mode=` keyword ' +
        'and `Path.chmod(mode)` are understood as well.',
      whyItMatters:
        'A world-writable file can be changed by every account on the machine — another site on a shared host, a ' +
        'compromised service, a local user — who can then plant code the web process imports, templates it renders, ' +
        'uploads it serves or data it trusts. Group write and execute bits widen who can do the same or run the ' +
        'file. On uploads (`os.chmod(upload_path, 0o777)`) they also let an attacker\'s file become executable.',
      example: {
        bad: ['import os', '', 'def store(upload, path):', '    with open(path, "wb") as out:', '        out.write(upload.read())', '    os.chmod(path, 0o777)'].join('\n'),
        good: ['import os', '', 'def store(upload, path):', '    with open(path, "wb") as out:', '        out.write(upload.read())', '    os.chmod(path, 0o600)'].join('\n'),
      },
      howToFix:
        'Give the owner what it needs and nobody else more than read access: `0o600` (or `0o640` for a group that ' +
        'must read) for data and uploads, `0o644` for public static files, `0o700`/`0o750` for directories and ' +
        'scripts only the service runs. For uploads in Django, set `FILE_UPLOAD_PERMISSIONS` and ' +
        '`FILE_UPLOAD_DIRECTORY_PERMISSIONS` instead of calling chmod yourself.',
      references: [
        { title: 'Python: os.chmod()', url: 'https://docs.python.org/3/library/os.html#os.chmod' },
        { title: 'Django settings: FILE_UPLOAD_PERMISSIONS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-permissions' },
        { title: 'CWE-732: Incorrect Permission Assignment for Critical Resource', url: 'https://cwe.mitre.org/data/definitions/732.html' },
        { title: 'Bandit B103: set_bad_file_permissions', url: 'https://bandit.readthedocs.io/en/latest/plugins/b103_set_bad_file_permissions.html' },
      ],
      limitations:
        'Only constant modes are judged; a mode held in a variable or computed at run time is not followed. As in ' +
        'Bandit, the usual `0o755` of executables and directories is reported (medium): add a suppression with the ' +
        'reason where it is intended.',
    },
  },
  create(context) {
    const { module } = context;
    return {
      call(node) {
        const callee = module.calleeName(node);
        if (!callee?.includes('chmod')) return;
        const argument = modeArgument(node, module);
        const mode = argument ? modeValue(argument.mode, module) : undefined;
        if (!argument || mode === undefined) return;
        const granted = DANGEROUS.filter(([bit]) => (mode & bit) !== 0).map(([, text]) => text);
        if (granted.length === 0) return;
        const target = argument.target ? ` on ${module.text(argument.target).replace(/\s+/g, ' ')}` : '';
        const shown = target.length > 70 ? `${target.slice(0, 67)}...` : target;
        context.report({
          node,
          message: `${callee}() sets mode 0o${mode.toString(8)}${shown}: ${granted.join(', ')}`,
          severity: (mode & 0o002) !== 0 ? 'high' : 'medium',
        });
      },
    };
  },
});
