import { defineProjectRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import { abbreviate } from '../../python/expressions.js';
import { methodClass } from '../../python/scope.js';
import { bodyLimits, customUploadHandlers, directUploads, uploadIndex, type DirectUpload, type UploadIndex } from '../../hardening/uploads.js';

const NO_SERVER_LIMIT = 'no web-server configuration in the repository limits request bodies (client_max_body_size, LimitRequestBody, limit-post); Django itself never limits file size';

/** Does the function hand the uploads it reads to a form or serializer that has upload fields (which are judged instead)? */
function handsToForm(direct: DirectUpload, index: UploadIndex): boolean {
  const { module, fn } = direct;
  // Names the function assigns from request.FILES reads.
  const names = new Set<string>(['FILES']);
  walk(fn, (node) => {
    if (node.type !== 'assignment') return undefined;
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (left?.type === 'identifier' && right && /\bFILES\b/.test(module.text(right))) names.add(module.text(left));
    return undefined;
  });
  let hands = false;
  walk(fn, (node) => {
    if (hands || node.type !== 'call') return !hands;
    const callee = field(node, 'function');
    const definition = callee ? index.judge.definition(callee, module) : undefined;
    if (definition?.kind !== 'class' || !index.uploadClasses.has(definition.node)) return undefined;
    const args = field(node, 'arguments');
    const text = args ? module.text(args) : '';
    if ([...names].some((name) => new RegExp(`\\b${name}\\b`).test(text))) hands = true;
    return undefined;
  });
  return hands;
}

export default defineProjectRule({
  meta: {
    code: 'HRD025',
    name: 'upload-without-size-limit',
    family: 'hardening',
    severity: 'medium',
    confidence: 'low',
    cwe: [400, 770],
    owasp: ['A04:2021-Insecure Design'],
    aliases: [],
    status: 'preview',
    summary: 'Uploads have no size limit: nothing checks the file\'s size, and no web-server configuration in the repository caps request bodies.',
    fix: 'Cap request bodies in the web server (nginx client_max_body_size, Apache LimitRequestBody, uWSGI limit-post) and check file.size in a validator or clean_<field>().',
    docs: {
      whatItDoes:
        'Reports each upload field (`FileField` or `ImageField` of a model, form or DRF serializer) whose checks ' +
        'never look at the size — no validator or `clean_<field>()` / `validate_<field>()` reading `file.size` (or ' +
        '`len()` of the data), in the field\'s own code or in the ModelForms and ModelSerializers of its model — and ' +
        'each view that takes files straight from `request.FILES` without checking their size or handing them to ' +
        'such a form. Nothing is reported when a web-server configuration in the repository sets a request-body ' +
        'limit (`client_max_body_size` in nginx, `LimitRequestBody` in Apache or `.htaccess`, `limit-post` in ' +
        'uWSGI, `max_size` in a Caddy `request_body` block; a value of 0 means unlimited and does not count; an ' +
        'nginx configuration that passes requests to the application without `client_max_body_size` has nginx\'s ' +
        'default limit of 1 MB), or ' +
        'when the settings install their own upload handlers (`FILE_UPLOAD_HANDLERS`), which may stop large ' +
        'uploads while they stream.',
      whyItMatters:
        'Django does not limit the size of uploaded files. `DATA_UPLOAD_MAX_MEMORY_SIZE` excludes file data, and ' +
        '`FILE_UPLOAD_MAX_MEMORY_SIZE` only decides when an upload is written to a temporary file instead of ' +
        'memory. Without a limit elsewhere, a client can send uploads of any size: they fill the temporary ' +
        'directory and `MEDIA_ROOT`, tie up workers for as long as the transfer lasts, and make every later ' +
        'process (thumbnails, virus scans, parsing) slower. Django\'s security guide says to limit uploads in the ' +
        'web server configuration.',
      example: {
        bad: ['class Attachment(models.Model):', '    file = models.FileField(validators=[FileExtensionValidator(["pdf"])])'].join('\n'),
        good: [
          'def validate_max_size(file):',
          '    if file.size > 10 * 1024 * 1024:',
          '        raise ValidationError("Files are limited to 10 MB.")',
          '',
          'class Attachment(models.Model):',
          '    file = models.FileField(validators=[FileExtensionValidator(["pdf"]), validate_max_size])',
          '',
          '# nginx: client_max_body_size 12m;',
        ].join('\n'),
      },
      howToFix:
        'Set a request-body limit in the web server in front of Django, sized for the largest legitimate upload ' +
        '(`client_max_body_size 12m;` in nginx, `LimitRequestBody 12582912` in Apache, `limit-post = 12582912` ' +
        'in uWSGI), and keep the configuration in the repository. Add a size validator to each upload field so ' +
        'that the limit is explained to users and also applies to files added by other paths (the admin, imports).',
      references: [
        { title: 'Django security: User-uploaded content (limit uploads in the web server)', url: 'https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content' },
        { title: 'Django settings: FILE_UPLOAD_MAX_MEMORY_SIZE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-max-memory-size' },
        { title: 'Django settings: DATA_UPLOAD_MAX_MEMORY_SIZE (excludes file uploads)', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-memory-size' },
        { title: 'nginx: client_max_body_size', url: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size' },
        { title: 'CWE-400: Uncontrolled Resource Consumption', url: 'https://cwe.mitre.org/data/definitions/400.html' },
      ],
      limitations:
        'The web server is often configured outside the repository (and nginx has a 1 MB default), hence the low ' +
        'confidence: mark the finding as accepted, or keep the configuration with the code, when a limit exists ' +
        'elsewhere. Any body-limit directive anywhere in the repository silences the rule, whatever server block ' +
        'it is in. Validators from packages are assumed to limit the size.',
    },
  },
  check(context) {
    const { project } = context;
    if (bodyLimits(project).length > 0 || customUploadHandlers(project)) return;
    const index = uploadIndex(project);
    for (const upload of index.fields) {
      if (upload.evidence.size || upload.evidence.unknown) continue;
      const what = upload.name ? `${upload.label} \`${upload.className}.${upload.name}\`` : upload.label;
      context.report({
        at: { module: upload.module, path: upload.path, node: upload.call },
        message: `${what} accepts files of any size: none of its checks looks at the size, and ${NO_SERVER_LIMIT}`,
      });
    }
    for (const direct of directUploads(project)) {
      const body = field(direct.fn, 'body');
      const evidence = body ? index.judge.code(body, direct.module, methodClass(direct.fn), 0) : undefined;
      if (evidence?.size || handsToForm(direct, index)) continue;
      const node: PyNode = direct.node;
      context.report({
        at: { module: direct.module, path: direct.path, node },
        message: `\`${direct.module.definitionName(direct.fn) ?? '?'}()\` takes \`${abbreviate(direct.module.text(node), 40)}\` without checking its size, and ${NO_SERVER_LIMIT}`,
      });
    }
  },
});
