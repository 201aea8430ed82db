import { defineProjectRule } from '../../core/rule.js';
import { hasApp, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { display, pyRepr, truthy, type Value } from '../../settings/value.js';
import { placeEntry } from './allowed-hosts-wildcard.js';

const CORS_MIDDLEWARE = 'corsheaders.middleware.CorsMiddleware';

/** Origins no project would list on purpose: a pattern that accepts them accepts every origin of that scheme. */
const HTTPS_PROBES = ['https://attacker.example', 'https://x.y.z.invalid:8443'];
const HTTP_PROBE = 'http://evil.test';

/**
 * django-cors-headers reads the new setting name when it is assigned and falls back to the pre-3.5 name: returns
 * the name in force, or undefined when neither is assigned.
 */
function inForce(settings: SettingsSnapshot, current: string, legacy: string): string | undefined {
  if (settings.assigns(current)) return current;
  if (settings.assigns(legacy)) return legacy;
  return undefined;
}

/**
 * Which origins a Python regular expression accepts under `re.match` (anchored at the start): 'all' (every origin),
 * 'https' (every https:// origin), or undefined (not a catch-all, or not translatable to a JavaScript RegExp).
 */
function catchAll(pattern: string): 'all' | 'https' | undefined {
  let body = pattern;
  let flags = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(body);
  if (inline) {
    if (inline[1]!.includes('x')) return undefined;
    if (inline[1]!.includes('i')) flags += 'i';
    if (inline[1]!.includes('s')) flags += 's';
    if (inline[1]!.includes('m')) flags += 'm';
    body = body.slice(inline[0].length);
  }
  body = body.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>').replace(/\\A/g, '^').replace(/\\Z/g, '$');
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${body})`, flags);
  } catch {
    return undefined;
  }
  if (!HTTPS_PROBES.every((probe) => regex.test(probe))) return undefined;
  return regex.test(HTTP_PROBE) ? 'all' : 'https';
}

export default defineProjectRule({
  meta: {
    code: 'SET207',
    name: 'cors-allow-all-origins',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [942, 346],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'django-cors-headers lets every origin read responses (allow-all flag or a catch-all origin regex).',
    fix: 'Turn CORS_ALLOW_ALL_ORIGINS off and list the front-end origins that need access in CORS_ALLOWED_ORIGINS.',
    docs: {
      whatItDoes:
        'For projects that use django-cors-headers (`corsheaders` in `INSTALLED_APPS` or its `CorsMiddleware` in ' +
        '`MIDDLEWARE`), reports production settings that grant cross-origin access to every site: ' +
        '`CORS_ALLOW_ALL_ORIGINS` (or its pre-3.5 name `CORS_ORIGIN_ALLOW_ALL`) set to a true value, and entries of ' +
        '`CORS_ALLOWED_ORIGIN_REGEXES` (or `CORS_ORIGIN_REGEX_WHITELIST`) that match any origin, such as `.*`, ' +
        '`^.*$`, `^https?://.*$` or `^https://.+$`. The regex is tested the way the library uses it ' +
        '(`re.match`) against origins no project would list. The finding is high when `CORS_ALLOW_CREDENTIALS` ' +
        'is on and medium otherwise. Without django-cors-headers these settings do nothing and are not reported.',
      whyItMatters:
        'The browser\'s same-origin policy stops other websites from reading your responses; CORS headers relax ' +
        'it. With allow-all and no credentials, the library answers `Access-Control-Allow-Origin: *`: any page can ' +
        'read every response that needs no cookie, which exposes APIs protected only by network position (an ' +
        'intranet, a VPN, IP allow-lists) to any site an employee visits. With `CORS_ALLOW_CREDENTIALS = True` the ' +
        'library reflects whatever `Origin` arrives and adds `Access-Control-Allow-Credentials: true`, so a ' +
        'malicious site can send authenticated requests in the victim\'s name and read the answers — account data, ' +
        'CSRF tokens, API keys. SameSite=Lax session cookies limit this for cross-site pages, but not for sibling ' +
        'subdomains, SameSite=None cookies or tokens the browser attaches automatically.',
      example: {
        bad: ['INSTALLED_APPS = [..., "corsheaders"]', 'CORS_ALLOW_ALL_ORIGINS = True', 'CORS_ALLOW_CREDENTIALS = True'].join('\n'),
        good: [
          'INSTALLED_APPS = [..., "corsheaders"]',
          'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]',
          'CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://[a-z0-9-]+\\.example\\.com$"]',
          'CORS_ALLOW_CREDENTIALS = True',
        ].join('\n'),
      },
      howToFix:
        'Set `CORS_ALLOW_ALL_ORIGINS = False` (the default) and list the exact origins of the front-ends that ' +
        'call the API in `CORS_ALLOWED_ORIGINS`. If a family of subdomains needs access, use an anchored regex ' +
        'that escapes the dots and ends with `$` (`r"^https://[a-z0-9-]+\\.example\\.com$"`). Keep ' +
        '`CORS_ALLOW_CREDENTIALS` off unless a listed origin really needs cookies, and limit CORS to the API ' +
        'paths with `CORS_URLS_REGEX`. A truly public, read-only API may allow every origin without credentials; ' +
        'serve it from its own path and say so in a comment.',
      references: [
        { title: 'django-cors-headers: configuration', url: 'https://github.com/adamchainz/django-cors-headers#configuration' },
        { title: 'MDN: Cross-Origin Resource Sharing (CORS)', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS' },
        { title: 'PortSwigger: CORS vulnerabilities', url: 'https://portswigger.net/web-security/cors' },
        { title: 'OWASP WSTG: Testing Cross Origin Resource Sharing', url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/11-Client-side_Testing/07-Testing_Cross_Origin_Resource_Sharing' },
        { title: 'CWE-942: Permissive Cross-domain Policy with Untrusted Domains', url: 'https://cwe.mitre.org/data/definitions/942.html' },
      ],
      limitations:
        'Only catch-all regexes are reported; a regex that is too loose in a subtler way (an unescaped dot, a ' +
        'missing `$` that lets `https://example.com.attacker.net` through) is not. CORS headers added by a proxy, ' +
        'or by views with their own decorators, are invisible here. `CORS_URLS_REGEX` is mentioned but does not ' +
        'lower the severity.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasApp(settings, 'corsheaders') !== true && hasMiddleware(settings, CORS_MIDDLEWARE) !== true) return;
      const credentials = settings.assigns('CORS_ALLOW_CREDENTIALS') && truthy(settings.get('CORS_ALLOW_CREDENTIALS').value) === true;
      const severity = credentials ? 'high' : 'medium';
      const impact = credentials
        ? 'with CORS_ALLOW_CREDENTIALS on, any website can send authenticated requests in a visitor\'s name and read the responses'
        : 'any website can read every response that needs no credentials (including APIs protected only by network position)';
      let scope = '';
      if (settings.assigns('CORS_URLS_REGEX')) {
        const urls = settings.get('CORS_URLS_REGEX').value;
        if (urls.t === 'str' && !/^\^?\.\*\$?$/.test(urls.v)) scope = ` on URLs matching CORS_URLS_REGEX ${pyRepr(urls.v)}`;
      }

      const allowAll = inForce(settings, 'CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL');
      if (allowAll) {
        const value = settings.get(allowAll).value;
        if (truthy(value) === true) {
          report({
            setting: allowAll,
            message: `${allowAll} is ${display(value)}: django-cors-headers accepts every origin${scope}; ${impact}`,
            lines: [`${allowAll} = False`, 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]  # the front-ends that call the API'],
            severity,
          });
        }
      }

      const regexName = inForce(settings, 'CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST');
      if (!regexName) return;
      const regexes = settings.get(regexName);
      const list: Value = regexes.value;
      if (list.t !== 'list' && list.t !== 'tuple' && list.t !== 'set') return;
      list.items.forEach((item, index) => {
        if (item.t !== 'str') return;
        const reach = catchAll(item.v);
        if (!reach) return;
        const { at, note, confidence, fix } = placeEntry(settings, regexes, item, item.v);
        const line = `${regexName} = [r"^https://[a-z0-9-]+\\.example\\.com$"]  # your own origins, anchored and escaped`;
        report({
          setting: regexName,
          message: `${regexName}[${index}] = ${pyRepr(item.v)} matches every ${reach === 'all' ? '' : 'https:// '}origin${scope}; ${impact}${note}`,
          ...(fix ? { fix: fix(line) } : { lines: [line] }),
          severity,
          ...(at ? { at } : {}),
          ...(confidence ? { confidence } : {}),
        });
      });
    });
  },
});
