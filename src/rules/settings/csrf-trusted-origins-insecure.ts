import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import { atLeast } from '../../settings/django-defaults.js';
import { checkSettings } from '../../settings/report.js';
import { pyRepr, type Value } from '../../settings/value.js';
import { isPublicSuffix, placeEntry } from './allowed-hosts-wildcard.js';

const LOOPBACK = /^(?:localhost|127(?:\.\d+){3}|\[::1\]|0\.0\.0\.0)$/i;

interface Verdict {
  message: string;
  severity: Severity;
  /** What the entry becomes in the fix: a replacement, or null to drop it. */
  replacement: string | null;
}

/**
 * Django 4.0+: an entry with `*` is split with urlsplit and its netloc stripped of leading `*` — `.example.com`
 * trusts subdomains, an empty pattern trusts nothing —; other entries are exact origins.
 */
function judgeOrigin(entry: string): Verdict | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(entry);
  const scheme = match ? match[1]!.toLowerCase() : '';
  const netloc = match ? match[2]! : '';
  const cleartext = scheme === 'http';
  if (entry.includes('*')) {
    const pattern = netloc.replace(/^\*+/, '');
    if (pattern === '') {
      return {
        message:
          `CSRF_TRUSTED_ORIGINS contains ${pyRepr(entry)}, which reads as "trust every origin": Django strips the ` +
          "'*' and is left with an empty pattern that matches nothing, so it is inert today, but it documents an " +
          'intent to disable the Origin check that a later edit could make real',
        severity: 'low',
        replacement: null,
      };
    }
    const host = pattern.replace(/:\d+$/, '');
    if (host.startsWith('.') && isPublicSuffix(host.slice(1))) {
      return {
        message:
          `CSRF_TRUSTED_ORIGINS contains ${pyRepr(entry)}, which trusts every origin under ${pyRepr(host)} — sites ` +
          `anyone can register${cleartext ? ', even over cleartext HTTP' : ''} — so the Origin check no longer ` +
          'stops cross-site form posts from them',
        severity: 'medium',
        replacement: null,
      };
    }
  }
  if (!cleartext) return undefined;
  const host = netloc.replace(/^\*+\.?/, '').replace(/:\d+$/, '');
  const loopback = LOOPBACK.test(host);
  return {
    message:
      `CSRF_TRUSTED_ORIGINS trusts ${pyRepr(entry)}, a cleartext http:// origin: a network attacker can rewrite ` +
      'that page and submit forms to this site, which Django then accepts as coming from a trusted origin' +
      (loopback ? ' (a local development origin left in production settings)' : ''),
    severity: loopback ? 'low' : 'medium',
    replacement: loopback ? null : `https://${entry.slice(entry.indexOf('://') + 3)}`,
  };
}

/** Before Django 4.0 entries are host patterns (`.example.com`), used only for the HTTPS Referer check. */
function judgeHost(entry: string): Verdict | undefined {
  if (entry === '*') {
    return {
      message:
        'CSRF_TRUSTED_ORIGINS contains \'*\', which reads as "trust every host": Django matches it literally, so ' +
        'it is inert today, but it documents an intent to disable the Referer check that a later edit could make real',
      severity: 'low',
      replacement: null,
    };
  }
  const host = entry.replace(/:\d+$/, '');
  if (host.startsWith('.') && isPublicSuffix(host.slice(1))) {
    return {
      message: `CSRF_TRUSTED_ORIGINS contains ${pyRepr(entry)}, which trusts every host under ${pyRepr(host)} — sites anyone can register — so the Referer check no longer stops cross-site form posts from them`,
      severity: 'medium',
      replacement: null,
    };
  }
  return undefined;
}

export default defineProjectRule({
  meta: {
    code: 'SET206',
    name: 'csrf-trusted-origins-insecure',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [352, 346],
    owasp: ['A01:2021-Broken Access Control', 'A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'CSRF_TRUSTED_ORIGINS trusts a cleartext http:// origin or an overly broad wildcard.',
    fix: 'List only the exact https:// origins that must post to the site in CSRF_TRUSTED_ORIGINS (a subdomain wildcard of your own domain at most).',
    docs: {
      whatItDoes:
        'Evaluates `CSRF_TRUSTED_ORIGINS` in each production settings module and reports entries that weaken ' +
        "Django's CSRF origin check: `http://` origins (cleartext; loopback origins such as `http://localhost` as " +
        "low), wildcards over a top-level domain or a shared hosting suffix (`'https://*.com'`, " +
        "`'https://*.herokuapp.com'`), and catch-all wildcards (`'*'`, `'https://*'`), which Django silently " +
        'turns into a pattern that matches nothing (low: the configuration does not do what it says). The rules ' +
        'follow the project\'s Django version: from 4.0 entries are origins with a scheme; before 4.0 they were ' +
        'host patterns such as `.example.com`, and only the wildcard cases apply.',
      whyItMatters:
        'For unsafe requests (POST, PUT, DELETE…) Django requires the `Origin` header (or, over HTTPS, the ' +
        '`Referer`) to be the site itself or a trusted origin, on top of the CSRF token. Trusting an `http://` ' +
        'origin means trusting a page a network attacker can rewrite; over HTTP the attacker can also plant a ' +
        'CSRF cookie of their own, which together defeats the token check — exactly the attack Django\'s strict ' +
        'HTTPS Referer checking exists to stop. A wildcard over `.com` or a hosting platform\'s shared domain ' +
        'trusts millions of sites, including ones the attacker creates in a minute. A catch-all `*` shows an ' +
        'intent to disable the check; it is inert today, and the next edit that makes it work opens the hole.',
      example: {
        bad: ['CSRF_TRUSTED_ORIGINS = [', '    "http://shop.example.com",', '    "https://*.herokuapp.com",', ']'].join('\n'),
        good: ['CSRF_TRUSTED_ORIGINS = [', '    "https://shop.example.com",', '    "https://*.example.com",  # your own subdomains only', ']'].join('\n'),
      },
      howToFix:
        'List the exact `https://` origins that legitimately submit to the site (a separate front-end, a payment ' +
        'provider\'s return page). Use a subdomain wildcard only for a domain you control entirely ' +
        '(`https://*.example.com`). Serve every trusted origin over HTTPS, and do not ship development origins ' +
        '(`http://localhost:3000`) in production settings: read the list from the environment if it differs ' +
        'between deployments.',
      references: [
        { title: 'Django settings: CSRF_TRUSTED_ORIGINS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins' },
        { title: 'Django: How CSRF protection works', url: 'https://docs.djangoproject.com/en/stable/ref/csrf/#how-it-works' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
        { title: 'CWE-352: Cross-Site Request Forgery (CSRF)', url: 'https://cwe.mitre.org/data/definitions/352.html' },
        { title: 'CWE-346: Origin Validation Error', url: 'https://cwe.mitre.org/data/definitions/346.html' },
      ],
      limitations:
        'The list of shared hosting suffixes is short and built in, not the full public suffix list. Whether an ' +
        'origin is under your control cannot be known statically; only the scheme and the wildcard shape are ' +
        'judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const origins = settings.get('CSRF_TRUSTED_ORIGINS');
      const value: Value = origins.value;
      if (origins.source !== 'assigned' || (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set')) return;
      const modern = atLeast(settings.django.version, '4.0');
      const items = value.items.filter((item): item is Extract<Value, { t: 'str' }> => item.t === 'str');
      const entries = items.map((item) => item.v);
      const verdicts = new Map<string, { verdict: Verdict; item: Value }>();
      for (const item of items) {
        const verdict = modern ? judgeOrigin(item.v) : judgeHost(item.v);
        if (verdict && !verdicts.has(item.v)) verdicts.set(item.v, { verdict, item });
      }
      if (verdicts.size === 0) return;
      const fixed: string[] = [];
      for (const entry of entries) {
        const found = verdicts.get(entry);
        const next = found ? found.verdict.replacement : entry;
        if (next !== null && !fixed.includes(next)) fixed.push(next);
      }
      const line =
        fixed.length > 0
          ? `CSRF_TRUSTED_ORIGINS = [${fixed.map((e) => pyRepr(e)).join(', ')}]`
          : `CSRF_TRUSTED_ORIGINS = []  # or the exact ${modern ? 'https:// origins' : 'host names'} that must post to the site`;
      for (const [entry, { verdict, item }] of verdicts) {
        const { at, note, confidence, fix } = placeEntry(settings, origins, item, entry);
        report({
          setting: 'CSRF_TRUSTED_ORIGINS',
          message: verdict.message + note,
          ...(fix ? { fix: fix(line) } : { lines: [line] }),
          severity: verdict.severity,
          ...(at ? { at } : {}),
          ...(confidence ? { confidence } : {}),
        });
      }
    });
  },
});
