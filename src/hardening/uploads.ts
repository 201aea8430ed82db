/**
 * What the project does with user uploads, for the HRD020–HRD039 rules: every upload field (model, form and DRF
 * serializer `FileField` / `ImageField`) with the checks that apply to it — its `validators=`, the form's
 * `clean_<field>()` or the serializer's `validate_<field>()`, and for a model field the forms and serializers built on
 * the model — each check judged by what its code looks at (the file name's extension, the size, the bytes). Also:
 * web-server request-body limits found in the repository, and whether uploaded media are served from the site's own
 * origin.
 *
 * Built once per scan from `ProjectModel.sources`; anything that cannot be read (a validator from a package, a
 * computed list) counts as a check that may do anything, so that it silences rather than produces findings.
 */
import type { ProjectModel, ProjectModule } from '../project/model.js';
import type { PyNode } from '../python/ast.js';
import { field, walk } from '../python/ast.js';
import { classLineage, describeView } from '../python/django.js';
import { literalString, unwrap } from '../python/expressions.js';
import type { PythonModule } from '../python/module.js';
import { classAssignments, classMethods, knownValues, methodClass, topLevelDefinition } from '../python/scope.js';
import type { SettingsSnapshot } from '../settings/snapshot.js';
import type { Origin, Value } from '../settings/value.js';

// ---------------------------------------------------------------------------------------------------------------
// Which modules are judged.

const TEST_PATH = /(^|\/)(tests?|testing)\/|(^|\/)(test_[^/]*|tests|[^/]*_tests?|conftest)\.py$/;
const MIGRATION_PATH = /(^|\/)migrations\/[^/]+\.py$/;

/** Tests and migrations declare upload fields too, but nobody uploads through them. */
export function isJudgedModule(path: string): boolean {
  return !TEST_PATH.test(path) && !MIGRATION_PATH.test(path);
}

/** The modules upload rules judge, in path order. */
export function judgedSources(project: ProjectModel): ProjectModule[] {
  return [...project.sources.values()].filter((source) => isJudgedModule(source.path)).sort((a, b) => a.path.localeCompare(b.path));
}

// ---------------------------------------------------------------------------------------------------------------
// Upload fields.

export type UploadKind = 'model' | 'form' | 'serializer';

interface FieldClass {
  kind: UploadKind;
  image: boolean;
  /** How the field is written in messages. */
  label: string;
}

const FIELD_CLASSES: ReadonlyMap<string, FieldClass> = new Map<string, FieldClass>([
  ['django.db.models.FileField', { kind: 'model', image: false, label: 'models.FileField' }],
  ['django.db.models.fields.files.FileField', { kind: 'model', image: false, label: 'models.FileField' }],
  ['django.db.models.ImageField', { kind: 'model', image: true, label: 'models.ImageField' }],
  ['django.db.models.fields.files.ImageField', { kind: 'model', image: true, label: 'models.ImageField' }],
  ['django.forms.FileField', { kind: 'form', image: false, label: 'forms.FileField' }],
  ['django.forms.fields.FileField', { kind: 'form', image: false, label: 'forms.FileField' }],
  ['django.forms.ImageField', { kind: 'form', image: true, label: 'forms.ImageField' }],
  ['django.forms.fields.ImageField', { kind: 'form', image: true, label: 'forms.ImageField' }],
  ['rest_framework.serializers.FileField', { kind: 'serializer', image: false, label: 'serializers.FileField' }],
  ['rest_framework.fields.FileField', { kind: 'serializer', image: false, label: 'serializers.FileField' }],
  ['rest_framework.serializers.ImageField', { kind: 'serializer', image: true, label: 'serializers.ImageField' }],
  ['rest_framework.fields.ImageField', { kind: 'serializer', image: true, label: 'serializers.ImageField' }],
]);

/** What the checks of an upload look at. */
export interface Evidence {
  /** The file name's extension, or the content type the client declared (both chosen by the client). */
  extension: boolean;
  /** The size of the file. */
  size: boolean;
  /** The bytes of the file (reading, decoding, sniffing, parsing). */
  content: boolean;
  /** Code ponyguard cannot see (a package, a computed value): it may check anything. */
  unknown: boolean;
}

export function noEvidence(): Evidence {
  return { extension: false, size: false, content: false, unknown: false };
}

function merge(into: Evidence, from: Evidence): Evidence {
  into.extension ||= from.extension;
  into.size ||= from.size;
  into.content ||= from.content;
  into.unknown ||= from.unknown;
  return into;
}

export interface UploadCheck {
  /** For messages: `validators=[...]`, `clean_image()`, `ProductImageForm.clean_image()`. */
  label: string;
  evidence: Evidence;
}

export interface UploadField {
  kind: UploadKind;
  /** An ImageField: Django's form field (used by ModelForms and DRF) opens the file with Pillow. */
  image: boolean;
  label: string;
  path: string;
  module: PythonModule;
  call: PyNode;
  /** The class declaring the field, and the field's name, when the declaration has the usual shape. */
  cls?: PyNode;
  className?: string;
  name?: string;
  /** The `upload_to=` argument of a model field. */
  uploadTo?: PyNode;
  /** The checks found for the field: its own validators and methods, then those of related forms or the model. */
  checks: UploadCheck[];
  /** The union of the checks' evidence. */
  evidence: Evidence;
}

/** `validators=`: its items; [] for none (absent or empty); null when the expression cannot be read. */
function validatorItems(call: PyNode, module: PythonModule): PyNode[] | null {
  const argument = module.keywordArg(call, 'validators');
  // `FileField(**options)` may pass validators.
  if (!argument) return field(call, 'arguments')?.children.some((c) => c.type === 'dictionary_splat') ? null : [];
  const resolved = resolveCollection(argument, module, 0);
  return resolved ? resolved.items : null;
}

/** A list, tuple or set literal, directly or through module-level or local names. */
function resolveCollection(input: PyNode, module: PythonModule, depth: number): { node: PyNode; items: PyNode[] } | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(input);
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'set') {
    return { node, items: node.children.filter((c) => c.type !== 'comment') };
  }
  if (node.type === 'identifier') {
    const values = knownValues(node, module);
    if (values?.length === 1) return resolveCollection(values[0]!, module, depth + 1);
  }
  return undefined;
}

/** Is the keyword argument set to the literal True? */
function keywordTrue(call: PyNode, module: PythonModule, name: string): boolean {
  const value = module.keywordArg(call, name);
  const literal = value ? module.literal(value) : undefined;
  return literal?.kind === 'bool' && literal.value;
}

function keywordFalse(call: PyNode, module: PythonModule, name: string): boolean {
  const value = module.keywordArg(call, name);
  const literal = value ? module.literal(value) : undefined;
  return literal?.kind === 'bool' && !literal.value;
}

// ---------------------------------------------------------------------------------------------------------------
// Judging validators and validation methods by their code.

const FILE_EXTENSION_VALIDATOR = 'django.core.validators.FileExtensionValidator';
const EXTENSION_VALIDATORS = new Set(['django.core.validators.validate_image_file_extension', 'django.core.validators.get_available_image_extensions', 'mimetypes.guess_type', 'mimetypes.guess_extension', FILE_EXTENSION_VALIDATOR]);
/** Packages whose functions look at the bytes (they sniff, decode or parse the file). */
const CONTENT_PACKAGES = /^(PIL|magic|filetype|imghdr|puremagic|fleep|clamd|pyclamd|django_clamd|sndhdr|zipfile|tarfile|yaml|json|csv|xml|defusedxml|lxml|openpyxl|xlrd|pypdf|PyPDF2|fitz|docx|wand|cv2|pydub|mutagen|hashlib)(\.|$)/;
const CONTENT_CALLS = new Set(['django.core.files.images.get_image_dimensions', 'django.core.files.images.ImageFile']);
/** Modules whose calls neither check anything about the file nor hide code ponyguard cannot judge. */
const NEUTRAL_PACKAGES = /^(django|rest_framework|os|posixpath|ntpath|pathlib|re|string|logging|math|datetime|time|uuid|typing|functools|itertools|collections|gettext|secrets|decimal|io|sys|warnings|operator|enum|dataclasses|textwrap|unicodedata|codecs)(\.|$)/;
const CONTENT_ATTRIBUTES = new Set(['read', 'chunks', 'seek', 'readline', 'readlines', 'temporary_file_path', 'file', 'multiple_chunks', 'getvalue', 'getbuffer']);
const EXTENSION_ATTRIBUTES = new Set(['content_type', 'suffix', 'suffixes', 'splitext', 'endswith', 'guess_type']);
const SIZE_ATTRIBUTES = new Set(['size', 'getsize', 'st_size']);
const MAX_DEPTH = 4;

export interface Definition {
  kind: 'function' | 'class' | 'value';
  node: PyNode;
  module: PythonModule;
  path: string;
}

/** Resolves names to the project's definitions and judges checks by their code. Memoized per scan. */
export class UploadJudge {
  /** Parsed project modules by dotted name. */
  readonly modulesByName = new Map<string, ProjectModule>();
  private readonly bodies = new Map<PyNode, Evidence>();
  private readonly pathOf = new Map<PythonModule, string>();

  constructor(project: ProjectModel) {
    for (const source of project.sources.values()) {
      this.pathOf.set(source.module, source.path);
      const name = source.module.identity.moduleName;
      if (name) this.modulesByName.set(name, source);
    }
  }

  /** Root-relative path of a parsed project module. */
  path(module: PythonModule): string | undefined {
    return this.pathOf.get(module);
  }

  /** The definition a name or attribute chain stands for: a function, class or module-level value of the project. */
  definition(input: PyNode, module: PythonModule): Definition | undefined {
    const node = unwrap(input);
    if (node.type === 'identifier') {
      const name = module.text(node);
      if (!module.binding(name, node)) {
        const local = this.inModule(module, name);
        if (local) return local;
      }
    }
    const qualified = node.type === 'identifier' || node.type === 'attribute' ? module.qualifiedName(node) : null;
    return qualified ? this.qualified(qualified) : undefined;
  }

  /** A project definition by qualified name (`catalog.validators.validate_image_size`). */
  qualified(qualified: string): Definition | undefined {
    const dot = qualified.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const source = this.modulesByName.get(qualified.slice(0, dot));
    return source ? this.inModule(source.module, qualified.slice(dot + 1)) : undefined;
  }

  /** A top-level function or class of a module, or the value last assigned to a module-level name. */
  private inModule(module: PythonModule, name: string): Definition | undefined {
    const path = this.pathOf.get(module) ?? '';
    const definition = topLevelDefinition(module, name);
    if (definition) return { kind: definition.type === 'class_definition' ? 'class' : 'function', node: definition, module, path };
    let value: PyNode | undefined;
    for (const statement of module.topLevelStatements()) {
      const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (assignment?.type !== 'assignment') continue;
      const left = field(assignment, 'left');
      if (left?.type === 'identifier' && module.text(left) === name) value = field(assignment, 'right');
    }
    return value ? { kind: 'value', node: value, module, path } : undefined;
  }

  /** What one entry of `validators=[...]` looks at. */
  validator(input: PyNode, module: PythonModule, depth = 0): Evidence {
    const node = unwrap(input);
    if (depth > MAX_DEPTH) return { ...noEvidence(), unknown: true };
    if (node.type === 'lambda') {
      const body = field(node, 'body');
      return body ? this.code(body, module, undefined, depth + 1) : noEvidence();
    }
    if (node.type === 'call') {
      const qualified = module.qualifiedName(node);
      if (qualified === FILE_EXTENSION_VALIDATOR) return { ...noEvidence(), extension: true };
      const callee = field(node, 'function');
      const definition = callee ? this.definition(callee, module) : undefined;
      if (definition?.kind === 'class') return this.validatorClass(definition, depth + 1);
      if (definition?.kind === 'function') return this.body(definition.node, definition.module, depth + 1);
      if (qualified && NEUTRAL_PACKAGES.test(qualified)) return noEvidence();
      return { ...noEvidence(), unknown: true };
    }
    if (node.type === 'identifier' || node.type === 'attribute') {
      const qualified = module.qualifiedName(node);
      if (qualified && EXTENSION_VALIDATORS.has(qualified)) return { ...noEvidence(), extension: true };
      const definition = this.definition(node, module);
      if (definition?.kind === 'function') return this.body(definition.node, definition.module, depth + 1);
      if (definition?.kind === 'value') return this.validator(definition.node, definition.module, depth + 1);
      if (definition?.kind === 'class') return this.validatorClass(definition, depth + 1);
      if (qualified && NEUTRAL_PACKAGES.test(qualified)) return noEvidence();
      return { ...noEvidence(), unknown: true };
    }
    return { ...noEvidence(), unknown: true };
  }

  /** A validator class: its `__call__`, or FileExtensionValidator's behaviour when it only subclasses that. */
  private validatorClass(definition: Definition, depth: number): Evidence {
    const lineage = classLineage(definition.node, definition.module);
    for (const cls of lineage.classes) {
      const call = classMethods(cls).find((method) => definition.module.definitionName(method) === '__call__');
      if (call) return this.body(call, definition.module, depth);
    }
    if (lineage.external.includes(FILE_EXTENSION_VALIDATOR)) return { ...noEvidence(), extension: true };
    return { ...noEvidence(), unknown: true };
  }

  /** What a function's code looks at (memoized). */
  body(fn: PyNode, module: PythonModule, depth = 0): Evidence {
    const cached = this.bodies.get(fn);
    if (cached) return cached;
    // Recursion (a validator calling itself) sees an empty result rather than looping.
    this.bodies.set(fn, noEvidence());
    const body = field(fn, 'body');
    const evidence = body ? this.code(body, module, methodClass(fn), depth) : noEvidence();
    this.bodies.set(fn, evidence);
    return evidence;
  }

  /** What a piece of code looks at: attributes it reads and functions it calls (project ones followed). */
  code(root: PyNode, module: PythonModule, cls: PyNode | undefined, depth: number): Evidence {
    const evidence = noEvidence();
    walk(root, (node) => {
      if (node.type === 'attribute') {
        const name = field(node, 'attribute');
        const text = name ? module.text(name) : '';
        if (SIZE_ATTRIBUTES.has(text)) evidence.size = true;
        else if (CONTENT_ATTRIBUTES.has(text)) evidence.content = true;
        else if (EXTENSION_ATTRIBUTES.has(text)) evidence.extension = true;
        return undefined;
      }
      if (node.type !== 'call') return undefined;
      const callee = field(node, 'function');
      if (!callee) return undefined;
      if (callee.type === 'identifier' && module.text(callee) === 'len') {
        // `len(file.read())`: the size of the data (not `len(SIGNATURE)`).
        if (/\b(read|getvalue|getbuffer)\(/.test(module.text(field(node, 'arguments') ?? node))) evidence.size = true;
        return undefined;
      }
      const qualified = module.qualifiedName(node);
      if (qualified !== null) {
        if (EXTENSION_VALIDATORS.has(qualified)) evidence.extension = true;
        else if (CONTENT_CALLS.has(qualified) || CONTENT_PACKAGES.test(qualified)) evidence.content = true;
        else if (depth < MAX_DEPTH) {
          const definition = this.qualified(qualified);
          if (definition?.kind === 'function') merge(evidence, this.body(definition.node, definition.module, depth + 1));
          else if (definition?.kind === 'class' || definition?.kind === 'value') merge(evidence, this.validator(node, module, depth + 1));
          // Python's builtins resolve to bare names (`isinstance`); other names are a package's, not seen.
          else if (!NEUTRAL_PACKAGES.test(qualified) && qualified.includes('.')) evidence.unknown = true;
        }
        return undefined;
      }
      // A function of the same module, or a method of the same class (`self.check_type(f)`).
      if (depth >= MAX_DEPTH) return undefined;
      if (callee.type === 'identifier') {
        const definition = this.definition(callee, module);
        if (definition?.kind === 'function') merge(evidence, this.body(definition.node, definition.module, depth + 1));
        else if (definition?.kind === 'class') merge(evidence, this.validatorClass(definition, depth + 1));
      } else if (callee.type === 'attribute' && cls) {
        const object = field(callee, 'object');
        const attribute = field(callee, 'attribute');
        if (object?.type === 'identifier' && module.text(object) === 'self' && attribute) {
          const method = methodNamed(cls, module.text(attribute), module);
          if (method) merge(evidence, this.body(method, module, depth + 1));
        }
      }
      return undefined;
    });
    return evidence;
  }
}

function methodNamed(cls: PyNode, name: string, module: PythonModule): PyNode | undefined {
  return classMethods(cls).find((method) => module.definitionName(method) === name);
}

/** A method of a class or of its base classes defined in the same file. */
function lineageMethod(cls: PyNode, name: string, module: PythonModule): PyNode | undefined {
  for (const c of classLineage(cls, module).classes) {
    const method = methodNamed(c, name, module);
    if (method) return method;
  }
  return undefined;
}

/** Does the code mention the field, as `"name"` (a form's cleaned_data key) or `self.name` (a model)? */
function mentionsField(root: PyNode, name: string, module: PythonModule): boolean {
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if (node.type === 'string' && literalString(node, module) === name) found = true;
    else if (node.type === 'attribute') {
      const object = field(node, 'object');
      const attribute = field(node, 'attribute');
      if (object && attribute && module.text(object) === 'self' && module.text(attribute) === name) found = true;
    }
    return undefined;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// The index.

/** A class with `class Meta: model = X` (a ModelForm or ModelSerializer): the model's name and the listed fields. */
interface ModelBound {
  cls: PyNode;
  module: PythonModule;
  path: string;
  kind: 'form' | 'serializer';
  model: string;
  /** The model fields it exposes; null for `"__all__"` or a list that cannot be read. */
  fields: string[] | null;
  exclude: string[];
}

export interface UploadIndex {
  judge: UploadJudge;
  /** Upload fields of judged modules, in path and line order. */
  fields: UploadField[];
  /** Forms and serializers that receive uploads: those declaring upload fields, and ModelForms / ModelSerializers of models with one. */
  uploadClasses: Set<PyNode>;
}

const indexes = new WeakMap<ProjectModel, UploadIndex>();

/** The upload fields of a project with their checks (built once per scan). */
export function uploadIndex(project: ProjectModel): UploadIndex {
  const cached = indexes.get(project);
  if (cached) return cached;
  const judge = new UploadJudge(project);
  const fields: UploadField[] = [];
  const bound: ModelBound[] = [];
  for (const source of judgedSources(project)) {
    const { module, path } = source;
    walk(module.root, (node) => {
      if (node.type === 'class_definition') {
        const meta = modelBinding(node, module, path);
        if (meta) bound.push(meta);
        return undefined;
      }
      if (node.type !== 'call') return undefined;
      const qualified = module.qualifiedName(node);
      const fieldClass = qualified ? FIELD_CLASSES.get(qualified) : undefined;
      if (!fieldClass) return undefined;
      const upload = uploadField(node, module, path, fieldClass, judge);
      if (upload) fields.push(upload);
      return undefined;
    });
  }
  // Related checks: a ModelForm's or ModelSerializer's checks of a model field, and the model's checks of a
  // ModelForm's field. Own checks are collected first, so that sharing cannot chain.
  const own = new Map(fields.map((f) => [f, [...f.checks]] as const));
  const modelFields = new Map<string, UploadField>();
  for (const f of fields) if (f.kind === 'model' && f.className && f.name) modelFields.set(`${f.className}.${f.name}`, f);
  for (const binding of bound) {
    const bindingName = binding.module.definitionName(binding.cls) ?? '?';
    for (const modelField of fields) {
      if (modelField.kind !== 'model' || modelField.className !== binding.model || !modelField.name) continue;
      const name = modelField.name;
      if (binding.exclude.includes(name) || (binding.fields !== null && !binding.fields.includes(name))) continue;
      // The ModelForm / ModelSerializer's own declaration of the field, and its methods for it.
      const declared = fields.find((f) => f.cls === binding.cls && f.name === name);
      for (const check of declared ? (own.get(declared) ?? []) : classChecks(binding.cls, binding.module, name, binding.kind, judge)) {
        modelField.checks.push({ ...check, label: `${bindingName}.${check.label}` });
      }
      // A ModelForm runs the model field's validators on its own field too (the instance's full_clean()); DRF does
      // not for a field the serializer declares itself.
      if (declared && binding.kind === 'form') {
        for (const check of own.get(modelField) ?? []) declared.checks.push({ ...check, label: `${binding.model}.${name}: ${check.label}` });
      }
    }
  }
  for (const f of fields) f.evidence = f.checks.reduce((acc, check) => merge(acc, check.evidence), noEvidence());
  const uploadClasses = new Set<PyNode>();
  for (const f of fields) if (f.cls && f.kind !== 'model') uploadClasses.add(f.cls);
  for (const binding of bound) if (fields.some((f) => f.kind === 'model' && f.className === binding.model)) uploadClasses.add(binding.cls);
  const index = { judge, fields, uploadClasses };
  indexes.set(project, index);
  return index;
}

function uploadField(call: PyNode, module: PythonModule, path: string, fieldClass: FieldClass, judge: UploadJudge): UploadField | undefined {
  // Fields nobody can upload to: not editable, disabled, read-only.
  if (fieldClass.kind === 'model' && keywordFalse(call, module, 'editable')) return undefined;
  if (fieldClass.kind === 'form' && keywordTrue(call, module, 'disabled')) return undefined;
  if (fieldClass.kind === 'serializer' && keywordTrue(call, module, 'read_only')) return undefined;
  const where = declaration(call, module);
  const upload: UploadField = { ...fieldClass, path, module, call, checks: [], evidence: noEvidence(), ...where };
  const uploadTo = module.keywordArg(call, 'upload_to');
  if (uploadTo) upload.uploadTo = uploadTo;
  const items = validatorItems(call, module);
  if (items === null) upload.checks.push({ label: 'validators=…', evidence: { ...noEvidence(), unknown: true } });
  else {
    for (const item of items) upload.checks.push({ label: `validator \`${module.text(item)}\``, evidence: judge.validator(item, module) });
  }
  if (where.cls && where.name) upload.checks.push(...classChecks(where.cls, module, where.name, fieldClass.kind, judge));
  return upload;
}

/** The validation methods of a class for one field: `clean_<name>()` / `validate_<name>()`, and `clean()` / `validate()` when they visibly check it. */
function classChecks(cls: PyNode, module: PythonModule, name: string, kind: UploadKind, judge: UploadJudge): UploadCheck[] {
  const out: UploadCheck[] = [];
  const perField = kind === 'form' ? `clean_${name}` : kind === 'serializer' ? `validate_${name}` : undefined;
  const perFieldMethod = perField ? lineageMethod(cls, perField, module) : undefined;
  if (perField && perFieldMethod) out.push({ label: `${perField}()`, evidence: judge.body(perFieldMethod, module) });
  const whole = kind === 'serializer' ? 'validate' : 'clean';
  const wholeMethod = lineageMethod(cls, whole, module);
  if (wholeMethod && mentionsField(wholeMethod, name, module)) {
    const evidence = judge.body(wholeMethod, module);
    // `clean()` usually checks other fields; it counts only when it looks at a file's extension, size or bytes.
    if (evidence.extension || evidence.size || evidence.content) out.push({ label: `${whole}()`, evidence: { ...evidence, unknown: false } });
  }
  return out;
}

/** The class body assignment `name = Field(...)`, or `self.fields["name"] = Field(...)` in a method. */
function declaration(call: PyNode, module: PythonModule): { cls?: PyNode; className?: string; name?: string } {
  const assignment = call.parent;
  if (assignment?.type !== 'assignment' || field(assignment, 'right') !== call) return {};
  const left = field(assignment, 'left');
  const statement = assignment.parent;
  const block = statement?.parent;
  if (left?.type === 'identifier' && statement?.type === 'expression_statement' && block?.type === 'block' && block.parent?.type === 'class_definition') {
    const cls = block.parent;
    return { cls, className: module.definitionName(cls) ?? '?', name: module.text(left) };
  }
  if (left?.type === 'subscript') {
    const target = field(left, 'value');
    const key = field(left, 'subscript');
    const name = key ? literalString(key, module) : undefined;
    const fn = module.enclosingFunction(call);
    const cls = fn ? methodClass(fn) : undefined;
    if (target && module.text(target) === 'self.fields' && name && cls) return { cls, className: module.definitionName(cls) ?? '?', name };
  }
  return {};
}

/** `class Meta: model = Product; fields = [...]` inside a form or serializer class. */
function modelBinding(cls: PyNode, module: PythonModule, path: string): ModelBound | undefined {
  let meta: PyNode | undefined;
  for (const statement of field(cls, 'body')?.children ?? []) {
    if (statement.type === 'class_definition' && module.definitionName(statement) === 'Meta') meta = statement;
  }
  if (!meta) return undefined;
  const modelAssignment = classAssignments(meta, 'model', module).at(-1);
  const model = modelAssignment ? field(modelAssignment, 'right') : undefined;
  if (!model || (model.type !== 'identifier' && model.type !== 'attribute')) return undefined;
  const modelName = module.text(model).split('.').at(-1)!;
  const external = classLineage(cls, module).external;
  const kind = external.some((base) => base.startsWith('rest_framework.')) ? 'serializer' : 'form';
  const names = (attribute: string): string[] | null | undefined => {
    const assignment = classAssignments(meta, attribute, module).at(-1);
    const value = assignment ? field(assignment, 'right') : undefined;
    if (!value) return undefined;
    const literal = module.literal(value);
    if (literal?.kind === 'list' || literal?.kind === 'tuple') return literal.items.flatMap((item) => (item.kind === 'str' ? [item.value] : []));
    return null;
  };
  const fields = names('fields');
  return { cls, module, path, kind, model: modelName, fields: fields ?? null, exclude: names('exclude') ?? [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Direct reads of request.FILES in views.

export interface DirectUpload {
  path: string;
  module: PythonModule;
  /** The function reading the upload. */
  fn: PyNode;
  /** The first `request.FILES[...]` / `.get()` / `.getlist()` read. */
  node: PyNode;
}

const FILES_READERS = new Set(['get', 'getlist', 'values', 'items', 'lists', 'dict', '__getitem__']);

/**
 * Functions that take uploaded files straight from `request.FILES` instead of handing the whole of `request.FILES`
 * to a form or serializer (whose fields are judged instead).
 */
export function directUploads(project: ProjectModel): DirectUpload[] {
  const out: DirectUpload[] = [];
  for (const { module, path } of judgedSources(project)) {
    const byFunction = new Map<PyNode, { first?: PyNode; whole: boolean }>();
    walk(module.root, (node) => {
      if (node.type !== 'attribute') return undefined;
      const attribute = field(node, 'attribute');
      if (!attribute || module.text(attribute) !== 'FILES') return undefined;
      const fn = module.enclosingFunction(node);
      if (!fn) return undefined;
      let entry = byFunction.get(fn);
      if (!entry) byFunction.set(fn, (entry = { whole: false }));
      const parent = node.parent;
      const read =
        (parent?.type === 'subscript' && field(parent, 'value') === node) ||
        (parent?.type === 'attribute' && field(parent, 'object') === node && FILES_READERS.has(module.text(field(parent, 'attribute')!)) && parent.parent?.type === 'call');
      if (read && parent) entry.first ??= parent.type === 'attribute' ? (parent.parent ?? parent) : parent;
      else entry.whole = true;
      return undefined;
    });
    // Only code that handles a request: a view, or a view's handler method (not, say, a debug page listing files).
    for (const [fn, entry] of byFunction) {
      if (entry.first && !entry.whole && describeView(fn, module, false) !== undefined) out.push({ path, module, fn, node: entry.first });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Web-server configuration in the repository.

export interface ConfigDirective {
  path: string;
  line: number;
  text: string;
}

/** Request-body limits: nginx, Apache, uWSGI (ini, YAML, XML, JSON) and Caddy. A limit of 0 means "unlimited". */
const BODY_LIMITS: ReadonlyArray<RegExp> = [
  /(?:^|[\s;{])client_max_body_size\s+([0-9]+[kKmMgG]?)\s*;/,
  /^\s*LimitRequestBody\s+([0-9]+)/i,
  /^\s*limit[-_]post\s*[=:]\s*"?([0-9]+)/,
  /<limit[-_]post>\s*([0-9]+)/,
  /"limit[-_]post"\s*:\s*"?([0-9]+)/,
  /(?:^|[\s{])max_size\s+([0-9]+\w*)/,
];

/** The body-size limits set by web-server configurations of the repository (a limit of 0 is none). */
export function bodyLimits(project: ProjectModel): ConfigDirective[] {
  const out: ConfigDirective[] = [];
  for (const [path, text] of [...project.textFiles].sort(([a], [b]) => a.localeCompare(b))) {
    let nginxLimitSet = false;
    let nginxPass: ConfigDirective | undefined;
    text.split(/\r?\n/).forEach((line, index) => {
      const code = line.replace(/(^|\s)#.*$/, '');
      if (/(?:^|[\s;{])client_max_body_size\s/.test(code)) nginxLimitSet = true;
      if (!nginxPass && /(?:^|[\s;{])(?:proxy|uwsgi|fastcgi|scgi|grpc)_pass\s+[^;]+;/.test(code)) nginxPass = { path, line: index + 1, text: line.trim() };
      for (const pattern of BODY_LIMITS) {
        const match = pattern.exec(code);
        if (match && !/^0+[kKmMgG]?$/.test(match[1]!)) out.push({ path, line: index + 1, text: line.trim() });
      }
    });
    // nginx in front of the application limits request bodies to 1 MB unless client_max_body_size says otherwise.
    if (nginxPass && !nginxLimitSet) out.push({ ...nginxPass, text: `${nginxPass.text} (nginx's default client_max_body_size: 1m)` });
  }
  return out;
}

/** Headers a web-server configuration adds that stop uploads from rendering as pages: download-only or sandboxed. */
export function renderingMitigations(project: ProjectModel): ConfigDirective[] {
  const out: ConfigDirective[] = [];
  for (const [path, text] of [...project.textFiles].sort(([a], [b]) => a.localeCompare(b))) {
    text.split(/\r?\n/).forEach((line, index) => {
      const code = line.replace(/(^|\s)#.*$/, '');
      if (/Content-Disposition\W+attachment/i.test(code) || /Content-Security-Policy\W[^\n]*\bsandbox\b/i.test(code)) out.push({ path, line: index + 1, text: line.trim() });
    });
  }
  return out;
}

/** The upload handlers Django uses by default; others (a project handler) may cap the size while streaming. */
const DEFAULT_UPLOAD_HANDLERS = new Set(['django.core.files.uploadhandler.MemoryFileUploadHandler', 'django.core.files.uploadhandler.TemporaryFileUploadHandler']);

/** A settings module that installs its own upload handlers (which may enforce a size limit), or undefined. */
export function customUploadHandlers(project: ProjectModel): { snapshot: SettingsSnapshot; handlers: string[] } | undefined {
  for (const snapshot of project.settings) {
    const resolved = snapshot.get('FILE_UPLOAD_HANDLERS');
    if (resolved.source !== 'assigned') continue;
    const handlers = snapshot.strings('FILE_UPLOAD_HANDLERS');
    if (!handlers || handlers.some((handler) => !DEFAULT_UPLOAD_HANDLERS.has(handler))) return { snapshot, handlers: handlers ?? [] };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Where uploaded media are served from.

export interface MediaOrigin {
  /** 'same': the site's own origin; 'other': another host or an object store; 'unknown': no settings to tell. */
  kind: 'same' | 'other' | 'unknown';
  /** Why, for messages. */
  reason: string;
}

const FILE_SYSTEM_STORAGE = 'django.core.files.storage.FileSystemStorage';

/** Where the judged settings modules serve `MEDIA_URL` from: the site's own origin if any of them does. */
export function mediaOrigin(project: ProjectModel): MediaOrigin {
  const verdicts = project.settings.map((snapshot) => originOf(snapshot));
  return verdicts.find((v) => v.kind === 'same') ?? verdicts.find((v) => v.kind === 'unknown') ?? verdicts[0] ?? { kind: 'unknown', reason: 'no production settings module was found to tell where MEDIA_URL points' };
}

function originOf(snapshot: SettingsSnapshot): MediaOrigin {
  const storage = defaultStorage(snapshot);
  if (storage !== undefined && storage !== FILE_SYSTEM_STORAGE) {
    if (/^storages\.backends\.|^cloudinary_storage\.|^gcloud\.|^django_s3_storage\./.test(storage)) {
      return { kind: 'other', reason: `${snapshot.name} stores uploads with ${storage}, served from the storage's own host` };
    }
    return { kind: 'unknown', reason: `${snapshot.name} stores uploads with ${storage}, which ponyguard cannot judge` };
  }
  const media = snapshot.get('MEDIA_URL').value;
  if (media.t !== 'str') return { kind: 'unknown', reason: `MEDIA_URL of ${snapshot.name} is not known statically` };
  const absolute = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/:?#]+)/i.exec(media.v);
  if (!absolute) return { kind: 'same', reason: `MEDIA_URL of ${snapshot.name} is ${JSON.stringify(media.v)}, a path on the site's own origin` };
  const host = absolute[1]!.toLowerCase();
  const allowed = snapshot.strings('ALLOWED_HOSTS') ?? [];
  const matches = allowed.some((entry) => {
    const pattern = entry.toLowerCase();
    return pattern === '*' || pattern === host || (pattern.startsWith('.') && (host === pattern.slice(1) || host.endsWith(pattern)));
  });
  return matches
    ? { kind: 'same', reason: `MEDIA_URL of ${snapshot.name} is on ${host}, a host the site itself answers (ALLOWED_HOSTS)` }
    : { kind: 'other', reason: `MEDIA_URL of ${snapshot.name} is on ${host}, another host than the site's` };
}

/** The default storage backend: `STORAGES["default"]["BACKEND"]` (Django 4.2+) or `DEFAULT_FILE_STORAGE`. */
function defaultStorage(snapshot: SettingsSnapshot): string | undefined {
  const storages = snapshot.get('STORAGES');
  if (storages.source === 'assigned' && storages.value.t === 'dict') {
    const entry = dictEntry(storages.value, 'default');
    const backend = entry ? dictEntry(entry, 'BACKEND') : undefined;
    if (backend?.t === 'str') return backend.v;
  }
  const legacy = snapshot.get('DEFAULT_FILE_STORAGE');
  if (legacy.source === 'assigned' && legacy.value.t === 'str') return legacy.value.v;
  return undefined;
}

function dictEntry(value: Value, key: string): Value | undefined {
  if (value.t !== 'dict') return undefined;
  for (const [k, v] of value.entries) if (k.t === 'str' && k.v === key) return v;
  return undefined;
}

/** The string items of a settings value with where each was written, for settings-held allow-lists. */
export function settingStrings(value: Value): Array<{ value: string; at?: Origin }> | undefined {
  if (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set') return undefined;
  return value.items.flatMap((item) => (item.t === 'str' ? [{ value: item.v, ...(item.src ? { at: item.src } : {}) }] : []));
}
