import type { Confidence, Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import { abbreviate, unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { classMethods, parameterNames } from '../../python/scope.js';
import { pathPieces, placedValues, type PathSource } from '../../hardening/upload-paths.js';
import { uploadIndex, type UploadJudge } from '../../hardening/uploads.js';

/** Attributes of the instance that cannot hold a `/` or that the server sets: ids, keys, slugs, dates, model metadata. */
const SERVER_SET = /^(id|pk|uuid|guid|slug|year|month|day|timestamp|created\w*|updated\w*|modified\w*|date\w*|model_name|app_label|object_name|verbose_name)$|_(id|pk|uuid|slug|date|at|on)$/;
/** Attributes naming a user: Django usernames and e-mail addresses cannot hold a `/`, but are chosen by the user. */
const IDENTITY = /^(username|email|user|owner|author|uploader|uploaded_by|created_by|customer|account|profile|get_username)$/;

type Kind = 'filename' | 'field' | 'identity';

interface Target {
  fn: PyNode;
  module: PythonModule;
  path: string;
  /** The parameters `(instance, filename)` of the callable (after `self` for `__call__`). */
  instance?: string;
  filename?: string;
  label: string;
}

/** The callable an `upload_to=` argument names: a function, a lambda, or an instance of a class with `__call__`. */
function uploadToTarget(input: PyNode, module: PythonModule, path: string, judge: UploadJudge, depth = 0): Target | undefined {
  if (depth > 3) return undefined;
  const node = unwrap(input);
  const withParams = (fn: PyNode, m: PythonModule, p: string, skip: number, label: string): Target => {
    const params = parameterNames(fn, m).slice(skip);
    return { fn, module: m, path: p, label, ...(params[0] ? { instance: params[0] } : {}), ...(params[1] ? { filename: params[1] } : {}) };
  };
  if (node.type === 'lambda') return withParams(node, module, path, 0, 'the upload_to lambda');
  if (node.type === 'identifier' || node.type === 'attribute') {
    const definition = judge.definition(node, module);
    if (!definition) return undefined;
    const definitionPath = judge.path(definition.module) ?? path;
    if (definition.kind === 'function') return withParams(definition.node, definition.module, definitionPath, 0, `upload_to function \`${definition.module.definitionName(definition.node) ?? '?'}()\``);
    if (definition.kind === 'value') return uploadToTarget(definition.node, definition.module, definitionPath, judge, depth + 1);
    return undefined;
  }
  if (node.type === 'call') {
    const callee = field(node, 'function');
    const definition = callee ? judge.definition(callee, module) : undefined;
    if (definition?.kind !== 'class') return undefined;
    const call = classMethods(definition.node).find((method) => definition.module.definitionName(method) === '__call__');
    if (!call) return undefined;
    return withParams(call, definition.module, judge.path(definition.module) ?? path, 1, `upload_to class \`${definition.module.definitionName(definition.node) ?? '?'}\``);
  }
  return undefined;
}

/** The expressions a callable returns (a lambda's body; a function's return statements, nested definitions excluded). */
function returnedExpressions(fn: PyNode): PyNode[] {
  if (fn.type === 'lambda') {
    const body = field(fn, 'body');
    return body ? [body] : [];
  }
  const out: PyNode[] = [];
  const body = field(fn, 'body');
  if (!body) return out;
  walk(body, (node) => {
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') return false;
    if (node.type === 'return_statement') {
      const value = node.children.find((c) => c.type !== 'comment');
      if (value) out.push(value);
      return false;
    }
    return undefined;
  });
  return out;
}

export default defineProjectRule({
  meta: {
    code: 'HRD022',
    name: 'upload-to-user-controlled-name',
    family: 'hardening',
    severity: 'medium',
    confidence: 'medium',
    cwe: [73, 22],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: [],
    status: 'preview',
    summary: 'An upload_to callable builds the storage path from values the uploader controls (model fields, the username, the client\'s file name as a directory), which Django does not clean.',
    fix: 'Build upload paths from server-side values only — the owner\'s id, a date, a uuid4() — and keep the client\'s file name (if at all) as the last part, or pass user-set values through slugify() / get_valid_filename() first.',
    docs: {
      whatItDoes:
        'Follows the `upload_to=` argument of model `FileField`s and `ImageField`s to the callable it names — a ' +
        'function (also imported from another module), a lambda or an instance of a class with `__call__` — and ' +
        'reads how its returned path is put together (f-strings, `%`, `str.format()`, `+`, `os.path.join()`, ' +
        '`pathlib`, local variables). It reports: an attribute of the `instance` that a user may set (`title`, ' +
        '`name`, `category`…, not ids, slugs or dates) anywhere in the path (medium); the owner\'s username or ' +
        'e-mail address (or the user object, whose `str()` is the username) (low); and the client\'s `filename` ' +
        'used as a directory rather than as the final name (low). Values passed through `slugify()`, ' +
        '`get_valid_filename()`, `os.path.splitext()`, a hash or any other call are not followed.',
      whyItMatters:
        'Django cleans only the last part of the name an `upload_to` callable returns (`Storage.get_valid_name()`, ' +
        'which keeps `[-\\w.]`), and since 3.2.1 (CVE-2021-31542) rejects `..` and absolute paths; everything ' +
        'before the last `/` is kept as it is. A title such as `invoices/42` therefore files the upload under ' +
        'another directory of the uploader\'s choosing — next to another customer\'s documents, or under a prefix ' +
        'that grants access — and names built from usernames or titles make private files\' URLs predictable. ' +
        'Directories named after usernames are also reused when a user is renamed and another account takes the ' +
        'old name.',
      example: {
        bad: [
          'def document_path(instance, filename):',
          '    return f"documents/{instance.owner.username}/{instance.title}/{filename}"',
        ].join('\n'),
        good: [
          'def document_path(instance, filename):',
          '    extension = os.path.splitext(filename)[1].lower()',
          '    return f"documents/{instance.owner_id}/{uuid.uuid4().hex}{extension}"',
        ].join('\n'),
      },
      howToFix:
        'Use values the server controls for every directory: the owner\'s primary key, the date, a random ' +
        '`uuid4()`; keep titles and the original file name in model fields rather than in the path. If a readable ' +
        'name is needed, pass it through `slugify()` or `get_valid_filename()` and use it as the last part only. ' +
        'Check access in a view (and let the web server send the file with `X-Accel-Redirect`) instead of relying ' +
        'on the path being hard to guess.',
      references: [
        { title: 'Django: FileField.upload_to', url: 'https://docs.djangoproject.com/en/stable/ref/models/fields/#django.db.models.FileField.upload_to' },
        { title: 'Django: Storage.get_valid_name()', url: 'https://docs.djangoproject.com/en/stable/ref/files/storage/#django.core.files.storage.Storage.get_valid_name' },
        { title: 'Django security release of May 2021 (CVE-2021-31542)', url: 'https://www.djangoproject.com/weblog/2021/may/04/security-releases/' },
        { title: 'OWASP File Upload Cheat Sheet: File name sanitization', url: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html#filename-sanitization' },
        { title: 'CWE-73: External Control of File Name or Path', url: 'https://cwe.mitre.org/data/definitions/73.html' },
      ],
      limitations:
        'Whether a model field is set by users is guessed from its name: ids, slugs and dates are assumed ' +
        'server-set, anything else user-set. Callables defined outside the modules kept for project analysis, ' +
        'built by factories (`functools.partial`, a function returning a function) or chosen at run time are ' +
        'not followed. One finding per callable, however many fields use it.',
    },
  },
  check(context) {
    const index = uploadIndex(context.project);
    const seen = new Set<PyNode>();
    for (const upload of index.fields) {
      if (upload.kind !== 'model' || !upload.uploadTo) continue;
      const target = uploadToTarget(upload.uploadTo, upload.module, upload.path, index.judge);
      if (!target || seen.has(target.fn)) continue;
      seen.add(target.fn);
      const { module, instance, filename } = target;
      const leaf = (node: PyNode): PathSource<Kind> | undefined => {
        if (node.type === 'identifier') {
          const name = module.text(node);
          if (name === filename) return { kind: 'filename', node };
          // `f"{instance}/..."`: the model's str(), usually a title or name.
          return name === instance ? { kind: 'field', node } : undefined;
        }
        if (node.type !== 'attribute' || instance === undefined) return undefined;
        const chain = module.dottedChain(node);
        if (!chain || chain.length < 2 || chain[0] !== instance) return undefined;
        const names = chain.slice(1);
        if (names.some((name) => name.startsWith('_'))) return undefined;
        const last = names.at(-1)!;
        if (SERVER_SET.test(last)) return undefined;
        return { kind: IDENTITY.test(last) ? 'identity' : 'field', node };
      };
      const problems: Array<{ node: PyNode; kind: Kind }> = [];
      for (const expression of returnedExpressions(target.fn)) {
        for (const placed of placedValues(pathPieces(expression, { module, leaf }))) {
          if (placed.source.kind === 'filename' && !placed.directory) continue;
          if (!problems.some((p) => p.node === placed.source.node)) problems.push({ node: placed.source.node, kind: placed.source.kind });
        }
      }
      const first = problems[0];
      if (!first) continue;
      const describe = (p: { node: PyNode; kind: Kind }): string => {
        const text = `\`${abbreviate(module.text(p.node), 40)}\``;
        if (p.kind === 'field') return `${text} (a model field users may set: a "/" in it creates directories)`;
        if (p.kind === 'identity') return `${text} (the user's name: predictable, and reused after a rename)`;
        return `${text} (the client's file name, used as a directory, which Django does not clean)`;
      };
      const severity: Severity = problems.some((p) => p.kind === 'field') ? 'medium' : 'low';
      const confidence: Confidence = problems.every((p) => p.kind === 'filename') ? 'high' : 'medium';
      context.report({
        at: { module, path: target.path, node: first.node },
        message: `${target.label} builds the storage path from ${problems.map(describe).join(', ')}`,
        severity,
        confidence,
      });
    }
  },
});
