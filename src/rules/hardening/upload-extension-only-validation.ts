import { defineProjectRule } from '../../core/rule.js';
import { uploadIndex } from '../../hardening/uploads.js';

export default defineProjectRule({
  meta: {
    code: 'HRD021',
    name: 'upload-extension-only-validation',
    family: 'hardening',
    severity: 'low',
    confidence: 'medium',
    cwe: [434, 345],
    owasp: ['A04:2021-Insecure Design'],
    aliases: [],
    status: 'preview',
    summary: 'A FileField is checked only by its file name\'s extension or the content type the client declared; nothing looks at the file\'s content.',
    fix: 'Add a validator that checks the content (the file\'s signature, or decoding it with the library that will process it) next to the extension allow-list.',
    docs: {
      whatItDoes:
        'Reports a `FileField` (model, form or DRF serializer) whose checks — `validators=`, the form\'s ' +
        '`clean_<field>()` or the serializer\'s `validate_<field>()`, and for a model field the ModelForms and ' +
        'ModelSerializers of the model — look at the file name\'s extension (`FileExtensionValidator`, ' +
        '`validate_image_file_extension`, `os.path.splitext()`, `.endswith()`, `mimetypes.guess_type()`) or at the ' +
        '`content_type` the client declared, and never at the bytes (no `read()`, `chunks()`, `seek()`, Pillow, ' +
        '`python-magic`, a parser). Validators of the project are followed into their code, also across modules; ' +
        'a size check does not count as a type check. `ImageField`s are not reported: their form field decodes ' +
        'the file with Pillow.',
      whyItMatters:
        'The file name and the `Content-Type` of a multipart part are both written by the client: a file named ' +
        '`photo.png` can hold HTML, SVG, a PHP script or a crafted document. Django\'s validator documentation ' +
        'warns against relying on the extension to determine a file\'s type. The content reaches the programs ' +
        'that process or open it (ImageMagick, LibreOffice, PDF viewers, the users who download it) as whatever ' +
        'it really is; a browser that sniffs content (when `X-Content-Type-Options: nosniff` is missing) may ' +
        'render it as a page.',
      example: {
        bad: [
          'class Invoice(models.Model):',
          '    pdf = models.FileField(validators=[FileExtensionValidator(["pdf"])])',
        ].join('\n'),
        good: [
          'def validate_pdf_signature(file):',
          '    file.seek(0)',
          '    if file.read(5) != b"%PDF-":',
          '        raise ValidationError("Not a PDF document.")',
          '    file.seek(0)',
          '',
          'class Invoice(models.Model):',
          '    pdf = models.FileField(validators=[FileExtensionValidator(["pdf"]), validate_pdf_signature])',
        ].join('\n'),
      },
      howToFix:
        'Keep the extension allow-list (it decides how the file is served) and add a content check: compare the ' +
        'leading bytes with the signatures of the allowed formats, or decode the file with the library that will ' +
        'process it (Pillow `Image.open().verify()` for images, a PDF parser for PDFs) and reject what fails. ' +
        'Better still, re-encode what you can (images) so that only data you produced is stored. Serve uploads ' +
        'with `X-Content-Type-Options: nosniff` and, for documents, `Content-Disposition: attachment`.',
      references: [
        { title: 'Django: FileExtensionValidator (do not rely on the extension)', url: 'https://docs.djangoproject.com/en/stable/ref/validators/#fileextensionvalidator' },
        { title: 'Django: Uploaded files (content_type is not trustworthy)', url: 'https://docs.djangoproject.com/en/stable/ref/files/uploads/#django.core.files.uploadedfile.UploadedFile.content_type' },
        { title: 'OWASP File Upload Cheat Sheet: File content validation', url: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html#file-content-validation' },
        { title: 'CWE-434: Unrestricted Upload of File with Dangerous Type', url: 'https://cwe.mitre.org/data/definitions/434.html' },
      ],
      limitations:
        'A check is judged by what its code touches: reading the file (or calling a package that may read it) ' +
        'counts as a content check, even if the bytes read are not compared with anything. Validators from ' +
        'packages, and project code that is not among the modules ponyguard keeps for project analysis (models, ' +
        'forms, serializers, views, validators and modules that mention uploads), are assumed to check the content.',
    },
  },
  check(context) {
    for (const upload of uploadIndex(context.project).fields) {
      const { evidence } = upload;
      if (upload.image || !evidence.extension || evidence.content || evidence.unknown) continue;
      const what = upload.name ? `${upload.label} \`${upload.className}.${upload.name}\`` : upload.label;
      const checks = upload.checks.filter((check) => check.evidence.extension).map((check) => check.label);
      context.report({
        at: { module: upload.module, path: upload.path, node: upload.call },
        message: `${what} is checked only by the file name's extension or the declared content type (${checks.join(', ')}), both chosen by the client: nothing checks the file's content`,
      });
    }
  },
});
