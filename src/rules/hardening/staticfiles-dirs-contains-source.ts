import { defineProjectRule } from '../../core/rule.js';
import { checkSourceSettings, collectstaticConfidence, relativeNote } from '../../hardening/source-report.js';
import { exposedDirectory, staticfilesEntries, staticfilesInstalled } from '../../hardening/source-settings.js';

export default defineProjectRule({
  meta: {
    code: 'HRD041',
    name: 'staticfiles-dirs-contains-source',
    family: 'hardening',
    severity: 'high',
    confidence: 'high',
    cwe: [538, 552],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'A STATICFILES_DIRS entry is the project directory, a settings package or an app (or contains one), so collectstatic publishes Python source and settings as static files.',
    fix: 'List only directories that hold nothing but static assets in STATICFILES_DIRS (for example BASE_DIR / "static"), never the project root, a settings package or an app directory.',
    docs: {
      whatItDoes:
        'Evaluates `STATICFILES_DIRS` in each production settings module and reports every entry — a path or a ' +
        '`("prefix", path)` pair — whose directory is the project root, the directory of `manage.py`, a settings ' +
        'package, an app or another Python package of the project, or a parent of one of them ' +
        '(`STATICFILES_DIRS = [BASE_DIR]`, `[os.path.dirname(__file__)]`). Each entry is reported at its own line ' +
        'when the setting is a literal list. Relative entries are resolved against the directory of `manage.py` ' +
        'and reported with low confidence.',
      whyItMatters:
        'The file-system finder serves every file under each `STATICFILES_DIRS` directory, and `collectstatic` ' +
        'copies them all into `STATIC_ROOT`, which the web server publishes. Its default ignore patterns are only ' +
        '`CVS`, `.*` and `*~`: dotfiles are skipped, but `settings.py`, `local_settings.py`, `db.sqlite3`, ' +
        '`requirements.txt` and every module are copied and become downloadable at `/static/…`. Django\'s own ' +
        'check (`staticfiles.E002`) only catches an entry equal to `STATIC_ROOT`.',
      example: {
        bad: ['STATICFILES_DIRS = [', '    BASE_DIR,  # "so the logo in the project root is found"', ']'].join('\n'),
        good: ['STATICFILES_DIRS = [', '    BASE_DIR / "static",  # assets only', ']'].join('\n'),
      },
      howToFix:
        'Move the project\'s own assets into a dedicated directory (`BASE_DIR / "static"`, or `<app>/static/<app>/` ' +
        'for app assets, which the app-directories finder picks up without any setting) and list only that ' +
        'directory. Then delete `STATIC_ROOT` and run `collectstatic` again, so the copies of the source already ' +
        'published there disappear, and rotate any secret the copied settings contained.',
      references: [
        { title: 'Django settings: STATICFILES_DIRS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#staticfiles-dirs' },
        { title: 'Django: The staticfiles app (collectstatic, ignore patterns)', url: 'https://docs.djangoproject.com/en/stable/ref/contrib/staticfiles/#collectstatic' },
        { title: 'Django: Managing static files', url: 'https://docs.djangoproject.com/en/stable/howto/static-files/' },
        { title: 'CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory', url: 'https://cwe.mitre.org/data/definitions/538.html' },
      ],
      limitations:
        'Entries whose value is unknown (computed at run time, read from the environment without a default) are not ' +
        'judged, nor are absolute deployment paths unrelated to the scanned directory. An entry that only holds ' +
        'templates or data files without Python code is not reported. When the setting is built by appending to a ' +
        'list, the finding is at the assignment.',
    },
  },
  check(context) {
    checkSourceSettings(context, (settings, report, tree) => {
      if (settings.get('STATICFILES_DIRS').source !== 'assigned') return;
      const entries = staticfilesEntries(settings);
      if (!entries) return;
      const staticfiles = staticfilesInstalled(settings);
      for (const entry of entries) {
        const exposed = exposedDirectory(entry.value, tree);
        if (!exposed) continue;
        const { dir, exposure } = exposed;
        const prefix = entry.prefix !== undefined ? ` (prefix ${JSON.stringify(entry.prefix)})` : '';
        report({
          setting: 'STATICFILES_DIRS',
          message:
            `STATICFILES_DIRS entry ${entry.index + 1}${prefix} ${exposure.text}${relativeNote(dir)}: collectstatic copies its Python files and settings ` +
            'into STATIC_ROOT, where the web server publishes them',
          fix: 'List only asset directories in STATICFILES_DIRS (e.g. BASE_DIR / "static"); then empty STATIC_ROOT, run collectstatic again and rotate any secret the published settings held.',
          value: entry.value,
          ...(entry.at ? { at: entry.at } : {}),
          ...collectstaticConfidence(dir, staticfiles),
        });
      }
    });
  },
});
