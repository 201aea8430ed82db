import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { classLineage } from '../../python/django.js';
import { literalString } from '../../python/expressions.js';
import { classAssignments } from '../../python/scope.js';

/** Classes whose `Meta.fields` decides which model fields clients may write. */
const META_OWNERS: Record<string, string> = {
  'rest_framework.serializers.ModelSerializer': 'ModelSerializer',
  'rest_framework.serializers.HyperlinkedModelSerializer': 'HyperlinkedModelSerializer',
  'django.forms.ModelForm': 'ModelForm',
  'django.forms.models.ModelForm': 'ModelForm',
};
/** Generic editing views whose own `fields` attribute builds a ModelForm. */
const EDIT_VIEWS: Record<string, string> = {
  'django.views.generic.CreateView': 'CreateView',
  'django.views.generic.UpdateView': 'UpdateView',
  'django.views.generic.edit.CreateView': 'CreateView',
  'django.views.generic.edit.UpdateView': 'UpdateView',
};
const FACTORIES = ['django.forms.modelform_factory', 'django.forms.models.modelform_factory', 'django.forms.modelformset_factory', 'django.forms.models.modelformset_factory', 'django.forms.inlineformset_factory', 'django.forms.models.inlineformset_factory'];

export default definePythonRule({
  meta: {
    code: 'PY814',
    name: 'drf-serializer-all-fields',
    family: 'code',
    severity: 'low',
    confidence: 'medium',
    cwe: [915],
    owasp: ['A04:2021-Insecure Design'],
    aliases: [],
    status: 'stable',
    summary: 'A ModelSerializer or ModelForm exposes every model field with fields = "__all__", including fields clients should not write (mass assignment).',
    fix: 'List the fields explicitly (fields = ["name", "email"]) and mark server-controlled ones read-only.',
    docs: {
      whatItDoes:
        'Reports `fields = "__all__"` in the `Meta` class of a Django REST framework `ModelSerializer` or ' +
        '`HyperlinkedModelSerializer` subclass and of a Django `ModelForm` subclass (base classes defined in the same ' +
        'file are followed), on `CreateView`/`UpdateView` subclasses, and in `modelform_factory()` / ' +
        '`modelformset_factory()` / `inlineformset_factory()` calls.',
      whyItMatters:
        'With `"__all__"`, every editable model field becomes an input: a client can send `is_staff`, `is_active`, ' +
        '`owner`, `balance` or `approved` in the request body, and the serializer or form will save it. This is mass ' +
        'assignment, and it appears silently later, when someone adds a sensitive field to the model — the API and ' +
        'the form pick it up without anyone reviewing them. Django\'s documentation strongly recommends listing ' +
        'fields explicitly for this reason. The rule is low severity because the model may have nothing sensitive ' +
        'today; it is a design finding worth fixing before it becomes a vulnerability.',
      example: {
        bad: [
          'class ProfileSerializer(serializers.ModelSerializer):',
          '    class Meta:',
          '        model = Profile',
          '        fields = "__all__"',
        ].join('\n'),
        good: [
          'class ProfileSerializer(serializers.ModelSerializer):',
          '    class Meta:',
          '        model = Profile',
          '        fields = ["id", "display_name", "bio", "created"]',
          '        read_only_fields = ["id", "created"]',
        ].join('\n'),
      },
      howToFix:
        'Name the fields the client may see and change: `fields = [...]`, with server-controlled values in ' +
        '`read_only_fields` (DRF) or set in the view (`serializer.save(owner=request.user)`, `form.instance.owner = ' +
        'request.user`). Use separate serializers for reading and writing when the sets differ. Avoid `exclude`, ' +
        'which has the same problem for fields added later.',
      references: [
        { title: 'Django: Selecting the fields to use (ModelForm)', url: 'https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use' },
        { title: 'Django REST framework: Specifying which fields to include', url: 'https://www.django-rest-framework.org/api-guide/serializers/#specifying-which-fields-to-include' },
        { title: 'OWASP Mass Assignment Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html' },
        { title: 'CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes', url: 'https://cwe.mitre.org/data/definitions/915.html' },
      ],
      limitations:
        'Serializers used only for output are reported too (nothing is written through them, but they may expose ' +
        'fields such as password hashes). Base classes from other modules are recognised only when they are Django\'s ' +
        'or DRF\'s own.',
    },
  },
  create(context) {
    const { module } = context;
    /** The first known base (DRF serializer, ModelForm or editing view) of a class, through local base classes. */
    const knownBase = (cls: PyNode, table: Record<string, string>): string | undefined =>
      classLineage(cls, module).external.map((qualified) => table[qualified]).find((kind) => kind !== undefined);
    /** The `fields = "__all__"` assignment of a class body. */
    const allFields = (cls: PyNode): PyNode | undefined =>
      classAssignments(cls, 'fields', module).find((assignment) => literalString(field(assignment, 'right'), module) === '__all__');
    const check = (call: PyNode): void => {
      const fields = module.keywordArg(call, 'fields');
      const value = fields ? module.literal(fields) : undefined;
      if (value?.kind !== 'str' || value.value !== '__all__') return;
      context.report({ node: call, message: `${module.calleeName(call) ?? 'modelform_factory'}(fields="__all__") makes every editable model field a form input: list the fields explicitly` });
    };
    return {
      class_definition(cls) {
        if (module.definitionName(cls) === 'Meta') {
          // `class Meta:` of a serializer or form.
          const owner = module.enclosingClass(cls);
          if (!owner || module.enclosingClass(cls) !== cls.parent?.parent) return;
          const assignment = allFields(cls);
          if (!assignment) return;
          const kind = knownBase(owner, META_OWNERS);
          if (!kind) return;
          context.report({
            node: assignment,
            message: `${kind} \`${module.definitionName(owner) ?? '?'}\` uses fields = "__all__": every editable model field${kind === 'ModelForm' ? ' is a form input' : ' is readable and writable through the API'}, including ones added later`,
          });
          return;
        }
        if (!field(cls, 'superclasses')) return;
        const assignment = allFields(cls);
        if (!assignment) return;
        const view = knownBase(cls, EDIT_VIEWS);
        if (!view) return;
        context.report({ node: assignment, message: `${view} \`${module.definitionName(cls) ?? '?'}\` uses fields = "__all__": every editable model field is a form input, including ones added later` });
      },
      ...Object.fromEntries(FACTORIES.map((name) => [`call:${name}`, check])),
    };
  },
});
