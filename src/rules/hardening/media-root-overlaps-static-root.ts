import { defineProjectRule } from '../../core/rule.js';
import { checkSourceSettings } from '../../hardening/source-report.js';
import { assignedDirectory, type SettingDirectory } from '../../hardening/source-settings.js';
import { normalizeDir, type SourceTree } from '../../hardening/source-tree.js';

export default defineProjectRule({
  meta: {
    code: 'HRD043',
    name: 'media-root-overlaps-static-root',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [552, 434],
    owasp: ['A05:2021-Security Misconfiguration', 'A04:2021-Insecure Design'],
    aliases: [],
    status: 'stable',
    summary: 'MEDIA_ROOT and STATIC_ROOT are the same directory, or one lies inside the other, so user uploads and trusted static files are mixed.',
    fix: 'Give MEDIA_ROOT and STATIC_ROOT separate directories, neither inside the other (for example /var/lib/<site>/media and /var/www/<site>/static).',
    docs: {
      whatItDoes:
        'Evaluates `MEDIA_ROOT` and `STATIC_ROOT` in each production settings module and reports `MEDIA_ROOT` when ' +
        'both name the same directory, when the uploads directory lies inside `STATIC_ROOT`, or when `STATIC_ROOT` ' +
        'lies inside the uploads directory. Relative paths are compared as written (both resolve against the same ' +
        'working directory).',
      whyItMatters:
        'Static files are trusted: they are served with long cache lifetimes, from the origin (or path) a Content ' +
        'Security Policy allows scripts from, and `collectstatic --clear` deletes whatever is in `STATIC_ROOT`. ' +
        'Uploads are hostile. With the two mixed, an uploaded `.js` or `.svg` is served as a first-party static ' +
        'asset (stored XSS that passes `script-src \'self\'`), an upload can take the name of a static file that ' +
        '`collectstatic` would otherwise provide, and a static deployment can wipe every user file. Django itself ' +
        'raises `ImproperlyConfigured` when `MEDIA_ROOT == STATIC_ROOT`, but only when the staticfiles storage is ' +
        'used, and does not check nesting.',
      example: {
        bad: ['STATIC_ROOT = "/var/www/shop/static"', 'MEDIA_ROOT = "/var/www/shop/static/uploads"'].join('\n'),
        good: ['STATIC_ROOT = "/var/www/shop/static"', 'MEDIA_ROOT = "/var/lib/shop/media"'].join('\n'),
      },
      howToFix:
        'Use two sibling directories that do not contain each other, served under distinct URL prefixes ' +
        '(`STATIC_URL = "/static/"`, `MEDIA_URL = "/media/"`), and serve uploads with ' +
        '`X-Content-Type-Options: nosniff` — ideally from another domain.',
      references: [
        { title: 'Django settings: MEDIA_ROOT', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#media-root' },
        { title: 'Django settings: STATIC_ROOT', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#static-root' },
        { title: 'Django security: User-uploaded content', url: 'https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content' },
        { title: 'CWE-552: Files or Directories Accessible to External Parties', url: 'https://cwe.mitre.org/data/definitions/552.html' },
      ],
      limitations:
        'Both values must be known: a directory read from the environment without a default, or computed at run ' +
        'time, is not judged. Symbolic links between the directories are invisible to a static scan.',
    },
  },
  check(context) {
    checkSourceSettings(context, (settings, report, tree) => {
      const mediaDir = assignedDirectory(settings, 'MEDIA_ROOT', tree);
      const staticDir = assignedDirectory(settings, 'STATIC_ROOT', tree);
      if (!mediaDir || !staticDir) return;
      const a = comparable(mediaDir, staticDir, tree);
      const b = comparable(staticDir, mediaDir, tree);
      let relation: string | undefined;
      if (a === b) relation = 'is the same directory as STATIC_ROOT';
      else if (a.startsWith(`${b}/`) || b === '/') relation = 'lies inside STATIC_ROOT';
      else if (b.startsWith(`${a}/`) || a === '/') relation = 'contains STATIC_ROOT';
      if (!relation) return;
      const consequence =
        relation === 'contains STATIC_ROOT'
          ? 'collectstatic writes trusted assets into the uploads directory, where an upload can take their place'
          : 'uploads are published as trusted static files (same URL space, cache rules and CSP), and collectstatic --clear deletes them';
      report({
        setting: 'MEDIA_ROOT',
        message: `MEDIA_ROOT ${relation}: ${consequence}`,
        lines: ['MEDIA_ROOT = "/var/lib/example.com/media"  # separate from STATIC_ROOT'],
      });
    });
  },
});

/**
 * An absolute form of a directory to compare with another: a relative path is joined to manage.py's directory, or
 * to a stand-in working directory when both are relative (they then resolve against the same one).
 */
function comparable(dir: SettingDirectory, other: SettingDirectory, tree: SourceTree): string {
  if (!dir.relative) return dir.path;
  const base = other.relative ? '/cwd' : tree.projectDir ? `${tree.root}/${tree.projectDir}` : tree.root;
  return normalizeDir(`${base}/${dir.path}`);
}
