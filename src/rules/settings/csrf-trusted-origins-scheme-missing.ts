import { defineProjectRule } from '../../core/rule.js';
import { checkExists } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, iterate, str } from '../../settings/value.js';

/** The origin Django 4.0 wants for a pre-4.0 entry: `https://` added, a leading-dot domain as a wildcard. */
function suggestion(origin: string): string {
  if (origin.includes('://')) return origin;
  const host = origin.trim().replace(/^\/+/, '');
  return `https://${host.startsWith('.') ? `*${host}` : host}`;
}

export default defineProjectRule({
  meta: {
    code: 'SET040',
    name: 'csrf-trusted-origins-scheme-missing',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [346],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: ['4_0.E001'],
    status: 'stable',
    summary: 'A CSRF_TRUSTED_ORIGINS entry has no scheme, which Django 4.0 and later require.',
    fix: 'Write every CSRF_TRUSTED_ORIGINS entry as a full origin with its scheme, e.g. "https://example.com" or "https://*.example.com".',
    docs: {
      whatItDoes:
        'Reports each entry of `CSRF_TRUSTED_ORIGINS` without `://` in a production settings module of a Django ' +
        '4.0 (or later) project: the pre-4.0 form `"example.com"` or `".example.com"`. When the setting is a plain ' +
        'string instead of a list, Django iterates its characters and reports each; ponyguard reports that once. ' +
        'This is Django\'s compatibility check `4_0.E001`, a regular system check (it runs on every ' +
        '`manage.py check`, `runserver` and `migrate`).',
      whyItMatters:
        'Since Django 4.0 the CSRF middleware compares the full `Origin` header (scheme, host and port) with these ' +
        'entries. An entry without a scheme never matches, so legitimate cross-origin form posts from that host fail ' +
        'with 403, and the usual reaction under pressure is to weaken CSRF protection: exempting views with ' +
        '`@csrf_exempt`, or trusting `http://` or wildcard origins. The check error also stops management ' +
        'commands until the setting is fixed.',
      example: {
        bad: ['CSRF_TRUSTED_ORIGINS = [".example.com", "admin.example.com"]'].join('\n'),
        good: ['CSRF_TRUSTED_ORIGINS = ["https://*.example.com", "https://admin.example.com"]'].join('\n'),
      },
      howToFix:
        'Prefix every entry with its scheme: `https://admin.example.com`. A leading-dot subdomain entry becomes a ' +
        'wildcard origin, `https://*.example.com`. Use `https://` only; listing `http://` origins trusts requests an ' +
        'attacker on the network can forge. When the value comes from an environment variable, split it into a list ' +
        '(`os.environ["CSRF_TRUSTED_ORIGINS"].split(",")`) rather than assigning the string.',
      references: [
        { title: 'Django settings: CSRF_TRUSTED_ORIGINS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins' },
        { title: 'Django 4.0 release notes: CSRF_TRUSTED_ORIGINS changes', url: 'https://docs.djangoproject.com/en/stable/releases/4.0/#csrf-trusted-origins-changes-4-0' },
        { title: 'Django system checks: compatibility (4_0.E001)', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#compatibility' },
        { title: 'CWE-346: Origin Validation Error', url: 'https://cwe.mitre.org/data/definitions/346.html' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'Entries ponyguard cannot evaluate are not judged. Before Django 4.0 scheme-less entries were the correct ' +
        'form, so nothing is reported for older pinned versions. A non-string entry (None) makes Django\'s own check ' +
        'crash and the setting is then not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '4.0')) return;
      const origins = settings.get('CSRF_TRUSTED_ORIGINS');
      if (origins.source === 'opaque') return;
      const value = origins.value;
      if (value.t === 'str') {
        if (value.v.length === 0) return;
        report({
          setting: 'CSRF_TRUSTED_ORIGINS',
          message: `CSRF_TRUSTED_ORIGINS is a string, not a list: Django iterates its ${[...value.v].length} characters as origins, none of which has a scheme`,
          lines: [`CSRF_TRUSTED_ORIGINS = [${value.v.split(',').filter((o) => o.trim()).map((o) => display(str(suggestion(o.trim())))).join(', ')}]`],
          djangoId: '4_0.E001',
        });
        return;
      }
      if (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set' && value.t !== 'dict') return;
      const entries = iterate(value) ?? [];
      // `"://" not in origin` raises TypeError for a non-string entry: Django's check crashes, nothing to compare.
      if (entries.some((entry) => entry.t !== 'str' && entry.t !== 'unknown')) return;
      entries.forEach((entry) => {
        if (entry.t !== 'str' || entry.v.includes('://')) return;
        report({
          setting: 'CSRF_TRUSTED_ORIGINS',
          message: `CSRF_TRUSTED_ORIGINS entry ${display(entry)} has no scheme: since Django 4.0 it never matches a request's Origin`,
          // The entry: reported at its literal or at the default of the environment read that gave it. An entry
          // without either (an item of `os.environ.get(…).split(",")`) leaves the whole setting's provenance in force.
          ...(entry.src || entry.env ? { value: entry } : {}),
          fix: `Write the entry with its scheme: ${display(str(suggestion(entry.v)))}.`,
          djangoId: '4_0.E001',
        });
      });
    });
  },
});
