import type { Confidence } from '../../core/finding.js';
import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import { unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { assignedValues, baseClasses, methodClass, parameterNames } from '../../python/scope.js';
import type { CallView, SinkArgument, SinkMatch } from '../../taint/spec.js';

/** Manager / queryset methods that create or update rows from keyword arguments, and their dict-valued keywords. */
const WRITERS: Record<string, string[]> = {
  create: [],
  get_or_create: ['defaults'],
  update_or_create: ['defaults', 'create_defaults'],
  update: [],
  create_user: [],
  create_superuser: [],
  acreate: [],
  aget_or_create: ['defaults'],
  aupdate_or_create: ['defaults', 'create_defaults'],
  aupdate: [],
};

/** A receiver that reads as a manager or queryset: `Model.objects`, `user.order_set`, `qs.filter(...)`. */
const MANAGER_TEXT = /(^|\.)(objects|_default_manager|_base_manager)\b|_set\b|\.(filter|exclude|all|select_related|prefetch_related|select_for_update|using)\(|^(qs|queryset|\w+_qs|\w+_queryset)$|\.(queryset|get_queryset\(\))/;

/** Data whose keys a form or serializer declared: spreading it is the intended pattern, not mass assignment. */
const DECLARED_DATA = new Set(['validated_data', 'cleaned_data']);

/** Constant collections (allow-lists of field names): literals, or UPPER_CASE names. */
function isConstantCollection(module: PythonModule, node: PyNode): boolean {
  const inner = unwrap(node);
  if (['list', 'tuple', 'set'].includes(inner.type)) return inner.children.every((c) => c.type === 'comment' || module.literal(c)?.kind === 'str');
  if (inner.type === 'identifier') return /^[A-Z][A-Z0-9_]*$/.test(module.text(inner));
  if (inner.type === 'attribute') return /^[A-Z][A-Z0-9_]*$/.test(module.text(field(inner, 'attribute')!));
  return false;
}

/** The iterables a loop or comprehension variable is bound from, in the function holding the reference. */
function loopSources(reference: PyNode, module: PythonModule): PyNode[] {
  const name = module.text(reference);
  const scope = module.enclosingFunction(reference) ?? module.root;
  const out: PyNode[] = [];
  walk(scope, (node) => {
    if (node !== scope && (node.type === 'function_definition' || node.type === 'class_definition')) return false;
    if (node.type === 'for_statement' || node.type === 'for_in_clause') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      let binds = false;
      if (left) walk(left, (n) => void (n.type === 'identifier' && module.text(n) === name && (binds = true)));
      if (binds && right) out.push(right);
    }
    return undefined;
  });
  return out;
}

/**
 * Does the expression come from data a form or serializer declared (`serializer.validated_data`, `form.cleaned_data`,
 * a serializer's `create(self, validated_data)` parameter), through local assignments and loops?
 */
function fromDeclaredData(node: PyNode, module: PythonModule, names: ReadonlySet<string>, depth = 0): boolean {
  if (depth > 5) return false;
  let found = false;
  let unknown = false;
  walk(unwrap(node), (n) => {
    if (found) return false;
    if (n.type === 'attribute') {
      const attribute = module.text(field(n, 'attribute')!);
      if (DECLARED_DATA.has(attribute)) found = true;
      return undefined;
    }
    if (n.type !== 'identifier' || n.field === 'attribute') return undefined;
    const name = module.text(n);
    const values = assignedValues(n, module) ?? [];
    const known = values.filter((v): v is PyNode => v !== null);
    if (known.length < values.length) known.push(...loopSources(n, module));
    if (known.length === 0) {
      // A parameter (or a name bound elsewhere): its name says what it holds.
      if (names.has(name) || DECLARED_DATA.has(name)) found = true;
      else if (values.length > 0) unknown = true;
      return undefined;
    }
    if (known.every((value) => value !== node && fromDeclaredData(value, module, names, depth + 1))) found = true;
    else unknown = true;
    return undefined;
  });
  return found && !unknown;
}

/** The data parameter of a serializer's `create(self, validated_data)` / `update(self, instance, validated_data)`. */
function serializerDataParameter(module: PythonModule, at: PyNode): string | undefined {
  const fn = module.enclosingFunction(at);
  const cls = fn ? methodClass(fn) : undefined;
  if (!fn || !cls || !baseClasses(cls).some((base) => /Serializer$/.test(module.text(base)))) return undefined;
  const params = parameterNames(fn, module);
  const name = module.definitionName(fn);
  return name === 'create' ? params[1] : name === 'update' ? params[2] : undefined;
}

/**
 * A dict whose keys the code fixed: a literal with string keys, a comprehension over an allow-list (or filtered by
 * one), or a local name only ever assigned such dicts and only stored into with literal keys.
 */
function hasFixedKeys(node: PyNode, module: PythonModule, depth = 0): boolean {
  if (depth > 5) return false;
  const inner = unwrap(node);
  switch (inner.type) {
    case 'dictionary':
      return inner.children.every((child) => child.type === 'comment' || (child.type === 'pair' && module.literal(field(child, 'key')!)?.kind === 'str'));
    case 'dictionary_comprehension': {
      const key = field(field(inner, 'body')!, 'key');
      if (key?.type !== 'identifier') return false;
      const name = module.text(key);
      return inner.children.some((clause) => {
        if (clause.type === 'for_in_clause') {
          const left = field(clause, 'left');
          const right = field(clause, 'right');
          return left?.type === 'identifier' && module.text(left) === name && right !== undefined && isConstantCollection(module, right);
        }
        if (clause.type === 'if_clause') {
          const test = clause.children[0];
          const [subject, collection] = test?.type === 'comparison_operator' ? test.children : [];
          return test?.ops?.length === 1 && test.ops[0] === 'in' && subject?.type === 'identifier' && module.text(subject) === name && collection !== undefined && isConstantCollection(module, collection);
        }
        return false;
      });
    }
    case 'identifier': {
      const values = assignedValues(inner, module);
      if (!values || values.length === 0 || values.some((v) => v === null)) return false;
      return values.every((value) => hasFixedKeys(value!, module, depth + 1)) && !storedWithComputedKeys(inner, module);
    }
    default:
      return false;
  }
}

/** `data[key] = …` with a non-literal key, or `data.update(…)`, anywhere in the function. */
function storedWithComputedKeys(reference: PyNode, module: PythonModule): boolean {
  const name = module.text(reference);
  const scope = module.enclosingFunction(reference) ?? module.root;
  let computed = false;
  walk(scope, (node) => {
    if (computed) return false;
    if (node.type === 'subscript' && node.parent?.type === 'assignment' && node.field === 'left') {
      const object = field(node, 'value');
      const key = field(node, 'subscript');
      if (object?.type === 'identifier' && module.text(object) === name && (!key || module.literal(key)?.kind !== 'str')) computed = true;
    } else if (node.type === 'call') {
      const fn = field(node, 'function');
      const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
      if (object?.type === 'identifier' && module.text(object) === name && ['update', 'setdefault', '__setitem__'].includes(module.text(field(fn!, 'attribute')!))) computed = true;
    }
    return undefined;
  });
  return computed;
}

/** The `**spread` arguments of a call (the splat node; the summarizer records their values). */
function spreads(call: CallView): PyNode[] {
  return (field(call.node, 'arguments')?.children ?? []).filter((child) => child.type === 'dictionary_splat');
}

/** Keeps the dicts whose keys the request may choose. */
function openDicts(call: CallView, nodes: PyNode[]): SinkArgument[] {
  const dataParameter = serializerDataParameter(call.module, call.node);
  const declared = new Set(dataParameter ? [dataParameter] : []);
  return nodes
    .filter((node) => {
      const expression = node.type === 'dictionary_splat' ? node.children.find((c) => c.type !== 'comment') : node;
      return expression !== undefined && !hasFixedKeys(expression, call.module) && !fromDeclaredData(expression, call.module, declared);
    })
    .map((node) => ({ node }));
}

/**
 * Is the callee a model class: a capitalised name from a `models` module (`shop.models.Product`,
 * `shop.models.orders.Order`), or a class of this module whose bases read as a model?
 */
function isModelClass(call: CallView): boolean {
  const callee = call.callee!;
  if (/(^|\.)models(\.\w+)*\.[A-Z]\w*$/.test(callee)) return true;
  const name = callee.split('.').pop()!;
  if (!/^[A-Z]/.test(name)) return false;
  let model = false;
  walk(call.module.root, (node) => {
    if (model) return false;
    if (node.type === 'class_definition') {
      const className = field(node, 'name');
      if (className && call.module.text(className) === name) model = baseClasses(node).some((base) => /(^|\.)(Model|AbstractUser|AbstractBaseUser)$/.test(call.module.text(base)));
      return false;
    }
    return node.type === 'module' || node.type === 'decorated_definition' ? undefined : false;
  });
  return model;
}

function receiverText(call: CallView): string {
  return call.receiver ? call.module.text(call.receiver).replace(/\s+/g, '') : '';
}

function looksLikeManager(call: CallView): boolean {
  return MANAGER_TEXT.test(receiverText(call)) || call.receiverTypes.some((type) => /\.objects\b|QuerySet|Manager/.test(type));
}

/** `serializer.save(**kwargs)`: DRF merges the keywords into validated_data before create() / update(). */
function serializerSave(call: CallView): SinkMatch | undefined {
  const text = receiverText(call);
  if (!/serializer$/i.test(text) && !call.receiverTypes.some((type) => /Serializer\(\)$/.test(type))) return undefined;
  const args = openDicts(call, spreads(call));
  return args.length > 0 ? { args, note: 'fields passed to serializer.save(), which bypass its declared fields' } : undefined;
}

function writerMatch(call: CallView): SinkMatch | undefined {
  const method = call.method!;
  const text = receiverText(call);
  // obj.__dict__.update(data) / vars(obj).update(data): every key becomes an attribute.
  if (method === 'update' && (/\.__dict__$/.test(text) || /^vars\(/.test(text))) {
    const first = call.argument(0);
    const args = openDicts(call, [...(first ? [first] : []), ...spreads(call)]);
    return args.length > 0 ? { args, note: `attributes set from a dict by ${text}.update()` } : undefined;
  }
  const manager = looksLikeManager(call);
  // dict.update(**x) and friends are not model writes.
  if ((method === 'update' || method === 'aupdate') && !manager) return undefined;
  const keywords = WRITERS[method]!.map((name) => call.keyword(name)).filter((node) => node !== undefined);
  const args = openDicts(call, [...spreads(call), ...keywords]);
  if (args.length === 0) return undefined;
  const confidence: Confidence | undefined = manager ? undefined : 'medium';
  return { args, note: `model fields set from a dict by ${method}()`, ...(confidence ? { maxConfidence: confidence } : {}) };
}

export default defineTaintRule({
  meta: {
    code: 'TNT013',
    name: 'mass-assignment',
    family: 'taint',
    severity: 'medium',
    confidence: 'high',
    cwe: [915],
    owasp: ['A01:2021-Broken Access Control', 'A08:2021-Software and Data Integrity Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A dict from the request is spread into model fields or object attributes (objects.create(**data), .update(**data), setattr(obj, key, …)), so the client chooses which fields it sets.',
    fix: 'Bind request data through a ModelForm or a serializer with an explicit field list, or copy only allow-listed keys: {k: data[k] for k in EDITABLE_FIELDS if k in data}.',
    docs: {
      whatItDoes:
        'Follows data from the request (form fields, query strings, JSON bodies, `request.POST.dict()`, ' +
        '`request.data`, URL arguments) through assignments, helper functions and other modules, and reports it ' +
        'when a dict built from it is spread into model fields — `Model.objects.create(**data)`, ' +
        '`get_or_create(**data)`, `update_or_create(**data)` or their `defaults=` / `create_defaults=`, ' +
        '`queryset.update(**data)`, `User.objects.create_user(**data)` (and the async `a…` variants), a DRF ' +
        '`serializer.save(**data)` (whose keywords bypass the serializer\'s declared fields) — into an ' +
        'object\'s attributes (`obj.__dict__.update(data)`, `vars(obj).update(data)`), or when a request value ' +
        'chooses the attribute name of `setattr(obj, name, value)` (the `for key, value in request.POST.items(): ' +
        'setattr(obj, key, value)` loop). Dicts whose keys the code fixes are not reported: dict literals with ' +
        'string keys, comprehensions over an allow-list (`{k: data[k] for k in FIELDS}`) or filtered by one ' +
        '(`if k in FIELDS`), `setattr` names checked against a constant collection. Nor are the declared fields of ' +
        'a form or serializer: `form.cleaned_data`, `serializer.validated_data`, and the `validated_data` a DRF ' +
        'serializer\'s `create()` / `update()` receives. `filter(**data)` is a query, not an assignment, and is ' +
        'not reported by this rule.',
      whyItMatters:
        'When the request decides which fields are written, the client can set fields the form never showed: ' +
        '`is_staff=1` or `is_superuser=1` on a sign-up (`create_user(**request.POST.dict())`), `owner_id` to ' +
        'move another user\'s record to themselves, `price` or `discount` on an order, `is_verified` or `balance` ' +
        'on a profile. The GitHub public-key incident of 2012 and many bug-bounty reports are this bug. Django\'s ' +
        'forms and DRF\'s serializers exist to declare what may be written; spreading the raw request skips them.',
      example: {
        bad:
          'def update_profile(request):\n' +
          '    Profile.objects.filter(user=request.user).update(**request.POST.dict())\n' +
          '    return redirect("profile")',
        good:
          'class ProfileForm(forms.ModelForm):\n' +
          '    class Meta:\n' +
          '        model = Profile\n' +
          '        fields = ["display_name", "bio"]\n\n' +
          'def update_profile(request):\n' +
          '    form = ProfileForm(request.POST, instance=request.user.profile)\n' +
          '    if form.is_valid():\n' +
          '        form.save()\n' +
          '    return redirect("profile")',
      },
      howToFix:
        'Let a `ModelForm` or a DRF `ModelSerializer` with an explicit `fields` list bind the data, and save ' +
        'through it (`form.save()`, `serializer.save()`); never use `fields = "__all__"` for models with sensitive ' +
        'fields. When a dict is needed, build it from an allow-list: ' +
        '`{k: data[k] for k in EDITABLE_FIELDS if k in data}`, and check attribute names against the same list ' +
        'before `setattr()`. Set ownership and privilege fields on the server (`owner=request.user`), after ' +
        'binding.',
      references: [
        { title: 'Django: Creating forms from models (selecting the fields to use)', url: 'https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use' },
        { title: 'Django REST framework: ModelSerializer (specifying which fields to include)', url: 'https://www.django-rest-framework.org/api-guide/serializers/#specifying-which-fields-to-include' },
        { title: 'CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes', url: 'https://cwe.mitre.org/data/definitions/915.html' },
        { title: 'OWASP Mass Assignment Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html' },
        { title: 'OWASP API Security: API3:2023 Broken Object Property Level Authorization', url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/' },
      ],
      limitations:
        'A model class called directly with a spread (`Product(**data)`) is recognised when it is imported from a ' +
        '`models` module or defined in the same module with a `Model` base; other classes are not judged. ' +
        'The exemptions for fixed keys and for `cleaned_data` / `validated_data` look at the spread expression and ' +
        'the local assignments and loops it comes from; a dict built in another function is judged by its data ' +
        'alone (a dict with fixed keys but request values, passed to a helper that spreads it, is reported). ' +
        '`.update(**data)` is reported only on receivers that read as a manager or queryset, `create()` on other ' +
        'receivers at medium confidence.',
    },
  },
  sinks: {
    callees: ['setattr'],
    methods: [...Object.keys(WRITERS), 'save'],
    spreads: true,
    match(call) {
      if (!call.method && call.spreads.length > 0 && call.callee !== null && isModelClass(call)) {
        const args = openDicts(call, [...call.spreads]);
        const name = call.callee.split('.').pop()!;
        return args.length > 0 ? { args, note: `model fields set from a dict by ${name}(**…)` } : undefined;
      }
      if (call.callee === 'setattr' && !call.method) {
        const name = call.argument(1);
        if (!name || call.module.literal(unwrap(name))?.kind === 'str') return undefined;
        const declared = serializerDataParameter(call.module, call.node);
        if (fromDeclaredData(name, call.module, new Set(declared ? [declared] : []))) return undefined;
        return { args: [{ node: name }], note: 'the attribute name of setattr()' };
      }
      if (call.method === 'save') return serializerSave(call);
      return call.method && call.method in WRITERS ? writerMatch(call) : undefined;
    },
  },
});
