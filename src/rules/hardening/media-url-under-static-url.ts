import { defineProjectRule } from '../../core/rule.js';
import { checkSettings } from '../../settings/report.js';
import { pyRepr } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'HRD044',
    name: 'media-url-under-static-url',
    family: 'hardening',
    severity: 'low',
    confidence: 'high',
    cwe: [552],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'MEDIA_URL equals STATIC_URL or starts with it, so user uploads are served under the URL prefix of trusted static files.',
    fix: 'Serve uploads under their own prefix, distinct from STATIC_URL and not inside it (for example STATIC_URL = "/static/" and MEDIA_URL = "/media/"), or from another domain.',
    docs: {
      whatItDoes:
        'Reports `MEDIA_URL` in a production settings module when it is the same URL as `STATIC_URL` or a URL under ' +
        'it (`STATIC_URL = "/static/"`, `MEDIA_URL = "/static/uploads/"`). Relative prefixes are compared the way ' +
        'Django uses them (`"static/"` is served at `/static/`); URLs on different hosts are not compared.',
      whyItMatters:
        'Everything under `STATIC_URL` is treated as first-party, immutable code: long cache lifetimes, a Content ' +
        'Security Policy that allows scripts from that path or origin, a CDN that caches it. Uploads under the same ' +
        'prefix inherit that trust, so an uploaded script or SVG runs as the site\'s own. The web server\'s ' +
        '`location /static/` block also catches the media URLs and serves them from `STATIC_ROOT`, which invites ' +
        'mixing the two directories. Django raises `ImproperlyConfigured` when the two URLs are equal, but only when ' +
        'the staticfiles storage is used, and does not check nesting.',
      example: {
        bad: ['STATIC_URL = "/static/"', 'MEDIA_URL = "/static/media/"'].join('\n'),
        good: ['STATIC_URL = "/static/"', 'MEDIA_URL = "/media/"'].join('\n'),
      },
      howToFix:
        'Pick a separate prefix for uploads (`/media/`), or better a separate domain (`https://media.example-cdn.com/`), ' +
        'and give that location its own web-server rules: `X-Content-Type-Options: nosniff`, ' +
        '`Content-Disposition: attachment` for non-image types, no script execution.',
      references: [
        { title: 'Django settings: MEDIA_URL', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#media-url' },
        { title: 'Django settings: STATIC_URL', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#static-url' },
        { title: 'Django security: User-uploaded content', url: 'https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content' },
        { title: 'CWE-552: Files or Directories Accessible to External Parties', url: 'https://cwe.mitre.org/data/definitions/552.html' },
      ],
      limitations: 'Both settings must be known strings; URLs built at run time or read from the environment without a default are not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const media = settings.get('MEDIA_URL');
      const statics = settings.get('STATIC_URL');
      if (media.source !== 'assigned' || media.value.t !== 'str' || statics.value.t !== 'str') return;
      const mediaUrl = normalizeUrl(media.value.v);
      const staticUrl = normalizeUrl(statics.value.v);
      if (mediaUrl === undefined || staticUrl === undefined) return;
      let relation: string | undefined;
      if (mediaUrl === staticUrl) relation = 'is the same URL as';
      else if (mediaUrl.startsWith(staticUrl)) relation = 'lies under';
      if (!relation) return;
      report({
        setting: 'MEDIA_URL',
        message: `MEDIA_URL ${pyRepr(media.value.v)} ${relation} STATIC_URL ${pyRepr(statics.value.v)}: user uploads are served under the prefix of trusted static files`,
        lines: ['MEDIA_URL = "/media/"  # distinct from STATIC_URL'],
      });
    });
  },
});

/** A URL prefix as Django serves it: relative prefixes get a leading slash, and a trailing slash is implied. */
function normalizeUrl(url: string): string | undefined {
  let text = url.trim();
  if (text === '' || text === '/') return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !text.startsWith('//')) text = text.startsWith('/') ? text : `/${text}`;
  return text.endsWith('/') ? text : `${text}/`;
}
