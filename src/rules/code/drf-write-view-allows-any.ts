import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { classLineage, httpMethods } from '../../python/django.js';
import type { PythonModule } from '../../python/module.js';
import { classAssignments, classMethods } from '../../python/scope.js';

type Verb = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const UNSAFE: readonly Verb[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const ALLOW_ANY = 'rest_framework.permissions.AllowAny';
const API_VIEW = 'rest_framework.decorators.api_view';
const PERMISSION_CLASSES = 'rest_framework.decorators.permission_classes';
const ACTION_DECORATORS = new Set(['rest_framework.decorators.action', 'rest_framework.decorators.detail_route', 'rest_framework.decorators.list_route']);

/** DRF base classes and the unsafe methods they serve. */
const WRITE_BASES: Record<string, readonly Verb[]> = {
  'rest_framework.viewsets.ModelViewSet': UNSAFE,
  'rest_framework.generics.CreateAPIView': ['POST'],
  'rest_framework.generics.ListCreateAPIView': ['POST'],
  'rest_framework.generics.UpdateAPIView': ['PUT', 'PATCH'],
  'rest_framework.generics.DestroyAPIView': ['DELETE'],
  'rest_framework.generics.RetrieveUpdateAPIView': ['PUT', 'PATCH'],
  'rest_framework.generics.RetrieveDestroyAPIView': ['DELETE'],
  'rest_framework.generics.RetrieveUpdateDestroyAPIView': ['PUT', 'PATCH', 'DELETE'],
  'rest_framework.mixins.CreateModelMixin': ['POST'],
  'rest_framework.mixins.UpdateModelMixin': ['PUT', 'PATCH'],
  'rest_framework.mixins.DestroyModelMixin': ['DELETE'],
};

/** Handler methods and the unsafe method they serve (verb handlers of APIView, actions of viewsets). */
const WRITE_METHODS: Record<string, Verb> = {
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  create: 'POST',
  update: 'PUT',
  partial_update: 'PATCH',
  destroy: 'DELETE',
};

export default definePythonRule({
  meta: {
    code: 'PY813',
    name: 'drf-write-view-allows-any',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [862, 284],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'A Django REST framework view that creates, changes or deletes data allows any caller (AllowAny or no permission classes).',
    fix: 'Require authentication and authorisation on write methods: permission_classes = [IsAuthenticated] (or IsAuthenticatedOrReadOnly, DjangoModelPermissions, an object-level permission).',
    docs: {
      whatItDoes:
        'Finds Django REST framework views that accept unsafe methods and set `permission_classes` to `[AllowAny]`, ' +
        '`(AllowAny,)`, `[]` or `()`: subclasses of `ModelViewSet`, `CreateAPIView`, `UpdateAPIView`, ' +
        '`DestroyAPIView`, `ListCreateAPIView`, `RetrieveUpdateDestroyAPIView` and the other writable generics, ' +
        'viewsets built from `CreateModelMixin`/`UpdateModelMixin`/`DestroyModelMixin`, `APIView`/`GenericAPIView`/' +
        '`ViewSet` subclasses that define `post`, `put`, `patch`, `delete` (or `create`, `update`, ' +
        '`partial_update`, `destroy`, or an `@action(methods=["post"])`), and `@api_view(["POST", …])` functions ' +
        'decorated with `@permission_classes([AllowAny])`. Base classes defined in the same file are followed, ' +
        '`http_method_names` restrictions are honoured, and classes that override `get_permissions()` are skipped. ' +
        'Read-only views with `AllowAny` are not reported. Views that can only create (a sign-up or contact ' +
        'endpoint) are reported with medium confidence; views that can update or delete, with high confidence.',
      whyItMatters:
        '`AllowAny` turns off DRF\'s permission checks for the view, and an empty `permission_classes` list does the ' +
        'same. On a view that writes, that means any anonymous client on the internet can create records, overwrite ' +
        'other users\' data or delete it — a `ModelViewSet` over orders or profiles with `AllowAny` is an open ' +
        'database. The class attribute overrides `DEFAULT_PERMISSION_CLASSES`, so a safe project-wide default does ' +
        'not help, and it is often left over from debugging or copied from an example.',
      example: {
        bad: [
          'from rest_framework import permissions, viewsets',
          '',
          'class OrderViewSet(viewsets.ModelViewSet):',
          '    queryset = Order.objects.all()',
          '    serializer_class = OrderSerializer',
          '    permission_classes = [permissions.AllowAny]',
        ].join('\n'),
        good: [
          'from rest_framework import permissions, viewsets',
          '',
          'class OrderViewSet(viewsets.ModelViewSet):',
          '    serializer_class = OrderSerializer',
          '    permission_classes = [permissions.IsAuthenticated]',
          '',
          '    def get_queryset(self):',
          '        return Order.objects.filter(customer=self.request.user)',
        ].join('\n'),
      },
      howToFix:
        'Use `IsAuthenticated` (plus object-level checks or a queryset filtered by `request.user`), ' +
        '`IsAuthenticatedOrReadOnly` for public reads with authenticated writes, `DjangoModelPermissions` for ' +
        'staff tools, or a custom permission. If only one action must be public (registration), keep the class ' +
        'protected and open that action alone with `get_permissions()` or `@action(permission_classes=[AllowAny])`, ' +
        'and add throttling and validation to it.',
      references: [
        { title: 'Django REST framework: Permissions', url: 'https://www.django-rest-framework.org/api-guide/permissions/' },
        { title: 'Django REST framework: AllowAny', url: 'https://www.django-rest-framework.org/api-guide/permissions/#allowany' },
        { title: 'OWASP API Security Top 10: API5:2023 Broken Function Level Authorization', url: 'https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/' },
        { title: 'CWE-862: Missing Authorization', url: 'https://cwe.mitre.org/data/definitions/862.html' },
      ],
      limitations:
        'Base classes from other modules are recognised only when they are DRF\'s own. Permission classes inherited ' +
        'from a project base class are not followed: only the class\'s own `permission_classes` is judged. Custom ' +
        'permission classes that allow everything are not recognised.',
    },
  },
  create(context) {
    const { module } = context;
    return {
      class_definition(cls) {
        if (!field(cls, 'superclasses')) return;
        const { external, classes } = classLineage(cls, module);
        if (!external.some((q) => q.startsWith('rest_framework.'))) return;
        const verbs = new Set<Verb>();
        for (const q of external) for (const verb of WRITE_BASES[q] ?? []) verbs.add(verb);
        let overridesPermissions = false;
        for (const c of classes) {
          for (const def of classMethods(c)) {
            const name = module.definitionName(def) ?? '';
            if (name === 'get_permissions') overridesPermissions = true;
            const verb = WRITE_METHODS[name];
            if (verb) verbs.add(verb);
            const action = actionOf(def, module);
            if (!action) continue;
            if (action.permissions === undefined) for (const v of action.verbs) verbs.add(v);
            else if (c === cls && action.permissions && action.verbs.length > 0) {
              context.report({
                node: action.decorator,
                message: `action \`${name}\` accepts ${action.verbs.join('/')} with permission_classes=${action.permissionsText}: any caller, logged in or not, can use it`,
                ...(action.verbs.some((v) => v !== 'POST') ? {} : { confidence: 'medium' as const }),
              });
            }
          }
        }
        const restricted = classAttribute(classes, 'http_method_names', module);
        const allowedMethods = restricted ? httpMethods(restricted, module) : undefined;
        if (allowedMethods) for (const verb of [...verbs]) if (!allowedMethods.includes(verb)) verbs.delete(verb);
        if (verbs.size === 0 || overridesPermissions) return;
        const assignment = ownAttribute(cls, 'permission_classes', module);
        const value = assignment ? field(assignment, 'right') : undefined;
        if (!assignment || !value || !allowsAny(value, module)) return;
        const list = UNSAFE.filter((v) => verbs.has(v));
        context.report({
          node: assignment,
          message: `\`${module.definitionName(cls) ?? '?'}\` accepts ${list.join('/')} with permission_classes = ${module.text(value).replace(/\s+/g, ' ')}: any caller, logged in or not, can ${describe(list)}`,
          ...(list.some((v) => v !== 'POST') ? {} : { confidence: 'medium' as const }),
        });
      },
      decorated_definition(node) {
        const def = field(node, 'definition');
        if (def?.type !== 'function_definition') return;
        let verbs: Verb[] | undefined;
        let permissions: PyNode | undefined;
        for (const expression of module.decorators(def)) {
          if (expression.type !== 'call') continue;
          const qualified = module.qualifiedName(expression);
          if (qualified === API_VIEW) {
            const methodsArg = module.argument(expression, 0, 'http_method_names');
            const list = methodsArg ? httpMethods(methodsArg, module) : ['GET'];
            verbs = list ? UNSAFE.filter((v) => list.includes(v)) : [];
          } else if (qualified === PERMISSION_CLASSES) permissions = expression;
        }
        if (!verbs || verbs.length === 0 || !permissions) return;
        const value = module.argument(permissions, 0, 'permission_classes');
        if (!value || !allowsAny(value, module)) return;
        context.report({
          node: permissions,
          message: `API view \`${module.definitionName(def) ?? '?'}\` accepts ${verbs.join('/')} with permission_classes(${module.text(value).replace(/\s+/g, ' ')}): any caller, logged in or not, can ${describe(verbs)}`,
          ...(verbs.some((v) => v !== 'POST') ? {} : { confidence: 'medium' as const }),
        });
      },
    };
  },
});

function describe(verbs: readonly Verb[]): string {
  const words: string[] = [];
  if (verbs.includes('POST')) words.push('create');
  if (verbs.includes('PUT') || verbs.includes('PATCH')) words.push('change');
  if (verbs.includes('DELETE')) words.push('delete');
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!} data` : `${words[0] ?? 'write'} data`;
}

/** `name = value` directly in the class body (the last one). */
function ownAttribute(cls: PyNode, name: string, module: PythonModule): PyNode | undefined {
  return classAssignments(cls, name, module).at(-1);
}

/** The value of a class attribute, from the class or its nearest local base class that sets it. */
function classAttribute(classes: PyNode[], name: string, module: PythonModule): PyNode | undefined {
  for (const c of classes) {
    const assignment = ownAttribute(c, name, module);
    const value = assignment ? field(assignment, 'right') : undefined;
    if (value) return value;
  }
  return undefined;
}

/** `[AllowAny]`, `(permissions.AllowAny,)`, `[]`, `()`: no permission check at all. */
function allowsAny(node: PyNode, module: PythonModule): boolean {
  const inner = node.type === 'parenthesized_expression' ? (node.children.find((c) => c.type !== 'comment') ?? node) : node;
  if (inner.type !== 'list' && inner.type !== 'tuple') return false;
  const items = inner.children.filter((c) => c.type !== 'comment');
  return items.every((item) => (item.type === 'identifier' || item.type === 'attribute') && module.qualifiedName(item) === ALLOW_ANY);
}

interface Action {
  decorator: PyNode;
  verbs: Verb[];
  /** undefined: the action uses the class's permissions; true: its own AllowAny; false: its own, restrictive. */
  permissions: boolean | undefined;
  permissionsText: string;
}

/** An `@action(methods=[...], permission_classes=[...])` decorator on a viewset method. */
function actionOf(def: PyNode, module: PythonModule): Action | undefined {
  for (const expression of module.decorators(def)) {
    if (expression.type !== 'call') continue;
    const qualified = module.qualifiedName(expression);
    if (!qualified || !ACTION_DECORATORS.has(qualified)) continue;
    const methodsArg = module.keywordArg(expression, 'methods');
    const list = methodsArg ? httpMethods(methodsArg, module) : ['GET'];
    const verbs = list ? UNSAFE.filter((v) => list.includes(v)) : [];
    const permissions = module.keywordArg(expression, 'permission_classes');
    return {
      decorator: expression,
      verbs,
      permissions: permissions ? allowsAny(permissions, module) : undefined,
      permissionsText: permissions ? module.text(permissions).replace(/\s+/g, ' ') : '',
    };
  }
  return undefined;
}
