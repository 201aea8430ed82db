import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

/** Extraction filters that refuse absolute paths, `..`, links out of the target and special files. */
const SAFE_FILTER_NAMES = new Set(['data', 'tar']);
const SAFE_FILTER_FUNCTIONS = new Set(['tarfile.data_filter', 'tarfile.tar_filter']);

function hasSafeFilter(call: PyNode, module: PythonModule): boolean {
  const filter = module.keywordArg(call, 'filter');
  if (!filter) return false;
  const value = module.literal(filter);
  if (value) return value.kind === 'str' && SAFE_FILTER_NAMES.has(value.value);
  const name = module.qualifiedName(filter);
  return name !== null && SAFE_FILTER_FUNCTIONS.has(name);
}

/**
 * The factories a receiver name was bound from in its scope (`name = zipfile.ZipFile(…)`, `with tarfile.open(…) as
 * name`), as qualified names: lets `ZipFile.extractall()` in a module that also imports tarfile go unreported.
 */
function factoriesOf(receiver: PyNode, module: PythonModule): string[] {
  if (receiver.type === 'call') return [module.qualifiedName(receiver) ?? ''];
  if (receiver.type !== 'identifier') return [];
  const name = module.text(receiver);
  const scope = module.enclosingFunction(receiver) ?? module.root;
  const found: string[] = [];
  walk(scope, (node) => {
    if (node !== scope && (node.type === 'function_definition' || node.type === 'class_definition')) return false;
    let target: PyNode | undefined;
    let value: PyNode | undefined;
    if (node.type === 'assignment') [target, value] = [field(node, 'left'), field(node, 'right')];
    else if (node.type === 'as_pattern') [value, target] = [node.children[0], field(node, 'alias')?.children[0]];
    if (target?.type === 'identifier' && module.text(target) === name && value?.type === 'call') found.push(module.qualifiedName(value) ?? '');
    return undefined;
  });
  return found;
}

export default definePythonRule({
  meta: {
    code: 'PY202',
    name: 'tarfile-unsafe-members',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [22],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: ['B202'],
    status: 'stable',
    summary: 'A tar archive is extracted without a safe extraction filter, so its members can write outside the target directory.',
    fix: 'Pass filter="data" to extractall() (Python 3.12+, and security releases of 3.8–3.11), or validate every member first.',
    docs: {
      whatItDoes:
        'In modules that import `tarfile`, reports `extractall()` calls without a safe extraction filter — ' +
        '`filter="data"`, `filter="tar"`, `filter=tarfile.data_filter` or `tarfile.tar_filter`. As in Bandit, the ' +
        'severity and confidence depend on `members`: none given (or `None`) is high/high, since every member is ' +
        'extracted unchecked; `members=` a function call (`members=safe_members(tar)`) is low/low, since that ' +
        'function presumably filters them; any other `members` value is medium/medium. Unlike Bandit, ' +
        '`extractall()` on an object created by `zipfile` in the same function is not reported.',
      whyItMatters:
        'Tar members carry their own paths, link targets and modes. Without a filter, a crafted archive (an upload, ' +
        'a downloaded package, a backup) can write to `../../settings.py` or an absolute path, plant a symbolic ' +
        'link and then write through it, create device files or set-uid binaries: arbitrary file overwrite, ' +
        'usually leading to code execution (CVE-2007-4559 and its many descendants).',
      example: {
        bad: ['import tarfile', '', 'def import_theme(upload, target):', '    with tarfile.open(fileobj=upload) as archive:', '        archive.extractall(target)'].join('\n'),
        good: ['import tarfile', '', 'def import_theme(upload, target):', '    with tarfile.open(fileobj=upload) as archive:', '        archive.extractall(target, filter="data")'].join('\n'),
      },
      howToFix:
        'Pass `filter="data"`: it rejects absolute paths, `..` components, links pointing outside the target, ' +
        'device files, and clears set-uid bits. On Python versions without extraction filters, iterate over ' +
        '`getmembers()` and extract only regular files and directories whose resolved path stays inside the target.',
      references: [
        { title: 'Python: tarfile extraction filters', url: 'https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter' },
        { title: 'PEP 706: filter for tarfile.extractall', url: 'https://peps.python.org/pep-0706/' },
        { title: 'CWE-22: Path Traversal', url: 'https://cwe.mitre.org/data/definitions/22.html' },
        { title: 'Bandit B202: tarfile_unsafe_members', url: 'https://bandit.readthedocs.io/en/latest/plugins/b202_tarfile_unsafe_members.html' },
      ],
      limitations:
        'Python 3.14 makes `"data"` the default filter, so a bare `extractall()` is safe there; the rule does not ' +
        'know which Python runs the code and reports it anyway. A global `TarFile.extraction_filter` and single ' +
        '`extract()` calls are not considered. Whether a `members` function really filters is not checked.',
    },
  },
  create(context) {
    const { module } = context;
    let importsTarfile = false;
    const calls: PyNode[] = [];
    return {
      'import:tarfile': () => {
        importsTarfile = true;
      },
      call(node) {
        const fn = field(node, 'function');
        if (fn?.type === 'attribute' && module.calleeName(node)?.includes('extractall')) calls.push(node);
      },
      'module:exit': () => {
        if (!importsTarfile) return;
        for (const node of calls) {
          if (hasSafeFilter(node, module)) continue;
          const receiver = field(field(node, 'function')!, 'object');
          const factories = receiver ? factoriesOf(receiver, module) : [];
          if (factories.some((f) => f.startsWith('zipfile.')) && !factories.some((f) => f.startsWith('tarfile.'))) continue;
          const members = module.argument(node, 1, 'members');
          const callee = module.calleeText(node);
          if (!members || module.literal(members)?.kind === 'none') {
            context.report({ node, message: `${callee}() without filter="data": a crafted archive can write outside the target directory (../ paths, absolute paths, links)` });
          } else if (members.type === 'call') {
            const checker = module.calleeText(members) || 'the function';
            context.report({
              node,
              severity: 'low',
              confidence: 'low',
              message: `${callee}(members=${checker}(...)) relies on ${checker}() to drop absolute paths, "..", links and devices; prefer filter="data"`,
            });
          } else {
            context.report({
              node,
              severity: 'medium',
              confidence: 'medium',
              message: `${callee}(members=${module.text(members).replace(/\s+/g, ' ').slice(0, 40)}): cannot tell whether the members were checked; prefer filter="data"`,
            });
          }
        }
      },
    };
  },
});
