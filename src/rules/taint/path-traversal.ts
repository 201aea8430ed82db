import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import type { CallView, SinkArgument, SinkMatch } from '../../taint/spec.js';

/** A path argument: its position and keyword name. */
type Slot = readonly [index: number, keyword: string];

/** Functions (qualified) whose arguments name files or directories, and which of their arguments do. */
const PATH_FUNCTIONS: ReadonlyMap<string, readonly Slot[]> = new Map<string, readonly Slot[]>([
  ['open', [[0, 'file']]],
  ['io.open', [[0, 'file']]],
  ['io.FileIO', [[0, 'file']]],
  ['codecs.open', [[0, 'filename']]],
  ['os.open', [[0, 'path']]],
  ['os.remove', [[0, 'path']]],
  ['os.unlink', [[0, 'path']]],
  ['os.rmdir', [[0, 'path']]],
  ['os.removedirs', [[0, 'name']]],
  ['os.mkdir', [[0, 'path']]],
  ['os.makedirs', [[0, 'name']]],
  ['os.listdir', [[0, 'path']]],
  ['os.scandir', [[0, 'path']]],
  ['os.walk', [[0, 'top']]],
  ['os.stat', [[0, 'path']]],
  ['os.lstat', [[0, 'path']]],
  ['os.chmod', [[0, 'path']]],
  ['os.chown', [[0, 'path']]],
  ['os.truncate', [[0, 'path']]],
  ['os.rename', [[0, 'src'], [1, 'dst']]],
  ['os.renames', [[0, 'old'], [1, 'new']]],
  ['os.replace', [[0, 'src'], [1, 'dst']]],
  ['os.symlink', [[0, 'src'], [1, 'dst']]],
  ['os.link', [[0, 'src'], [1, 'dst']]],
  ['shutil.copy', [[0, 'src'], [1, 'dst']]],
  ['shutil.copy2', [[0, 'src'], [1, 'dst']]],
  ['shutil.copyfile', [[0, 'src'], [1, 'dst']]],
  ['shutil.copytree', [[0, 'src'], [1, 'dst']]],
  ['shutil.move', [[0, 'src'], [1, 'dst']]],
  ['shutil.rmtree', [[0, 'path']]],
  ['shutil.chown', [[0, 'path']]],
  ['shutil.make_archive', [[0, 'base_name'], [2, 'root_dir']]],
  ['shutil.unpack_archive', [[0, 'filename'], [1, 'extract_dir']]],
  ['tarfile.open', [[0, 'name']]],
  ['tarfile.TarFile', [[0, 'name']]],
  ['zipfile.ZipFile', [[0, 'file']]],
  // File-serving helpers: they send whatever file the path names.
  ['flask.send_file', [[0, 'path_or_file']]],
  ['werkzeug.utils.send_file', [[0, 'path_or_file']]],
  ['django_sendfile.sendfile', [[1, 'filename']]],
  ['sendfile.sendfile', [[1, 'filename']]],
]);

/**
 * `pathlib.Path` methods that touch the file system at the receiver's path, with the extra path arguments they take.
 * The first group is named specifically enough to be a path operation on any receiver (medium confidence when the
 * receiver is not visibly a `Path`); the second only counts on a receiver known to be a `Path`.
 */
const PATH_METHODS: ReadonlyMap<string, readonly Slot[]> = new Map<string, readonly Slot[]>([
  ['read_text', []],
  ['read_bytes', []],
  ['write_text', []],
  ['write_bytes', []],
  ['iterdir', []],
  ['unlink', []],
  ['rmdir', []],
  ['touch', []],
  ['mkdir', []],
  ['symlink_to', [[0, 'target']]],
  ['hardlink_to', [[0, 'target']]],
]);
const AMBIGUOUS_PATH_METHODS: ReadonlyMap<string, readonly Slot[]> = new Map<string, readonly Slot[]>([
  ['open', []],
  ['rename', [[0, 'target']]],
  ['replace', [[0, 'target']]],
  ['chmod', []],
  ['stat', []],
]);

/** Django storage methods taking a storage name. */
const STORAGE_METHODS = new Set(['open', 'save', 'delete']);

const PATHLIB_CLASSES = /^pathlib\.(Pure)?(Posix|Windows)?Path$/;
const PATHLIB_TYPES = /^pathlib\.(Pure)?(Posix|Windows)?Path\(\)/;
const STORAGE_TYPES = /^django\.core\.files\.storage\.(default_storage$|storages\[\]$|\w*Storage\(\)$)/;

/**
 * `base / name` is a path built with pathlib's `/` operator: its operands are the path's parts. (The analysis does
 * not propagate data through `/`, so the operands are checked one by one.)
 */
function pathParts(module: PythonModule, node: PyNode): PyNode[] {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.children[0]) current = current.children[0];
  if (current.type === 'binary_operator' && current.ops?.[0] === '/') {
    const left = field(current, 'left');
    const right = field(current, 'right');
    return [...(left ? pathParts(module, left) : []), ...(right ? pathParts(module, right) : [])];
  }
  // `(base / name).resolve()`, `base.joinpath(name)`: the parts of the receiver and the added parts.
  const fn = current.type === 'call' ? field(current, 'function') : undefined;
  const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
  if (fn && object && DERIVED_PATH_METHODS.has(module.text(field(fn, 'attribute')!)) && isPathExpression(module, object)) {
    const added = module.positionalArgs(current);
    return [...pathParts(module, object), ...added.flatMap((argument) => pathParts(module, argument))];
  }
  return [current];
}

/** `Path` methods whose result is a path derived from the receiver (and from their arguments). */
const DERIVED_PATH_METHODS = new Set(['resolve', 'absolute', 'expanduser', 'joinpath', 'with_name', 'with_suffix', 'with_stem']);

/** Is the node visibly a `pathlib.Path`: `Path(...)`, `base / name`, `Path(...).parent`? */
function isPathExpression(module: PythonModule, node: PyNode): boolean {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.children[0]) current = current.children[0];
  if (current.type === 'binary_operator' && current.ops?.[0] === '/') return true;
  if (current.type === 'call') {
    const callee = module.qualifiedName(current);
    if (callee !== null && PATHLIB_CLASSES.test(callee)) return true;
    // Path(...).resolve(), .with_suffix(...), .joinpath(...)
    const fn = field(current, 'function');
    const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
    return object !== undefined && DERIVED_PATH_METHODS.has(module.text(field(fn!, 'attribute')!)) && isPathExpression(module, object);
  }
  if (current.type === 'attribute' && module.text(field(current, 'attribute')!) === 'parent') {
    const object = field(current, 'object');
    return object !== undefined && isPathExpression(module, object);
  }
  return false;
}

function slotArguments(call: CallView, slots: readonly Slot[]): SinkArgument[] {
  const out: SinkArgument[] = [];
  for (const [index, keyword] of slots) {
    const node = call.argument(index, keyword);
    if (node) for (const part of pathParts(call.module, node)) out.push({ node: part });
  }
  return out;
}

/** Uploaded file objects are not paths: only text counts (the upload's `name`, a query parameter). */
const TEXT_ONLY = ['data'] as const;

function sink(args: SinkArgument[], note: string, maxConfidence?: 'medium' | 'low'): SinkMatch | undefined {
  if (args.length === 0) return undefined;
  return { args, note, accepts: [...TEXT_ONLY], ...(maxConfidence ? { maxConfidence } : {}) };
}

function storageMatch(call: CallView): SinkMatch | undefined {
  const method = call.method;
  if (!method || !STORAGE_METHODS.has(method)) return undefined;
  const callee = call.callee ?? '';
  const isStorage = /^django\.core\.files\.storage\.default_storage\.\w+$/.test(callee) || call.receiverTypes.some((type) => STORAGE_TYPES.test(type));
  if (!isStorage) return undefined;
  const name = call.argument(0, 'name');
  return name
    ? sink([{ node: name }], `storage name passed to Storage.${method}() (Django keeps it inside the storage's root)`, 'low')
    : undefined;
}

function pathMethodMatch(call: CallView): SinkMatch | undefined {
  const method = call.method;
  const receiver = call.receiver;
  if (!method || !receiver) return undefined;
  const specific = PATH_METHODS.get(method);
  const ambiguous = AMBIGUOUS_PATH_METHODS.get(method);
  if (!specific && !ambiguous) return undefined;
  const known = call.receiverTypes.some((type) => PATHLIB_TYPES.test(type)) || isPathExpression(call.module, receiver);
  if (!known && !specific) return undefined;
  const args = [...pathParts(call.module, receiver).map((node) => ({ node })), ...slotArguments(call, specific ?? ambiguous ?? [])];
  return sink(args, `path of Path.${method}()`, known ? undefined : 'medium');
}

export default defineTaintRule({
  meta: {
    code: 'TNT008',
    name: 'path-traversal',
    family: 'taint',
    severity: 'high',
    confidence: 'high',
    cwe: [22, 73],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'Request data reaches a file-system path: open(), os and shutil file functions, pathlib.Path methods, archives or file-serving helpers.',
    fix: 'Never build file paths from request values: look the file up by an id, or keep only os.path.basename() / get_valid_filename() of the name and join it to a fixed directory.',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments, ' +
        'uploaded file names, the `filename` argument of `upload_to` callables) through assignments, string and path ' +
        'building (`os.path.join()`, f-strings, `pathlib` `/`), helper functions and other modules, and reports it ' +
        'when it becomes a path the code opens, reads, writes, lists, moves or deletes: `open()` / `io.open()` / ' +
        '`codecs.open()`, the `os` functions (`remove`, `unlink`, `rmdir`, `removedirs`, `mkdir`, `makedirs`, ' +
        '`rename`, `replace`, `listdir`, `scandir`, `walk`, `stat`, `chmod`, `chown`, `symlink`, `link`), `shutil` ' +
        '(`copy*`, `copytree`, `move`, `rmtree`, `make_archive`, `unpack_archive`), `pathlib.Path` methods ' +
        '(`open`, `read_text`, `read_bytes`, `write_text`, `write_bytes`, `unlink`, `rmdir`, `mkdir`, `touch`, ' +
        '`rename`, `replace`, `iterdir`), `tarfile.open()`, `zipfile.ZipFile()` and file-serving helpers ' +
        '(`send_file`, `django-sendfile`). Names passed to Django storages (`default_storage.open()`, `save()`, ' +
        '`delete()`) are reported at low confidence. A name reduced with `os.path.basename()`, ' +
        '`django.utils.text.get_valid_filename()` or `werkzeug.utils.secure_filename()`, a path built with ' +
        '`django.utils._os.safe_join()`, a number, or a value checked against a literal allow-list is not reported.',
      whyItMatters:
        'A path segment such as `../../../etc/passwd`, `..%2f..%2fsettings.py` (after URL decoding) or an absolute ' +
        'path (`os.path.join("/srv/media", "/etc/passwd")` returns `/etc/passwd`) lets a client read files the web ' +
        'server can read (settings with `SECRET_KEY`, database credentials, SSH keys), overwrite files it can write ' +
        '(templates, `.py` modules that run on the next reload) or delete whole directories. Uploaded files are ' +
        'stored where the attacker chose, possibly as `.htaccess` or inside the static root.',
      example: {
        bad:
          'def download(request):\n' +
          '    name = request.GET["file"]\n' +
          '    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, "reports", name), "rb"))',
        good:
          'def download(request, pk):\n' +
          '    report = get_object_or_404(Report, pk=pk, owner=request.user)\n' +
          '    return FileResponse(report.file.open("rb"))\n' +
          '\n' +
          '# or, when a name must come from the client:\n' +
          'def download_by_name(request):\n' +
          '    name = os.path.basename(request.GET["file"])\n' +
          '    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, "reports", name), "rb"))',
      },
      howToFix:
        'Identify files by a database id and keep their paths server-side (a `FileField` stores the name for you). ' +
        'When a client-supplied name is unavoidable, keep only its last component (`os.path.basename()`, ' +
        '`get_valid_filename()`) and join it to a fixed directory, or use `django.utils._os.safe_join(root, name)`, ' +
        'which raises `SuspiciousFileOperation` when the result escapes `root`. For downloads, check that the user ' +
        'may see the file, and let the web server send it (`X-Sendfile` / `X-Accel-Redirect`) from a dedicated ' +
        'directory. For uploads, let `FileField` and the storage generate names (`upload_to`, `get_available_name`).',
      references: [
        { title: 'Django: File uploads', url: 'https://docs.djangoproject.com/en/stable/topics/http/file-uploads/' },
        { title: 'Django: Managing files (storages)', url: 'https://docs.djangoproject.com/en/stable/topics/files/' },
        { title: 'Django security: User-uploaded content', url: 'https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content' },
        { title: 'CWE-22: Path Traversal', url: 'https://cwe.mitre.org/data/definitions/22.html' },
        { title: 'OWASP: Path Traversal', url: 'https://owasp.org/www-community/attacks/Path_Traversal' },
        { title: 'OWASP File Upload Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html' },
        { title: 'CodeQL: py/path-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-path-injection/' },
      ],
      limitations:
        'Existence and size probes (`os.path.exists()`, `isfile()`, `getsize()`) are not reported: they disclose ' +
        'whether a file exists but read or change nothing, and they usually precede an operation that is reported. ' +
        'Django already strips directories from the names of uploaded files (`UploadedFile.name` is a basename), so ' +
        'a flow from `request.FILES[...].name` alone can overwrite or create files in the target directory (a ' +
        'chosen name, `.htaccess`, another user\'s file) but not leave it; it is still reported. Django storages ' +
        'confine names to their root (`safe_join`), hence the low confidence for `Storage.open()` / `save()` / ' +
        '`delete()`. A containment check is recognised when the normalised path is kept in a variable and tested: ' +
        '`real = os.path.realpath(p)` (or `abspath`, `normpath`, `Path.resolve()`) then `real.startswith(root)` or ' +
        '`real.is_relative_to(root)` in a condition; the same test written inline on the call is not. Character ' +
        'checks assume a POSIX server: a value that can hold neither `/` nor `.` (a DRF router\'s default ' +
        '`[^/.]+` lookup) cannot leave its directory there, though a backslash could on Windows. `pathlib.Path` ' +
        'methods on a receiver that is not visibly a `Path` are reported at medium confidence, and only for names ' +
        'specific to paths (`read_text`, `unlink`…).',
    },
  },
  sinks: {
    callees: [...PATH_FUNCTIONS.keys(), 'django.core.files.storage.default_storage.open', 'django.core.files.storage.default_storage.save', 'django.core.files.storage.default_storage.delete'],
    methods: [...PATH_METHODS.keys(), ...AMBIGUOUS_PATH_METHODS.keys(), ...STORAGE_METHODS],
    match(call) {
      const slots = call.callee !== null ? PATH_FUNCTIONS.get(call.callee) : undefined;
      if (slots) return sink(slotArguments(call, slots), `path passed to ${call.callee}()`);
      return storageMatch(call) ?? pathMethodMatch(call);
    },
  },
  sanitizers: [
    'os.path.basename',
    'posixpath.basename',
    'ntpath.basename',
    'django.utils.text.get_valid_filename',
    'django.utils._os.safe_join',
    'django.core.files.utils.validate_file_name',
    'django.core.files.storage.default_storage.path',
    'django.core.files.storage.default_storage.get_valid_name',
    'werkzeug.utils.secure_filename',
    'werkzeug.utils.safe_join',
    'werkzeug.security.safe_join',
  ],
  // On the POSIX servers Django runs on, a path leaves its directory only with a slash or a dot (`..`, `/etc`).
  attackCharacters: './',
  containmentCheck: true,
});
