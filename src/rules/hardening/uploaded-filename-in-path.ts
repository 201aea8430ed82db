import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import { abbreviate, unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { assignedValues } from '../../python/scope.js';
import { pathPieces, type PathSource } from '../../hardening/upload-paths.js';

/** A path argument: its position and keyword name. */
type Slot = readonly [index: number, keyword: string];

/** File operations that create, write or change the file a path names. */
const PATH_FUNCTIONS: ReadonlyMap<string, readonly Slot[]> = new Map<string, readonly Slot[]>([
  ['open', [[0, 'file']]],
  ['io.open', [[0, 'file']]],
  ['io.FileIO', [[0, 'file']]],
  ['codecs.open', [[0, 'filename']]],
  ['os.open', [[0, 'path']]],
  ['os.remove', [[0, 'path']]],
  ['os.unlink', [[0, 'path']]],
  ['os.mkdir', [[0, 'path']]],
  ['os.makedirs', [[0, 'name']]],
  ['os.chmod', [[0, 'path']]],
  ['os.chown', [[0, 'path']]],
  ['os.truncate', [[0, 'path']]],
  ['os.rename', [[1, 'dst']]],
  ['os.renames', [[1, 'new']]],
  ['os.replace', [[1, 'dst']]],
  ['os.symlink', [[1, 'dst']]],
  ['os.link', [[1, 'dst']]],
  ['shutil.copy', [[1, 'dst']]],
  ['shutil.copy2', [[1, 'dst']]],
  ['shutil.copyfile', [[1, 'dst']]],
  ['shutil.move', [[1, 'dst']]],
]);
/** `pathlib.Path` methods that write at the receiver's path. */
const PATH_METHODS = new Set(['write_bytes', 'write_text', 'touch', 'mkdir', 'open', 'rename', 'replace', 'unlink', 'symlink_to', 'hardlink_to']);
const PATH_CLASSES = /^pathlib\.(Pure)?(Posix|Windows)?Path$/;
/** Where uploaded files are read from: `request.FILES`, a form's `cleaned_data`, a serializer's `validated_data`, DRF's `request.data`. */
const UPLOAD_CONTAINERS = /(^|\.)(FILES|cleaned_data|validated_data)$|(^|\.)request\.data$/;

/** Is the expression an uploaded file: `request.FILES["f"]`, `.get("f")`, or a name assigned one (or looping over them)? */
function isUpload(input: PyNode, module: PythonModule, depth: number): boolean {
  if (depth > 6) return false;
  const node = unwrap(input);
  if (node.type === 'subscript') {
    const value = field(node, 'value');
    return value !== undefined && UPLOAD_CONTAINERS.test(module.text(value).replace(/\s+/g, ''));
  }
  if (node.type === 'call') {
    const fn = field(node, 'function');
    const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
    const method = fn?.type === 'attribute' ? module.text(field(fn, 'attribute')!) : '';
    return object !== undefined && method === 'get' && UPLOAD_CONTAINERS.test(module.text(object).replace(/\s+/g, ''));
  }
  if (node.type !== 'identifier') return false;
  const values = assignedValues(node, module) ?? [];
  if (values.some((value) => value !== null && value.start < node.start && isUpload(value, module, depth + 1))) return true;
  return loopsOverUploads(node, module);
}

/** `for f in request.FILES.getlist("files")` / `.values()`: the loop variable is an uploaded file. */
function loopsOverUploads(name: PyNode, module: PythonModule): boolean {
  const fn = module.enclosingFunction(name);
  if (!fn) return false;
  const wanted = module.text(name);
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type !== 'for_statement') return undefined;
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (left?.type !== 'identifier' || module.text(left) !== wanted || right?.type !== 'call') return undefined;
    const callee = field(right, 'function');
    const object = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
    const method = callee?.type === 'attribute' ? module.text(field(callee, 'attribute')!) : '';
    if (object && (method === 'getlist' || method === 'values') && /(^|\.)FILES$/.test(module.text(object))) found = true;
    return undefined;
  });
  return found;
}

/** Is the receiver visibly a `pathlib.Path`: `Path(...)`, `base / name`, or a name assigned one? */
function isPathExpression(input: PyNode, module: PythonModule, depth = 0): boolean {
  if (depth > 6) return false;
  const node = unwrap(input);
  if (node.type === 'binary_operator' && node.ops?.[0] === '/') return true;
  if (node.type === 'call') {
    const qualified = module.qualifiedName(node);
    return qualified !== null && PATH_CLASSES.test(qualified);
  }
  if (node.type === 'identifier') return (assignedValues(node, module) ?? []).some((value) => value !== null && isPathExpression(value, module, depth + 1));
  return false;
}

export default definePythonRule({
  meta: {
    code: 'HRD023',
    name: 'uploaded-filename-in-path',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [73, 434],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: [],
    status: 'preview',
    summary: 'The name the client gave an uploaded file (request.FILES[...].name) becomes part of a path the code writes to.',
    fix: 'Let a FileField and the storage name the file (upload_to, get_available_name()), or generate the name on the server (uuid4() plus a validated extension); never write to a path built from UploadedFile.name.',
    docs: {
      whatItDoes:
        'Within a function, follows the `name` of an uploaded file — `request.FILES["f"].name`, ' +
        '`request.FILES.get("f").name`, a loop over `request.FILES.getlist()`, a form\'s `cleaned_data["f"].name`, ' +
        'a serializer\'s `validated_data["f"].name` — through local variables, `os.path.join()`, `pathlib` `/`, ' +
        'f-strings, `%`, `format()` and `+`, into the path of a file operation that creates or changes a file: ' +
        '`open()`, `os.makedirs()`, `os.chmod()`, `os.rename()` / `replace()` (destination), `shutil.copy*()` / ' +
        '`move()` (destination), `Path.write_bytes()` and the like. A name passed through `os.path.basename()`, ' +
        '`get_valid_filename()` or any other call first is not followed. This rule is the fallback for scans ' +
        'without the data-flow rules: it stays silent when TNT008 (path traversal) runs, which reports the same ' +
        'flows (across functions and modules too).',
      whyItMatters:
        'The client chooses the file name. Django reduces `UploadedFile.name` to its last component, so the file ' +
        'cannot leave the target directory, but inside it the client picks the name: it can overwrite another ' +
        'user\'s file or a file the application relies on (`index.html`, `.htaccess`, a configuration the web ' +
        'server reads), choose an extension the web server executes or renders (`.php`, `.html`, `.svg`), and ' +
        'plant names that break later shell commands or URLs. Django\'s storages avoid all of this ' +
        '(`get_valid_name()` cleans the name, `get_available_name()` never overwrites); hand-written file ' +
        'writes skip them.',
      example: {
        bad: [
          'def upload(request):',
          '    uploaded = request.FILES["document"]',
          '    destination = os.path.join(settings.MEDIA_ROOT, "documents", uploaded.name)',
          '    with open(destination, "wb") as out:',
          '        for chunk in uploaded.chunks():',
          '            out.write(chunk)',
        ].join('\n'),
        good: [
          'def upload(request):',
          '    form = DocumentForm(request.POST, request.FILES)',
          '    if form.is_valid():',
          '        form.save()  # the model\'s FileField, upload_to and storage name the file',
        ].join('\n'),
      },
      howToFix:
        'Save uploads through a model `FileField` (with `upload_to`) or `default_storage.save()`, which clean the ' +
        'name and never overwrite an existing file. If you must write the file yourself, generate the name on ' +
        'the server (`uuid.uuid4().hex` plus an extension from your allow-list) and keep the original name in ' +
        'the database for display.',
      references: [
        { title: 'Django: File uploads', url: 'https://docs.djangoproject.com/en/stable/topics/http/file-uploads/' },
        { title: 'Django: Storage.get_available_name()', url: 'https://docs.djangoproject.com/en/stable/ref/files/storage/#django.core.files.storage.Storage.get_available_name' },
        { title: 'OWASP File Upload Cheat Sheet: File name sanitization', url: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html#filename-sanitization' },
        { title: 'CWE-73: External Control of File Name or Path', url: 'https://cwe.mitre.org/data/definitions/73.html' },
      ],
      limitations:
        'Only flows within one function are followed (TNT008 follows the rest). Silent whenever TNT008 is enabled, ' +
        'so that each flow is reported once. Reads, existence checks and deletions of such paths are left to ' +
        'TNT008.',
    },
  },
  create(context) {
    const { module } = context;
    // The data-flow rule reports these flows (and more); this rule only stands in for it.
    if (context.isEnabled('TNT008')) return {};
    if (!/\b(FILES|cleaned_data|validated_data|data)\b/.test(module.source)) return {};
    const leaf = (node: PyNode): PathSource<'upload'> | undefined => {
      if (node.type !== 'attribute' || module.text(field(node, 'attribute')!) !== 'name') return undefined;
      const object = field(node, 'object');
      return object && isUpload(object, module, 0) ? { kind: 'upload', node } : undefined;
    };
    const check = (call: PyNode, paths: PyNode[], operation: string): void => {
      for (const path of paths) {
        const source = pathPieces(path, { module, leaf }).find((piece) => piece.t === 'value');
        if (source?.t !== 'value') continue;
        const line = module.lines.lineOf(source.source.node.start);
        context.report({
          node: call,
          message: `The client's name for the uploaded file (\`${abbreviate(module.text(source.source.node), 40)}\`, line ${line}) is part of the path passed to ${operation}: the client chooses which file is written`,
        });
        return;
      }
    };
    return {
      call(call) {
        if (!module.enclosingFunction(call)) return;
        const qualified = module.qualifiedName(call);
        const slots = qualified !== null ? PATH_FUNCTIONS.get(qualified) : undefined;
        if (slots) {
          check(call, slots.flatMap(([index, keyword]) => module.argument(call, index, keyword) ?? []), `${qualified}()`);
          return;
        }
        const fn = field(call, 'function');
        const receiver = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
        const method = fn?.type === 'attribute' ? module.text(field(fn, 'attribute')!) : '';
        if (receiver && PATH_METHODS.has(method) && isPathExpression(receiver, module)) check(call, [receiver], `Path.${method}()`);
      },
    };
  },
});
