import { defineProjectRule } from '../../core/rule.js';
import { checkSourceSettings, collectstaticConfidence, relativeNote } from '../../hardening/source-report.js';
import { assignedDirectory, staticfilesInstalled } from '../../hardening/source-settings.js';

export default defineProjectRule({
  meta: {
    code: 'HRD040',
    name: 'static-root-contains-source',
    family: 'hardening',
    severity: 'high',
    confidence: 'high',
    cwe: [538, 552],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'STATIC_ROOT is the project directory, or a directory that contains the settings, an app or other Python source, so the web server that publishes static files publishes the code too.',
    fix: 'Point STATIC_ROOT at a dedicated, initially empty directory outside the code tree (for example /var/www/example.com/static) and serve only that directory under STATIC_URL.',
    docs: {
      whatItDoes:
        'Evaluates `STATIC_ROOT` in each production settings module (following `BASE_DIR = Path(__file__)…` ' +
        'computations, `os.path.join()`, `pathlib` operators and star imports) and reports it when the directory is ' +
        'the project root, the directory of `manage.py`, a settings package, an app or another Python package of the ' +
        'project, or any parent of one of them (`STATIC_ROOT = BASE_DIR`, `STATIC_ROOT = "/"`). A relative ' +
        '`STATIC_ROOT` is resolved against the directory of `manage.py` (the usual working directory) and reported ' +
        'with low confidence. When the value is the default of an environment read, the finding is at the default ' +
        'and names the variable.',
      whyItMatters:
        '`STATIC_ROOT` is the directory `collectstatic` fills and the web server (nginx `alias`, WhiteNoise, a CDN ' +
        'origin) publishes under `STATIC_URL`. When it is the project directory, every file in it is one URL away: ' +
        '`/static/shop/settings.py` returns the settings with the `SECRET_KEY` and database passwords, ' +
        '`/static/db.sqlite3` the database, `/static/.env` the environment file. Django documents `STATIC_ROOT` ' +
        'as "an initially empty destination directory", never a place holding code.',
      example: {
        bad: ['BASE_DIR = Path(__file__).resolve().parent.parent', '', 'STATIC_URL = "/static/"', 'STATIC_ROOT = BASE_DIR  # collectstatic writes next to manage.py'].join('\n'),
        good: ['BASE_DIR = Path(__file__).resolve().parent.parent', '', 'STATIC_URL = "/static/"', 'STATIC_ROOT = "/var/www/shop.example.com/static"  # empty, outside the code'].join('\n'),
      },
      howToFix:
        'Give `STATIC_ROOT` its own directory that holds nothing but `collectstatic` output: outside the checkout ' +
        '(`/var/www/<site>/static`), or at least a dedicated subdirectory such as `BASE_DIR / "staticfiles"` that ' +
        'holds no code and is listed in `.gitignore`. Serve only that directory under `STATIC_URL`, and keep the ' +
        'project\'s own assets in `STATICFILES_DIRS` (e.g. `BASE_DIR / "static"`) — never the same directory.',
      references: [
        { title: 'Django settings: STATIC_ROOT', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#static-root' },
        { title: 'Django: Deploying static files', url: 'https://docs.djangoproject.com/en/stable/howto/static-files/deployment/' },
        { title: 'Django security: keep Python code outside the web server\'s root', url: 'https://docs.djangoproject.com/en/stable/topics/security/#additional-security-topics' },
        { title: 'CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory', url: 'https://cwe.mitre.org/data/definitions/538.html' },
        { title: 'CWE-552: Files or Directories Accessible to External Parties', url: 'https://cwe.mitre.org/data/definitions/552.html' },
      ],
      limitations:
        'Only directories the scan can place are judged: values derived from `__file__`, relative paths and absolute ' +
        'paths that equal or contain the scanned directory. An absolute deployment path (`/srv/app/static`) cannot ' +
        'be compared with the checkout and is not reported; web-server configurations in the repository are judged ' +
        'by HRD045. Unknown values (read from the environment without a default, computed at run time) are not judged.',
    },
  },
  check(context) {
    checkSourceSettings(context, (settings, report, tree) => {
      const dir = assignedDirectory(settings, 'STATIC_ROOT', tree);
      const exposure = dir && tree.sourceExposure(dir.placement);
      if (!dir || !exposure) return;
      report({
        setting: 'STATIC_ROOT',
        message:
          `STATIC_ROOT ${exposure.text}${relativeNote(dir)}: collectstatic writes into it and the web server publishes it under STATIC_URL, ` +
          'so source code and settings (with their secrets) become downloadable',
        lines: ['STATIC_ROOT = "/var/www/example.com/static"  # a dedicated, initially empty directory outside the code'],
        ...collectstaticConfidence(dir, staticfilesInstalled(settings)),
      });
    });
  },
});
