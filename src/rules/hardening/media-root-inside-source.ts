import { defineProjectRule } from '../../core/rule.js';
import { checkSourceSettings, relativeNote } from '../../hardening/source-report.js';
import { assignedDirectory } from '../../hardening/source-settings.js';

export default defineProjectRule({
  meta: {
    code: 'HRD042',
    name: 'media-root-inside-source',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [552, 434],
    owasp: ['A05:2021-Security Misconfiguration', 'A04:2021-Insecure Design'],
    aliases: [],
    status: 'stable',
    summary: 'MEDIA_ROOT, where user uploads are written, lies inside the project\'s source tree (or contains it), so uploads land among the code and serving them can expose it.',
    fix: 'Store uploads outside the code tree: set MEDIA_ROOT to a dedicated directory such as /var/lib/<site>/media (or use object storage), and serve only that directory under MEDIA_URL.',
    docs: {
      whatItDoes:
        'Evaluates `MEDIA_ROOT` in each production settings module and reports it when the directory is inside the ' +
        'scanned project — next to `manage.py` (`BASE_DIR / "media"`), inside an app or a settings package — with ' +
        'severity medium, and with severity high when it is the project directory itself, a settings package or ' +
        'an app, or contains one of them (`MEDIA_ROOT = BASE_DIR`). A relative `MEDIA_ROOT` is resolved against the ' +
        'directory of `manage.py` and reported with low confidence. When the value is the default of an ' +
        'environment read, the finding is at the default and names the variable; a default outside the tree is ' +
        'not reported.',
      whyItMatters:
        'Files users upload are hostile input. Written inside the source tree they sit next to code the server ' +
        'imports and templates it renders, in a directory the deployment user can usually write to and that the ' +
        'web server may already serve: a misrouted `upload_to`, a path-traversal bug or an archive extracted in ' +
        'place can then plant or replace Python modules and templates, and a web-server rule that serves ' +
        '`MEDIA_ROOT` serves the code around it when the two overlap. Uploads inside the checkout also end up in ' +
        'backups, deploy archives and sometimes commits, and are wiped or mixed with code by deployments. Django ' +
        'recommends keeping user uploads apart (ideally on another domain).',
      example: {
        bad: ['BASE_DIR = Path(__file__).resolve().parent.parent', '', 'MEDIA_URL = "/media/"', 'MEDIA_ROOT = BASE_DIR / "media"  # uploads next to the code'].join('\n'),
        good: [
          'MEDIA_URL = "/media/"',
          '# A directory outside the checkout, writable by the app, served by the web server with nosniff.',
          'MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", "/var/lib/shop/media")',
        ].join('\n'),
      },
      howToFix:
        'Give uploads their own directory outside the code tree (`/var/lib/<site>/media`, a mounted volume) or an ' +
        'object store (django-storages), make the code read-only for the application user, and have the web ' +
        'server serve `MEDIA_ROOT` under `MEDIA_URL` with `X-Content-Type-Options: nosniff` and no script ' +
        'execution. A development settings module can keep a local directory; production should not.',
      references: [
        { title: 'Django settings: MEDIA_ROOT', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#media-root' },
        { title: 'Django security: User-uploaded content', url: 'https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content' },
        { title: 'Django: Managing files', url: 'https://docs.djangoproject.com/en/stable/topics/files/' },
        { title: 'CWE-552: Files or Directories Accessible to External Parties', url: 'https://cwe.mitre.org/data/definitions/552.html' },
        { title: 'CWE-434: Unrestricted Upload of File with Dangerous Type', url: 'https://cwe.mitre.org/data/definitions/434.html' },
      ],
      limitations:
        'A `media/` directory under the project root is a common development layout; only production settings ' +
        'modules are judged, so a development module that keeps it is not reported. Absolute deployment paths ' +
        'unrelated to the scanned directory cannot be placed and are not judged, nor is the default `MEDIA_ROOT` ' +
        '(an empty string: uploads go to the working directory).',
    },
  },
  check(context) {
    checkSourceSettings(context, (settings, report, tree) => {
      const dir = assignedDirectory(settings, 'MEDIA_ROOT', tree);
      if (!dir || dir.placement.where === 'outside') return;
      const relative = relativeNote(dir);
      const lines = ['MEDIA_ROOT = "/var/lib/example.com/media"  # a dedicated directory outside the code tree'];
      const confidence = dir.relative ? { confidence: 'low' as const } : {};
      const exposure = tree.sourceExposure(dir.placement);
      if (exposure) {
        report({
          setting: 'MEDIA_ROOT',
          message: `MEDIA_ROOT ${exposure.text}${relative}: user uploads are written among the code, and serving MEDIA_URL from it publishes the source`,
          lines,
          severity: 'high',
          ...confidence,
        });
        return;
      }
      if (dir.placement.where !== 'inside') return;
      const around = tree.sourceAround(dir.placement.rel);
      const where =
        around === undefined
          ? `inside the scanned project (${dir.placement.rel}/)`
          : around.kind === 'project'
            ? `inside the project directory, next to ${around.holds} (${dir.placement.rel}/)`
            : around.kind === 'app'
              ? `inside the source directory of the app ${around.dir} (${dir.placement.rel}/)`
              : around.kind === 'settings'
                ? `inside ${around.dir}/, the directory of ${around.holds} (${dir.placement.rel}/)`
                : `inside the Python package ${around.dir}/ (${dir.placement.rel}/)`;
      report({
        setting: 'MEDIA_ROOT',
        message: `MEDIA_ROOT (user uploads) is ${where}${relative}: uploaded files land in the source tree`,
        lines,
        ...confidence,
      });
    });
  },
});
