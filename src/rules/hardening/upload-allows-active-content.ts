import type { Confidence, Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import type { ProjectModel } from '../../project/model.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import { literalString, unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { knownValues } from '../../python/scope.js';
import { judgedSources, mediaOrigin, renderingMitigations, settingStrings, uploadIndex, type UploadJudge } from '../../hardening/uploads.js';

/** Extensions browsers run as documents (scripts included) when served inline. */
const BROWSER_EXTENSIONS = new Set(['svg', 'svgz', 'html', 'htm', 'xhtml', 'xht', 'shtml', 'shtm', 'xml', 'xsl', 'xslt', 'js', 'mjs', 'swf', 'mht', 'mhtml']);
/** Extensions web servers may execute (mod_php, CGI handlers). */
const SERVER_EXTENSIONS = new Set(['php', 'php3', 'php4', 'php5', 'php7', 'phtml', 'phar', 'pht', 'py', 'pyc', 'pl', 'cgi', 'asp', 'aspx', 'jsp', 'jspx']);
/** Content types browsers render as active documents, and wildcards that include them. */
const BROWSER_TYPES = new Set([
  'image/svg+xml',
  'text/html',
  'application/xhtml+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'text/ecmascript',
  'application/x-shockwave-flash',
  'text/xsl',
  'application/xslt+xml',
  'multipart/related',
  'image/*',
  'text/*',
  'application/*',
  '*/*',
]);
/** Prefixes whose `startswith()` test lets an active type through (`image/` admits `image/svg+xml`). */
const ACTIVE_PREFIXES = new Set(['image/', 'image', 'text/', 'text', 'application/', 'application']);
/** Names of lists that are deny-lists, not allow-lists. */
const DENY_NAMES = /deny|denied|block|forbid|black|danger|reject|exclu|disallow|banned|unsafe/i;
/** What the compared value must look like to be an upload's type or extension. */
const TYPE_OPERANDS = /content_type|mime|ext|suffix|name|type/i;
const FILE_EXTENSION_VALIDATOR = 'django.core.validators.FileExtensionValidator';

type Activity = 'browser' | 'server';

interface Entry {
  value: string;
  node: PyNode;
  module: PythonModule;
  path: string;
}

interface AllowList {
  /** How the list is used, for messages. */
  via: string;
  entries: Entry[];
}

function activity(value: string): Activity | undefined {
  const lower = value.trim().toLowerCase();
  if (lower.includes('/')) return BROWSER_TYPES.has(lower.split(';')[0]!.trim()) ? 'browser' : undefined;
  const extension = lower.replace(/^\*?\./, '');
  if (BROWSER_EXTENSIONS.has(extension)) return 'browser';
  if (SERVER_EXTENSIONS.has(extension)) return 'server';
  return undefined;
}

/** The string entries of a collection: a literal, a name assigned one (also imported), `settings.NAME`, `a + b`, `set(...)`. */
function strings(input: PyNode, module: PythonModule, path: string, project: ProjectModel, judge: UploadJudge, depth = 0): Entry[] | undefined {
  if (depth > 5) return undefined;
  const node = unwrap(input);
  const next = depth + 1;
  const single = literalString(node, module);
  if (single !== undefined) return [{ value: single, node, module, path }];
  switch (node.type) {
    case 'list':
    case 'tuple':
    case 'set':
      return node.children.flatMap((item) => {
        const value = literalString(item, module);
        return value === undefined ? [] : [{ value, node: item, module, path }];
      });
    case 'binary_operator': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (node.ops?.[0] !== '+' && node.ops?.[0] !== '|') return undefined;
      const a = left ? strings(left, module, path, project, judge, next) : undefined;
      const b = right ? strings(right, module, path, project, judge, next) : undefined;
      return a || b ? [...(a ?? []), ...(b ?? [])] : undefined;
    }
    case 'call': {
      const qualified = module.qualifiedName(node);
      const args = module.positionalArgs(node);
      if ((qualified === 'list' || qualified === 'tuple' || qualified === 'set' || qualified === 'frozenset') && args.length === 1) return strings(args[0]!, module, path, project, judge, next);
      return undefined;
    }
    case 'identifier':
    case 'attribute': {
      const qualified = module.qualifiedName(node);
      if (qualified?.startsWith('django.conf.settings.')) return settingEntries(qualified.slice('django.conf.settings.'.length), project);
      if (node.type === 'identifier' && !module.binding(module.text(node), node)) {
        const values = knownValues(node, module);
        if (values?.length === 1) return strings(values[0]!, module, path, project, judge, next);
      }
      const definition = judge.definition(node, module);
      if (definition?.kind === 'value') return strings(definition.node, definition.module, definition.path, project, judge, next);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A list setting's entries, each at the place its literal was written. */
function settingEntries(name: string, project: ProjectModel): Entry[] | undefined {
  for (const snapshot of project.settings) {
    const items = settingStrings(snapshot.get(name).value);
    if (!items) continue;
    return items.flatMap((item) => (item.at ? [{ value: item.value, node: item.at.node, module: item.at.module, path: item.at.path }] : []));
  }
  return undefined;
}

/**
 * The test decides a rejection: `if <test>: raise …` (true) or `if not <test>: raise …` (false). Undefined when the
 * test is not the condition of an `if` whose body raises.
 */
function raisesWhen(test: PyNode): boolean | undefined {
  let current: PyNode = test;
  let negated = false;
  while (current.parent) {
    const parent = current.parent;
    if (parent.type === 'not_operator') negated = !negated;
    else if (parent.type === 'if_statement' || parent.type === 'elif_clause') {
      if (field(parent, 'condition') !== current) return undefined;
      const block = field(parent, 'consequence');
      let raises = false;
      if (block) walk(block, (n) => (raises ||= n.type === 'raise_statement', !raises));
      return raises ? !negated : undefined;
    } else if (parent.type !== 'parenthesized_expression' && parent.type !== 'boolean_operator') return undefined;
    current = parent;
  }
  return undefined;
}

const IMAGE_FIELDS = new Set(['django.db.models.ImageField', 'django.db.models.fields.files.ImageField', 'django.forms.ImageField', 'django.forms.fields.ImageField', 'rest_framework.serializers.ImageField', 'rest_framework.fields.ImageField']);

/** Is the node inside the arguments of an `ImageField(...)` call? */
function insideImageField(node: PyNode, module: PythonModule): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== 'call') continue;
    const qualified = module.qualifiedName(current);
    if (qualified !== null && IMAGE_FIELDS.has(qualified)) return true;
  }
  return false;
}

/** The allow-lists of upload types in the project's code. */
function allowLists(project: ProjectModel, judge: UploadJudge): AllowList[] {
  const out: AllowList[] = [];
  for (const { module, path } of judgedSources(project)) {
    walk(module.root, (node) => {
      if (node.type === 'call') {
        const qualified = module.qualifiedName(node);
        if (qualified === FILE_EXTENSION_VALIDATOR) {
          // An ImageField's form field decodes the file with Pillow, which rejects SVG and HTML whatever the list says.
          if (insideImageField(node, module)) return undefined;
          const argument = module.argument(node, 0, 'allowed_extensions');
          const entries = argument ? strings(argument, module, path, project, judge) : undefined;
          if (entries) out.push({ via: 'FileExtensionValidator', entries });
          return undefined;
        }
        const fn = field(node, 'function');
        const method = fn?.type === 'attribute' ? module.text(field(fn, 'attribute')!) : '';
        const receiver = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
        if ((method === 'endswith' || method === 'startswith') && receiver && TYPE_OPERANDS.test(module.text(receiver))) {
          // `if not f.name.endswith((".png", ".svg")): raise`, `if f.content_type.startswith("image/")`.
          if (raisesWhen(node) !== false) return undefined;
          const argument = module.positionalArgs(node)[0];
          const entries = argument ? strings(argument, module, path, project, judge) : undefined;
          if (!entries) return undefined;
          const admitted = method === 'startswith' ? entries.filter((e) => ACTIVE_PREFIXES.has(e.value.toLowerCase())).map((e) => ({ ...e, value: `${e.value.replace(/\/$/, '')}/*` })) : entries;
          if (admitted.length > 0) out.push({ via: `${method === 'endswith' ? 'an' : 'a'} ${method}() test`, entries: admitted });
        }
        return undefined;
      }
      const op = node.type === 'comparison_operator' && node.ops?.length === 1 ? node.ops[0]! : undefined;
      if (op === 'in' || op === 'not in' || op === '==' || op === '!=') {
        const operands = node.children.filter((c) => c.type !== 'comment');
        const [left, right] = operands;
        if (!left || !right || operands.length !== 2 || !TYPE_OPERANDS.test(module.text(left))) return undefined;
        if (DENY_NAMES.test(module.text(right))) return undefined;
        // `if x not in ALLOWED: raise` / `if x != "image/png": raise` (or `if not x in ALLOWED: raise`) is an
        // allow-list; `if x in BLOCKED: raise` is a deny-list.
        const raises = raisesWhen(node);
        if (raises === undefined || raises !== (op === 'not in' || op === '!=')) return undefined;
        const entries = strings(right, module, path, project, judge);
        if (entries) out.push({ via: 'an allow-list test', entries });
      }
      return undefined;
    });
  }
  return out;
}

export default defineProjectRule({
  meta: {
    code: 'HRD024',
    name: 'upload-allows-active-content',
    family: 'hardening',
    severity: 'high',
    confidence: 'high',
    cwe: [434, 79],
    owasp: ['A03:2021-Injection', 'A04:2021-Insecure Design'],
    aliases: [],
    status: 'preview',
    summary: 'An upload allow-list admits SVG, HTML, XML or script files (or types a web server executes), and uploads are served from the site\'s own origin.',
    fix: 'Remove svg, html, xml, js and server-executable types from the allow-list, or serve uploads from a separate domain (object storage, a media host) with Content-Disposition: attachment.',
    docs: {
      whatItDoes:
        'Reads the allow-lists that decide which uploads are accepted — `FileExtensionValidator(allowed_extensions=' +
        '...)`, `ext not in ALLOWED_EXTENSIONS` / `content_type != "image/png"` tests that reject what is not ' +
        'listed, `name.endswith((...))` tests, and `content_type.startswith("image/")` (which admits ' +
        '`image/svg+xml`) — with the lists followed through constants, other modules and settings. It reports ' +
        'each entry a browser runs as an active document (`svg`, `html`, `htm`, `xhtml`, `xml`, `xsl`, `js`, ' +
        '`swf`, `mht` and their content types) or a web server may execute (`php`, `phtml`, `py`, `pl`, `cgi`, ' +
        '`asp`, `jsp`), when the production settings serve `MEDIA_URL` from the site\'s own origin: a relative ' +
        'URL or a host the site answers (`ALLOWED_HOSTS`), with the file-system storage. Deny-lists are left ' +
        'alone, and so are extension lists of `ImageField`s, whose form field decodes the file with Pillow (which ' +
        'rejects SVG and HTML).',
      whyItMatters:
        'Django serves media with a `Content-Type` guessed from the file name, and so do nginx and Apache. An ' +
        'uploaded SVG or HTML file opened from the site\'s media URL runs its scripts in the site\'s origin: it ' +
        'can read pages and CSRF tokens, act as the logged-in victim and steal data — stored cross-site ' +
        'scripting, planted by anyone who may upload. `X-Content-Type-Options: nosniff` does not help: the type ' +
        'is correct. A `.php` upload is executed by servers configured to run PHP in that directory. Django\'s ' +
        'security guide recommends serving user uploads from a distinct top-level domain for this reason.',
      example: {
        bad: [
          'logo = models.FileField(',
          '    validators=[FileExtensionValidator(["png", "jpg", "svg"])],',
          ')',
          '# settings: MEDIA_URL = "/media/"',
        ].join('\n'),
        good: [
          'logo = models.ImageField(',
          '    validators=[FileExtensionValidator(["png", "jpg"])],',
          ')',
          '# settings: uploads on object storage served from another domain',
          '# MEDIA_URL = "https://ponyshop-usercontent.example/"',
        ].join('\n'),
      },
      howToFix:
        'Drop the active types from the allow-list; accept raster images (and re-encode them) instead of SVG. If ' +
        'SVG or HTML uploads are a feature, serve them from a separate registrable domain (not a subdomain that ' +
        'shares cookies), with `Content-Disposition: attachment` and `Content-Security-Policy: sandbox` on the ' +
        'media location, or sanitise them on upload. Never let the web server execute files in the media ' +
        'directory.',
      references: [
        { title: 'Django security: User-uploaded content', url: 'https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content' },
        { title: 'Django: FileExtensionValidator', url: 'https://docs.djangoproject.com/en/stable/ref/validators/#fileextensionvalidator' },
        { title: 'OWASP File Upload Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html' },
        { title: 'CWE-434: Unrestricted Upload of File with Dangerous Type', url: 'https://cwe.mitre.org/data/definitions/434.html' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
      ],
      limitations:
        'Where media are served from is read from the production settings: `MEDIA_URL`, `ALLOWED_HOSTS` and the ' +
        'default storage (`STORAGES` / `DEFAULT_FILE_STORAGE`); django-storages backends count as another origin, ' +
        'other custom storages as unknown (reported at low confidence). A web-server configuration in the ' +
        'repository that sends `Content-Disposition: attachment` or a `sandbox` CSP lowers the severity. Fields ' +
        'that accept anything are HRD020\'s findings, not this rule\'s. Allow-lists built at run time are not read.',
    },
  },
  check(context) {
    const { project } = context;
    const index = uploadIndex(project);
    const lists = allowLists(project, index.judge);
    if (lists.length === 0) return;
    const origin = mediaOrigin(project);
    if (origin.kind === 'other') return;
    const mitigations = renderingMitigations(project);
    const seen = new Set<string>();
    for (const list of lists) {
      const active = list.entries.filter((entry) => activity(entry.value) !== undefined);
      const first = active[0];
      if (!first) continue;
      const key = `${first.path}:${first.node.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const browser = active.some((entry) => activity(entry.value) === 'browser');
      let severity: Severity = browser ? 'high' : 'medium';
      let confidence: Confidence = 'high';
      const notes: string[] = [origin.reason];
      if (origin.kind === 'unknown') {
        severity = 'medium';
        confidence = 'low';
      }
      if (mitigations[0]) {
        severity = 'low';
        notes.push(`${mitigations[0].path}:${mitigations[0].line} sends "${mitigations[0].text}", which keeps browsers from rendering them`);
      }
      const values = [...new Set(active.map((entry) => entry.value))];
      const wildcard = values.some((value) => value.endsWith('/*')) ? ' (a wildcard type admits image/svg+xml, text/html and the like)' : '';
      const names = values.join(', ') + wildcard;
      const risk = browser ? 'browsers run scripts in such files when they are opened from the site (stored XSS)' : 'a web server configured for them executes such files';
      context.report({
        at: { module: first.module, path: first.path, node: first.node },
        message: `Uploads allowed by ${list.via} include ${names}: ${risk}; ${notes.join('; ')}`,
        severity,
        confidence,
      });
    }
  },
});
