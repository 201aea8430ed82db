import { defineProjectRule } from '../../core/rule.js';
import { walk } from '../../python/ast.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import type { ResolvedSetting, SettingsSnapshot } from '../../settings/snapshot.js';
import { iterate, pyRepr, type Origin, type Value } from '../../settings/value.js';

// The helpers below are exported for the other list-setting rules of this group (SET201, SET206, SET207):
// placing a finding at one entry of a list is not something src/settings/report.ts offers yet.

/**
 * Suffixes under which anyone can register a name (top-level domains are handled separately): a leading-dot entry
 * for one of them trusts host names chosen by strangers. A short list of the common ones, not the whole public
 * suffix list.
 */
const SHARED_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.nz', 'co.jp', 'ne.jp', 'com.br', 'com.cn',
  'co.in', 'co.za', 'com.mx', 'com.ar', 'com.tr', 'co.kr', 'com.sg', 'com.hk', 'com.tw',
  'herokuapp.com', 'herokudns.com', 'azurewebsites.net', 'cloudapp.net', 'appspot.com', 'web.app', 'firebaseapp.com',
  'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev', 'github.io', 'gitlab.io', 'onrender.com', 'fly.dev',
  'railway.app', 'up.railway.app', 'pythonanywhere.com', 'ngrok.io', 'ngrok-free.app', 'ngrok.app', 'trycloudflare.com',
  'cloudfront.net', 'amazonaws.com', 'elasticbeanstalk.com', 'azurestaticapps.net', 'ondigitalocean.app', 'run.app',
]);

/** Is the suffix (without the leading dot) a top-level domain or a suffix open to public registration? */
export function isPublicSuffix(suffix: string): boolean {
  const lower = suffix.toLowerCase().replace(/\.$/, '');
  return lower !== '' && (!lower.includes('.') || SHARED_SUFFIXES.has(lower));
}

/** The string literal node with exactly this text inside an origin (a list entry in an assignment), if any. */
export function literalIn(origin: Origin | undefined, text: string): Origin | undefined {
  if (!origin) return undefined;
  let found: Origin | undefined;
  walk(origin.node, (node) => {
    if (found) return false;
    if (node.type !== 'string' && node.type !== 'concatenated_string') return undefined;
    const literal = origin.module.literal(node);
    if (literal?.kind === 'str' && literal.value === text) found = { ...origin, node };
    return false;
  });
  return found;
}

export interface Placement {
  at?: Origin;
  /** Context checkSettings cannot add once a location is given. */
  note: string;
  /** The note is an environment condition ("when X is not set …"), not an inheritance remark. */
  fromEnv: boolean;
  /** No location given: checkSettings reports at the list's environment default and says so itself. */
  wholeList: boolean;
  confidence?: 'medium' | 'high';
  /**
   * The fix, when checkSettings' own would name the list's environment default rather than this entry: given the
   * line(s) the module should contain.
   */
  fix?: (lines: string) => string;
}

export function lineOf(origin: Origin): number {
  return origin.module.lines.lineOf(origin.node.start);
}

/**
 * Where to report one entry of a list setting. A list carries the environment provenance of all its items, so
 * checkSettings alone would put a literal `'*'` at an unrelated item's default: an entry with its own default is
 * reported there, any other entry at its literal (with high confidence, since no variable decides it). Only a
 * list that comes whole from an environment default (`env.list("X", default=[…])`) is left to checkSettings.
 */
export function placeEntry(settings: SettingsSnapshot, resolved: ResolvedSetting, item: Value, text: string): Placement {
  const listUnset = unsetDefaults(resolved.value.env);
  const items = iterate(resolved.value) ?? [];
  const fromItems = listUnset.every((use) => items.some((other) => (other.env ?? []).some((u) => u.variable === use.variable && u.defaultAt?.node === use.defaultAt?.node)));
  if (listUnset.length > 0 && !fromItems) return { note: '', fromEnv: false, wholeList: true };
  const own = unsetDefaults(item.env);
  if (own.length > 0) {
    const variables = [...new Set(own.map((use) => use.variable))];
    const names = variables.join(', ');
    const defaultAt = own.find((use) => use.defaultAt)?.defaultAt;
    const at = defaultAt ?? literalIn(resolved.at, text) ?? resolved.at;
    return {
      ...(at ? { at } : {}),
      ...(defaultAt
        ? {
            fix: (lines: string) =>
              `Set ${names} in the production environment, and make the default at ${defaultAt.path}:${lineOf(defaultAt)} safe (or remove it so a missing variable fails loudly); the value must give: ${lines}`,
          }
        : {}),
      note: ` when ${names} ${variables.length === 1 ? 'is' : 'are'} not set (the default applies; set ${names} in the production environment)`,
      fromEnv: true,
      wholeList: false,
      confidence: settings.environment.given ? 'high' : 'medium',
    };
  }
  const at = literalIn(resolved.at, text) ?? resolved.at;
  const inherited = at && resolved.at && resolved.at.path !== settings.path ? ` — inherited from ${resolved.at.path}` : '';
  const assigned = resolved.at;
  const fix =
    listUnset.length > 0 && assigned
      ? (lines: string) =>
          assigned.path === settings.path
            ? `In ${settings.path}, change line ${lineOf(assigned)} to: ${lines}`
            : `In ${settings.path}, add: ${lines} (it currently inherits ${resolved.name} from ${assigned.path}:${lineOf(assigned)})`
      : undefined;
  return {
    ...(at ? { at } : {}),
    note: inherited,
    fromEnv: false,
    wholeList: false,
    ...(listUnset.length > 0 ? { confidence: 'high' as const } : {}),
    ...(fix ? { fix } : {}),
  };
}

type Verdict = { kind: 'any' } | { kind: 'public'; suffix: string } | { kind: 'subdomains'; domain: string };

/** How an ALLOWED_HOSTS entry matches (Django's `validate_host`: `'*'`, a leading-dot pattern, or an exact name). */
function classify(entry: string): Verdict | undefined {
  if (entry === '*') return { kind: 'any' };
  if (entry.startsWith('.') && entry.length > 1) {
    const domain = entry.slice(1);
    return isPublicSuffix(domain) ? { kind: 'public', suffix: domain } : { kind: 'subdomains', domain };
  }
  return undefined;
}

/** The list with the wildcard entries replaced by explicit names, for the fix. */
function fixedList(entries: string[]): string {
  const out: string[] = [];
  const add = (name: string) => {
    if (!out.includes(name)) out.push(name);
  };
  for (const entry of entries) {
    const verdict = classify(entry);
    if (!verdict) add(entry);
    else if (verdict.kind === 'subdomains') {
      add(verdict.domain);
      add(`www.${verdict.domain}`);
    }
  }
  if (out.length === 0) out.push('www.example.com');
  const rendered = `ALLOWED_HOSTS = [${out.map((e) => pyRepr(e)).join(', ')}]`;
  return out.includes('www.example.com') && !entries.includes('www.example.com') ? `${rendered}  # the host names the site really serves` : rendered;
}

export default defineProjectRule({
  meta: {
    code: 'SET200',
    name: 'allowed-hosts-wildcard',
    family: 'settings',
    severity: 'high',
    confidence: 'high',
    cwe: [346, 640],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'ALLOWED_HOSTS accepts any Host header (\'*\') or every subdomain of a domain in production.',
    fix: 'List the exact host names the site serves in ALLOWED_HOSTS instead of \'*\' or a leading-dot wildcard.',
    docs: {
      whatItDoes:
        'Evaluates `ALLOWED_HOSTS` in each production settings module (through split settings and environment ' +
        'defaults such as `os.environ.get("ALLOWED_HOSTS", "*").split(",")`) and reports the entries that make ' +
        'Django accept host names nobody chose: `\'*\'`, which accepts every `Host` header (high), a leading-dot ' +
        'entry on a top-level domain or a shared hosting suffix such as `\'.com\'` or `\'.herokuapp.com\'`, which ' +
        'accepts names anyone can register (high), and a leading-dot subdomain wildcard such as `\'.example.com\'`, ' +
        'which accepts every subdomain of your own domain (low, informational). Django\'s `check --deploy` only ' +
        'warns when the list is empty (`security.W020`), never about wildcards.',
      whyItMatters:
        'Django builds absolute URLs from the `Host` header (`request.get_host()`, `build_absolute_uri()`): the ' +
        'password-reset e-mail, e-mail confirmation links, redirects and OAuth callbacks. With `\'*\'` an attacker ' +
        'asks for a password reset of the victim\'s account with `Host: attacker.example`; the victim receives a ' +
        'genuine e-mail whose link carries the reset token to the attacker\'s server. The same header ends up in ' +
        'cache keys, so one poisoned response can be served to other users (web cache poisoning). A subdomain ' +
        'wildcard is much narrower, but it still trusts every present and future subdomain, including a forgotten ' +
        'DNS record pointing at a deprovisioned cloud resource that someone else can take over.',
      example: {
        bad: ['# settings/production.py', 'ALLOWED_HOSTS = ["*"]'].join('\n'),
        good: ['# settings/production.py', 'ALLOWED_HOSTS = ["shop.example.com", "www.shop.example.com"]'].join('\n'),
      },
      howToFix:
        'List the exact host names the site is served under. If the list differs between deployments, read it ' +
        'from the environment without a wildcard default: `ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")`. ' +
        'Behind a load balancer whose health checks use the instance IP, add that address (or answer health checks ' +
        'in the web server) instead of falling back to `\'*\'`. Keep a leading-dot entry only when the site really ' +
        'serves arbitrary subdomains (per-tenant hosts), and then make sure every DNS record under it points at ' +
        'something you control.',
      references: [
        { title: 'Django settings: ALLOWED_HOSTS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts' },
        { title: 'Django security: Host header validation', url: 'https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation' },
        { title: 'PortSwigger: Password reset poisoning', url: 'https://portswigger.net/web-security/host-header/exploiting/password-reset-poisoning' },
        { title: 'CWE-346: Origin Validation Error', url: 'https://cwe.mitre.org/data/definitions/346.html' },
        { title: 'CWE-640: Weak Password Recovery Mechanism for Forgotten Password', url: 'https://cwe.mitre.org/data/definitions/640.html' },
        { title: 'OWASP A05:2021 Security Misconfiguration', url: 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/' },
      ],
      limitations:
        'A web server or proxy that rejects unknown `Host` headers before they reach Django (an nginx `server_name` ' +
        'catch-all returning 444) makes `\'*\'` much less dangerous; that configuration is invisible here. The list ' +
        'of shared suffixes is a short built-in list, not the full public suffix list.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const hosts = settings.get('ALLOWED_HOSTS');
      const value: Value = hosts.value;
      if (hosts.source !== 'assigned') return;
      if (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set') return;
      const entries = value.items.filter((item): item is Extract<Value, { t: 'str' }> => item.t === 'str');
      const names = entries.map((item) => item.v);
      const seen = new Set<string>();
      for (const item of entries) {
        const entry = item.v;
        if (seen.has(entry)) continue;
        seen.add(entry);
        const verdict = classify(entry);
        if (!verdict) continue;
        const { at, note, confidence, fix } = placeEntry(settings, hosts, item, entry);
        const lines = [fixedList(names)];
        const placed = { ...(at ? { at } : {}), ...(confidence ? { confidence } : {}), ...(fix ? { fix: fix(lines.join('\n')) } : {}) };
        if (verdict.kind === 'any') {
          report({
            setting: 'ALLOWED_HOSTS',
            message:
              "ALLOWED_HOSTS contains '*': Django accepts any Host header, so password-reset links, absolute URLs " +
              'and cache keys built from request.get_host() can be pointed at an attacker\'s domain' + note,
            lines,
            severity: 'high',
            ...placed,
          });
        } else if (verdict.kind === 'public') {
          report({
            setting: 'ALLOWED_HOSTS',
            message:
              `ALLOWED_HOSTS contains ${pyRepr(entry)}, which accepts every host name under ${pyRepr(verdict.suffix)} — ` +
              'names anyone can register — so password-reset links and absolute URLs can be pointed at an attacker\'s domain' + note,
            lines,
            severity: 'high',
            ...placed,
          });
        } else {
          report({
            setting: 'ALLOWED_HOSTS',
            message:
              `ALLOWED_HOSTS contains ${pyRepr(entry)}, which accepts every subdomain of ${verdict.domain}: any ` +
              'subdomain (including a dangling DNS record someone else can take over) is a valid Host for links ' +
              'Django builds' + note,
            lines,
            severity: 'low',
            ...placed,
          });
        }
      }
    });
  },
});
