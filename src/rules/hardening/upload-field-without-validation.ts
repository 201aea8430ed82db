import { defineProjectRule } from '../../core/rule.js';
import { uploadIndex } from '../../hardening/uploads.js';

export default defineProjectRule({
  meta: {
    code: 'HRD020',
    name: 'upload-field-without-validation',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [434],
    owasp: ['A04:2021-Insecure Design'],
    aliases: [],
    status: 'preview',
    summary: 'A FileField (model, form or DRF serializer) has no validators and no clean_<field>() / validate_<field>() method: any file type and size is accepted.',
    fix: 'Give the field validators=[...] that allow-list the extensions, check the content (signature or decoding) and cap the size, or check the file in the form\'s clean_<field>() / the serializer\'s validate_<field>().',
    docs: {
      whatItDoes:
        'Finds `FileField` declarations — `django.db.models.FileField`, `django.forms.FileField` and Django REST ' +
        'framework\'s `serializers.FileField` — that nothing validates: no `validators=` (or an empty list), no ' +
        '`clean_<field>()` method on the form (or `validate_<field>()` on the serializer), no `clean()` / ' +
        '`validate()` that visibly checks the file, and, for a model field, no ModelForm or ModelSerializer of the ' +
        'model (anywhere in the project) that validates it. Unlike a model field\'s own validators, which ModelForms ' +
        'and ModelSerializers inherit, a form\'s checks only apply to that form, so they are looked up by model ' +
        'name and field name. Fields nobody can upload to (`editable=False`, `disabled=True`, `read_only=True`) are ' +
        'skipped, and so are `ImageField`s: Django\'s form field (also used by ModelForms and DRF) opens them with ' +
        'Pillow and checks the extension, which limits them to images (their size is judged by HRD025).',
      whyItMatters:
        'Neither Django\'s model `FileField` nor its form `FileField` has default validators: whatever the client ' +
        'sends is stored, with the name and extension the client chose. An HTML or SVG file served back from the ' +
        'site\'s media URL runs scripts on the site\'s origin (stored XSS: session riding, account takeover); a ' +
        '`.php` or `.shtml` file may be executed by a web server configured to do so; a huge file fills the disk; ' +
        'and downstream processing (thumbnailers, document converters, YAML or XML loaders) receives input of a ' +
        'type it was never meant to parse. Django\'s security guide says to restrict what users may upload and to ' +
        'serve it from another domain.',
      example: {
        bad: ['class Attachment(models.Model):', '    file = models.FileField(upload_to="attachments/")'].join('\n'),
        good: [
          'from django.core.validators import FileExtensionValidator',
          'from .validators import validate_pdf_signature, validate_max_size',
          '',
          'class Attachment(models.Model):',
          '    file = models.FileField(',
          '        upload_to=attachment_path,',
          '        validators=[FileExtensionValidator(["pdf"]), validate_pdf_signature, validate_max_size],',
          '    )',
        ].join('\n'),
      },
      howToFix:
        'Decide which types the feature needs and enforce it on the field, where every ModelForm, ModelSerializer ' +
        'and the admin pick it up: an extension allow-list (`FileExtensionValidator`), a content check (the file\'s ' +
        'signature, or decoding it: Pillow for images, a PDF parser for PDFs, `python-magic`) and a size limit ' +
        '(`if file.size > LIMIT: raise ValidationError(...)`). For a plain form or serializer field, do the same in ' +
        '`validators=` or `clean_<field>()` / `validate_<field>()`. Serve uploads from another domain, or with ' +
        '`Content-Disposition: attachment`, so that a file that slips through cannot run in the site\'s origin.',
      references: [
        { title: 'Django: FileField', url: 'https://docs.djangoproject.com/en/stable/ref/models/fields/#filefield' },
        { title: 'Django: FileExtensionValidator', url: 'https://docs.djangoproject.com/en/stable/ref/validators/#fileextensionvalidator' },
        { title: 'Django security: User-uploaded content', url: 'https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content' },
        { title: 'OWASP File Upload Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html' },
        { title: 'CWE-434: Unrestricted Upload of File with Dangerous Type', url: 'https://cwe.mitre.org/data/definitions/434.html' },
      ],
      limitations:
        'Validators and validation methods count whatever they check (HRD021 judges extension-only checks, HRD025 ' +
        'size limits). A model field counts as validated when any ModelForm or ModelSerializer of the model ' +
        'validates it, although the admin and other forms of the model do not run that form\'s methods; forms ' +
        'are matched to models by class name, so a form of a subclass of the model does not count. ' +
        'Validation outside the field\'s form or serializer (in a view, a model `save()` or a signal) is not seen. ' +
        'Subclasses of `FileField` defined in the project or in packages are not judged, nor are fields added ' +
        'dynamically other than as `self.fields["name"] = ...`. Files that are uploaded only to be parsed and ' +
        'thrown away (an import form) are reported too: validate them for what the parser expects.',
    },
  },
  check(context) {
    for (const upload of uploadIndex(context.project).fields) {
      if (upload.image || upload.checks.length > 0) continue;
      const what = upload.name ? `${upload.label} \`${upload.className}.${upload.name}\`` : upload.label;
      const where = upload.kind === 'form' ? 'no clean method of the form checks it' : upload.kind === 'serializer' ? 'no validate method of the serializer checks it' : 'no ModelForm or ModelSerializer of the model checks it';
      context.report({
        at: { module: upload.module, path: upload.path, node: upload.call },
        message: `${what} has no validators and ${where}: any file type and size is accepted (HTML, SVG, scripts, archives)`,
      });
    }
  },
});
