import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import { display, truthy, type Value } from '../../settings/value.js';

const ONE_YEAR = 31536000;

/** The max-age Django writes, as a number; null when it is not one; undefined when unknown. */
function maxAge(value: Value): number | null | undefined {
  if (value.t === 'unknown') return undefined;
  if (value.t === 'int' || value.t === 'float') return value.v;
  if (value.t === 'str' && /^\d+$/.test(value.v)) return Number(value.v);
  return null;
}

/** ` (the default of HSTS_SUBDOMAINS applies)` when unset environment reads decided a secondary setting. */
function envNote(value: Value): string {
  const variables = [...new Set(unsetDefaults(value.env).map((use) => use.variable))];
  return variables.length > 0 ? ` (${variables.join(', ')} ${variables.length === 1 ? 'is' : 'are'} not set, so the default applies)` : '';
}

export default defineProjectRule({
  meta: {
    code: 'SET203',
    name: 'hsts-preload-without-subdomains',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [319],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'SECURE_HSTS_PRELOAD is on, but the header is not eligible for the HSTS preload list (no includeSubDomains, or max-age under one year).',
    fix: 'Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True and SECURE_HSTS_SECONDS = 31536000 with SECURE_HSTS_PRELOAD, or drop the preload flag until the domain qualifies.',
    docs: {
      whatItDoes:
        'Reports a production settings module where SecurityMiddleware sends a Strict-Transport-Security header ' +
        '(`SECURE_HSTS_SECONDS` non-zero) with the `preload` directive (`SECURE_HSTS_PRELOAD = True`) while the ' +
        'header fails the preload list\'s requirements: `SECURE_HSTS_INCLUDE_SUBDOMAINS` is off, so there is no ' +
        '`includeSubDomains`, or `max-age` is below one year. Django checks neither: `security.W021` only fires ' +
        'when preload is *off*, and `security.W005` is silent about preload.',
      whyItMatters:
        'The `preload` directive asks browser vendors to hard-code the domain as HTTPS-only, which protects even ' +
        'the very first visit against SSL stripping. hstspreload.org rejects a domain whose header lacks ' +
        '`includeSubDomains` or has `max-age` under 31536000, and removes already listed domains that stop meeting ' +
        'the requirements. The settings therefore say "preloaded" while browsers do not preload the domain: first ' +
        'visits and visits after max-age expires stay exposed, and the team believes a protection exists that does ' +
        'not.',
      example: {
        bad: ['SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_PRELOAD = True', '# SECURE_HSTS_INCLUDE_SUBDOMAINS is not set'].join('\n'),
        good: ['SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', 'SECURE_HSTS_PRELOAD = True'].join('\n'),
      },
      howToFix:
        'Make sure every subdomain (including internal tools and old hosts) is served over HTTPS, then set ' +
        '`SECURE_HSTS_INCLUDE_SUBDOMAINS = True` and `SECURE_HSTS_SECONDS = 31536000` (or more) next to ' +
        '`SECURE_HSTS_PRELOAD = True`, and submit the domain at hstspreload.org (the header must be served by the ' +
        'apex domain, which must also redirect HTTP to HTTPS). If some subdomains cannot use HTTPS, remove ' +
        '`SECURE_HSTS_PRELOAD` instead: preloading covers the whole domain and is slow to undo.',
      references: [
        { title: 'Django settings: SECURE_HSTS_PRELOAD', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload' },
        { title: 'Django settings: SECURE_HSTS_INCLUDE_SUBDOMAINS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains' },
        { title: 'HSTS preload list submission requirements', url: 'https://hstspreload.org/' },
        { title: 'MDN: Strict-Transport-Security, preloading', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security#preloading_strict_transport_security' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations:
        'Only Django\'s own header is judged; a header a proxy or CDN rewrites is invisible to a static scan. The ' +
        'other preload requirements (a valid certificate, HTTP redirecting to HTTPS on the apex) are not checked ' +
        'here.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const preload = settings.get('SECURE_HSTS_PRELOAD');
      if (preload.source !== 'assigned' || truthy(preload.value) !== true) return;
      const seconds = settings.get('SECURE_HSTS_SECONDS').value;
      // Without a max-age Django sends no header at all: SET004 reports that.
      if (truthy(seconds) !== true) return;
      const includeSetting = settings.get('SECURE_HSTS_INCLUDE_SUBDOMAINS');
      const include = includeSetting.value;

      const reasons: string[] = [];
      const needed: string[] = [];
      const env: Value[] = [];
      if (truthy(include) === false) {
        const state = includeSetting.source === 'assigned' ? `is ${display(include)}` : 'is not set';
        reasons.push(`SECURE_HSTS_INCLUDE_SUBDOMAINS ${state}${envNote(include)}, so the header lacks includeSubDomains`);
        needed.push('SECURE_HSTS_INCLUDE_SUBDOMAINS = True');
        env.push(include);
      }
      const age = maxAge(seconds);
      if (age === null || (age !== undefined && age < ONE_YEAR)) {
        reasons.push(`SECURE_HSTS_SECONDS is ${display(seconds)}${envNote(seconds)}, ${age === null ? 'not a number of seconds' : 'under one year (31536000)'}`);
        needed.push('SECURE_HSTS_SECONDS = 31536000');
        env.push(seconds);
      }
      if (reasons.length === 0) return;
      const secondaryEnv = env.some((v) => unsetDefaults(v.env).length > 0) && !settings.environment.given;
      report({
        setting: 'SECURE_HSTS_PRELOAD',
        message: `SECURE_HSTS_PRELOAD is on, but the domain is not eligible for the HSTS preload list: ${reasons.join('; ')}`,
        fix: `In ${settings.path}, set ${needed.join(' and ')} next to SECURE_HSTS_PRELOAD = True once every subdomain serves HTTPS, or remove SECURE_HSTS_PRELOAD until the domain qualifies.`,
        ...(secondaryEnv ? { confidence: 'medium' as const } : {}),
      });
    });
  },
});
