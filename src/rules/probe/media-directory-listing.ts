import { defineProbeRule } from '../../core/rule.js';
import { directoryListings } from '../../probe/django/signals.js';

export default defineProbeRule({
  meta: {
    code: 'WEB054',
    name: 'media-directory-listing',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [548],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'preview',
    summary: 'The media directory is listed: anyone can enumerate the files users uploaded.',
    fix: 'Turn off directory indexes for MEDIA_URL (nginx autoindex off; no show_indexes=True in django.views.static.serve).',
    docs: {
      whatItDoes:
        'Reports a directory listing ("Index of /media/") among the paths the probe tried: Django\'s ' +
        '`django.views.static.serve` with `show_indexes=True`, or the web server\'s autoindex (nginx, Apache). The ' +
        'finding names the first entries listed.',
      whyItMatters:
        'Uploaded files are often private by obscurity only: invoices, identity documents, exports and avatars ' +
        'stored under unguessable names. A listing turns every one of them into a download for anyone, and shows ' +
        'which files the application keeps.',
      example: {
        bad: ['# urls.py', 're_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT, "show_indexes": True})'].join('\n'),
        good: ['# nginx', 'location /media/ {', '    alias /srv/shop/media/;', '    autoindex off;', '}'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Serve MEDIA_ROOT with the web server, with directory indexes off (nginx `autoindex off`, the default; Apache ' +
        '`Options -Indexes`), and do not route it through `django.views.static.serve` in production at all. Serve private ' +
        'files through a view that checks permissions (with X-Accel-Redirect / X-Sendfile).',
      references: [
        { title: 'Django: Serving files uploaded by a user during development', url: 'https://docs.djangoproject.com/en/stable/howto/static-files/#serving-files-uploaded-by-a-user-during-development' },
        { title: 'Django: django.views.static.serve', url: 'https://docs.djangoproject.com/en/stable/ref/views/#django.views.static.serve' },
        { title: 'CWE-548: Exposure of Information Through Directory Listing', url: 'https://cwe.mitre.org/data/definitions/548.html' },
      ],
      limitations: 'Only `/media/` (and the other probed paths) is tried; a MEDIA_URL elsewhere is not found.',
    },
  },
  check(context) {
    const { site } = context;
    for (const listing of directoryListings(site)) {
      const by = listing.server === 'django' ? "Django's static serve view (show_indexes=True)" : "the web server's autoindex";
      const shown = listing.entries.slice(0, 5).join(', ');
      context.report({
        url: listing.url,
        message: `${listing.url} lists its directory (${by}): ${listing.entries.length === 0 ? 'empty for now' : `${listing.entries.length}${listing.entries.length >= 20 ? '+' : ''} entries such as ${shown}`}`,
        key: `listing ${listing.path}`,
        evidence: [`GET ${listing.url} → 200`, `Index of ${listing.path}`, ...listing.entries.slice(0, 10).map((entry) => `  ${entry}`)],
      });
    }
  },
});
