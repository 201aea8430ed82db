import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { atLeast } from '../../settings/django-defaults.js';
import { checkSettings, type SettingFinding } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { dictGet, isTrue, pyRepr, stringItems, type Origin, type Value } from '../../settings/value.js';

/** A source of a directive: a CSP token, the per-request nonce marker, or something ponyguard cannot read. */
type Source = { kind: 'token'; text: string } | { kind: 'nonce' } | { kind: 'unknown' };

const CONSTANT_TOKENS: Record<string, string> = {
  SELF: "'self'",
  NONE: "'none'",
  UNSAFE_INLINE: "'unsafe-inline'",
  UNSAFE_EVAL: "'unsafe-eval'",
  UNSAFE_HASHES: "'unsafe-hashes'",
  STRICT_DYNAMIC: "'strict-dynamic'",
  WASM_UNSAFE_EVAL: "'wasm-unsafe-eval'",
  REPORT_SAMPLE: "'report-sample'",
  UNSAFE_ALLOW_REDIRECTS: "'unsafe-allow-redirects'",
};

/** `CSP.SELF` (django.utils.csp) and `SELF` / `constants.SELF` (django-csp 4's csp.constants), however imported. */
const CONSTANT_FUNC = /^(?:csp\.constants|django\.utils\.csp\.CSP)\.([A-Z_]+)$/;
const CONSTANT_UNKNOWN = /^<(?:csp\.constants|django\.utils\.csp\.CSP)>\.([A-Z_]+)$/;

function constantSource(name: string): Source {
  if (name === 'NONCE') return { kind: 'nonce' };
  const text = CONSTANT_TOKENS[name];
  return text ? { kind: 'token', text } : { kind: 'unknown' };
}

/** The sources of a directive value; undefined when the directive is absent, a flag, or not knowable. */
function sourcesOf(value: Value): Source[] | undefined {
  if (value.t === 'none' || value.t === 'bool' || value.t === 'unknown') return undefined;
  const items = value.t === 'list' || value.t === 'tuple' || value.t === 'set' ? value.items : [value];
  const out: Source[] = [];
  for (const item of items) {
    if (item.t === 'str') {
      for (const part of item.v.split(/\s+/)) if (part) out.push({ kind: 'token', text: part });
      continue;
    }
    const constant = item.t === 'func' ? CONSTANT_FUNC.exec(item.name) : item.t === 'unknown' ? CONSTANT_UNKNOWN.exec(item.why) : null;
    if (constant) out.push(constantSource(constant[1]!));
    else if (item.t === 'object' && /nonce/i.test(item.cls)) out.push({ kind: 'nonce' });
    else out.push({ kind: 'unknown' });
  }
  return out;
}

const BROAD = new Set(['*', 'http:', 'https:', 'data:', 'http://*', 'https://*']);
const HASH = /^'(?:sha256|sha384|sha512)-/i;
const FIXED_NONCE = /^'nonce-/i;

type OffenceKind = 'inline' | 'broad' | 'fixed-nonce' | 'eval';

interface Offence {
  /** The offending sources as written in the policy. */
  tokens: string[];
  /** What each kind of offence allows, in message form. */
  reasons: string[];
  kinds: Set<OffenceKind>;
  severity: Severity;
}

/** What makes a script directive unsafe, following browser semantics for nonces, hashes and 'strict-dynamic'. */
function judge(sources: Source[]): Offence | undefined {
  const tokens = sources.filter((s): s is { kind: 'token'; text: string } => s.kind === 'token').map((s) => s.text);
  const lower = tokens.map((t) => t.toLowerCase());
  const unsure = sources.some((s) => s.kind === 'unknown');
  const nonceOrHash = sources.some((s) => s.kind === 'nonce') || tokens.some((t) => HASH.test(t) || FIXED_NONCE.test(t)) ? true : unsure ? undefined : false;
  const strictDynamic = lower.includes("'strict-dynamic'") ? true : unsure ? undefined : false;
  const offending: string[] = [];
  const reasons: string[] = [];
  const kinds = new Set<OffenceKind>();
  if (lower.includes("'unsafe-inline'") && nonceOrHash === false) {
    const token = tokens[lower.indexOf("'unsafe-inline'")]!;
    offending.push(token);
    reasons.push(`${token} with no nonce or hash, which runs any injected inline <script> or event handler`);
    kinds.add('inline');
  }
  if (nonceOrHash === false || strictDynamic === false) {
    const broad = tokens.filter((t) => BROAD.has(t.toLowerCase()));
    if (broad.length > 0) {
      offending.push(...broad);
      const data = broad.some((b) => b.toLowerCase() === 'data:');
      reasons.push(`${broad.join(' and ')}, which ${broad.length === 1 ? 'lets' : 'let'} an injected <script src> load code from any ${data ? 'host or data: URL' : 'host'}`);
      kinds.add('broad');
    }
  }
  const fixed = tokens.filter((t) => FIXED_NONCE.test(t));
  if (fixed.length > 0) {
    offending.push(...fixed);
    reasons.push(`the fixed nonce ${fixed.join(' and ')}, which is the same on every response, so injected markup can reuse it`);
    kinds.add('fixed-nonce');
  }
  const evalIndex = lower.indexOf("'unsafe-eval'");
  if (evalIndex >= 0) {
    offending.push(tokens[evalIndex]!);
    reasons.push(`${tokens[evalIndex]!}, which lets eval(), new Function() and string timers turn injected strings into code`);
    kinds.add('eval');
  }
  if (offending.length === 0) return undefined;
  return { tokens: offending, reasons, kinds, severity: kinds.size === 1 && kinds.has('eval') ? 'low' : 'medium' };
}

/** The directives whose sources decide which scripts run: script-src (or default-src without it), plus -elem/-attr. */
function scriptDirectives(get: (directive: string) => Value | undefined): Array<{ directive: string; value: Value; fallback: boolean }> {
  const present = (value: Value | undefined): value is Value => value !== undefined && value.t !== 'none' && !(value.t === 'bool' && !value.v);
  const out: Array<{ directive: string; value: Value; fallback: boolean }> = [];
  const script = get('script-src');
  const fallback = get('default-src');
  if (present(script)) out.push({ directive: 'script-src', value: script, fallback: false });
  else if (present(fallback)) out.push({ directive: 'default-src', value: fallback, fallback: true });
  for (const directive of ['script-src-elem', 'script-src-attr']) {
    const value = get(directive);
    if (present(value)) out.push({ directive, value, fallback: false });
  }
  return out;
}

function describe(label: string, fallback: boolean, offence: Offence): string {
  const where = fallback ? `${label} (which governs scripts, as there is no script-src)` : label;
  const verdict = offence.severity === 'low' ? '' : ': the policy does not stop cross-site scripting';
  return `${where} allows ${offence.reasons.join('; and ')}${verdict}`;
}

/** The remedy for each kind of offence; `nonce` says how this configuration style adds a per-request nonce. */
function remedy(offence: Offence, nonce: string): string {
  const steps: string[] = [];
  if (offence.kinds.has('inline') || offence.kinds.has('fixed-nonce')) steps.push(`allow the site's own inline scripts with ${nonce}`);
  if (offence.kinds.has('broad')) steps.push('list the exact hosts scripts are loaded from');
  if (offence.kinds.has('eval')) steps.push('replace the code that needs eval() (most libraries have CSP-compatible builds)');
  return steps.join('; ');
}

/** The string value of a string literal node, for matching dictionary keys. */
function stringValue(text: string): string | undefined {
  const match = /^[rRuU]?(['"])(.*)\1$/s.exec(text);
  return match ? match[2] : undefined;
}

/**
 * The `'directive': [...]` pair inside the assignment that wrote the policy, when its text still shows the offending
 * sources (a later `SECURE_CSP['script-src'] = …` mutation leaves the original pair stale).
 */
function directivePair(at: Origin | undefined, directive: string, tokens: string[]): Origin | undefined {
  if (!at) return undefined;
  const stack: PyNode[] = [at.node];
  let found: PyNode | undefined;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'pair') {
      const key = field(node, 'key');
      if (key?.type === 'string' && stringValue(at.module.text(key)) === directive) {
        if (!found || node.start > found.start) found = node;
      }
    }
    stack.push(...node.children);
  }
  if (!found) return undefined;
  const text = at.module.text(found).toLowerCase();
  const shows = (token: string) => {
    const bare = token.toLowerCase().replace(/^'|'$/g, '');
    return text.includes(bare) || text.includes(bare.replace(/-/g, '_'));
  };
  return tokens.every(shows) ? { ...at, node: found } : undefined;
}

/** django-csp 3: the tuple of a CSP_* setting without the offending sources (None when a source is not a plain string). */
function cleanedTuple(value: Value, offence: Offence): string | undefined {
  const items = value.t === 'str' ? value.v.split(/\s+/).filter(Boolean) : stringItems(value)?.flatMap((v) => v.split(/\s+/).filter(Boolean));
  if (!items) return undefined;
  const kept = items.filter((item) => !offence.tokens.includes(item));
  const final = kept.length > 0 ? kept : ["'self'"];
  return `(${final.map((item) => pyRepr(item)).join(', ')}${final.length === 1 ? ',' : ''})`;
}

function checkDjangoCsp3(settings: SettingsSnapshot, report: (finding: SettingFinding) => void): void {
  if (isTrue(settings.get('CSP_REPORT_ONLY').value) === true) return; // nothing is enforced
  const setting = (directive: string) => `CSP_${directive.toUpperCase().replace(/-/g, '_')}`;
  const nonceIn = settings.strings('CSP_INCLUDE_NONCE_IN') ?? [];
  const directives = scriptDirectives((directive) => (settings.assigns(setting(directive)) ? settings.get(setting(directive)).value : undefined));
  for (const { directive, value, fallback } of directives) {
    const sources = sourcesOf(value);
    if (!sources) continue;
    if (nonceIn.includes(directive)) sources.push({ kind: 'nonce' });
    const offence = judge(sources);
    if (!offence) continue;
    const name = setting(directive);
    const cleaned = cleanedTuple(value, offence);
    const lines = cleaned ? [`${name} = ${cleaned}`] : undefined;
    if (lines && (offence.kinds.has('inline') || offence.kinds.has('fixed-nonce'))) lines.push(`CSP_INCLUDE_NONCE_IN = [${pyRepr(directive)}]  # and add nonce="{{ request.csp_nonce }}" to inline scripts`);
    report({
      setting: name,
      message: describe(name, fallback, offence),
      ...(lines ? { lines } : { fix: `Remove ${offence.tokens.join(', ')} from ${name}; ${remedy(offence, 'a per-request nonce (CSP_INCLUDE_NONCE_IN)')}.` }),
      severity: offence.severity,
    });
  }
}

function checkPolicyDict(
  settings: SettingsSnapshot,
  report: (finding: SettingFinding) => void,
  setting: 'SECURE_CSP' | 'CONTENT_SECURITY_POLICY',
): void {
  const resolved = settings.get(setting);
  if (resolved.source !== 'assigned') return;
  const policy = setting === 'SECURE_CSP' ? resolved.value : dictGet(resolved.value, 'DIRECTIVES');
  if (!policy || policy.t !== 'dict') return;
  const label = (directive: string) => (setting === 'SECURE_CSP' ? `SECURE_CSP[${pyRepr(directive)}]` : `CONTENT_SECURITY_POLICY['DIRECTIVES'][${pyRepr(directive)}]`);
  const nonce =
    setting === 'SECURE_CSP'
      ? 'CSP.NONCE (from django.utils.csp import CSP), the django.template.context_processors.csp context processor and nonce="{{ csp_nonce }}" on each <script>'
      : 'NONCE (from csp.constants import NONCE) and nonce="{{ request.csp_nonce }}" on each <script>';
  for (const { directive, value, fallback } of scriptDirectives((directive) => dictGet(policy, directive))) {
    const sources = sourcesOf(value);
    if (!sources) continue;
    const offence = judge(sources);
    if (!offence) continue;
    const at = directivePair(resolved.at, directive, offence.tokens);
    report({
      setting,
      message: describe(label(directive), fallback, offence),
      fix: `Remove ${offence.tokens.join(', ')} from ${label(directive)}; ${remedy(offence, nonce)}.`,
      severity: offence.severity,
      ...(at ? { at } : {}),
    });
  }
}

export default defineProjectRule({
  meta: {
    code: 'SET212',
    name: 'content-security-policy-unsafe',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [79, 693],
    owasp: ['A05:2021-Security Misconfiguration', 'A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: "The Content-Security-Policy lets injected scripts run: script-src (or default-src) allows 'unsafe-inline', 'unsafe-eval', a wildcard or a whole scheme.",
    fix: "Remove 'unsafe-inline', 'unsafe-eval', *, http:, https: and data: from script-src; use a per-request nonce for the site's own inline scripts and list the exact script hosts.",
    docs: {
      whatItDoes:
        'Reads the enforced Content-Security-Policy configured in each production settings module — django-csp 3\'s ' +
        '`CSP_SCRIPT_SRC` / `CSP_DEFAULT_SRC` settings, django-csp 4\'s `CONTENT_SECURITY_POLICY["DIRECTIVES"]`, and ' +
        'Django 6.0\'s `SECURE_CSP` — and reports each script directive that lets an attacker\'s script run: ' +
        '`script-src`, or `default-src` when there is no `script-src`, plus `script-src-elem` and `script-src-attr` ' +
        'when set. Offending sources are `\'unsafe-inline\'` without a nonce or hash (browsers ignore it when one ' +
        'is present), `\'unsafe-eval\'`, `*`, `http:`, `https:` and `data:` (ignored when a nonce or hash is combined ' +
        'with `\'strict-dynamic\'`, as in Google\'s "strict CSP"), and a fixed `\'nonce-…\'` written into the ' +
        'settings. Constants such as `CSP.UNSAFE_INLINE`, `CSP.NONCE` and django-csp 4\'s `NONCE` are understood; ' +
        'django-csp 3\'s `CSP_INCLUDE_NONCE_IN` counts as a nonce. Each finding is at the directive\'s assignment.',
      whyItMatters:
        'A CSP is the second line of defence against cross-site scripting: when an escaping bug lets an attacker ' +
        'inject markup, the browser still refuses to run scripts the policy does not allow. `\'unsafe-inline\'` ' +
        'allows exactly the inline `<script>` blocks and `onerror=` handlers an injection produces; `*`, `https:` ' +
        'or `data:` let it load a script from the attacker\'s own host or a data URL; `\'unsafe-eval\'` turns ' +
        'injected strings into code through `eval` and friends. Such a policy passes header checklists but stops ' +
        'nothing.',
      example: {
        bad: [
          'from django.utils.csp import CSP',
          'SECURE_CSP = {',
          '    "default-src": [CSP.SELF],',
          '    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, "https:"],',
          '}',
        ].join('\n'),
        good: [
          'from django.utils.csp import CSP',
          'SECURE_CSP = {',
          '    "default-src": [CSP.SELF],',
          '    "script-src": [CSP.SELF, CSP.NONCE, "https://cdn.example.net"],',
          '}',
          '# templates: <script nonce="{{ csp_nonce }}">…</script>',
        ].join('\n'),
      },
      howToFix:
        'Move inline scripts into static files where you can; for the ones that must stay inline, add a per-request ' +
        'nonce (`CSP.NONCE` with the `django.template.context_processors.csp` context processor on Django 6.0, ' +
        '`NONCE` from `csp.constants` on django-csp 4, `CSP_INCLUDE_NONCE_IN = ["script-src"]` on django-csp 3) and ' +
        'put `nonce="{{ csp_nonce }}"` (django-csp: `{{ request.csp_nonce }}`) on each `<script>` tag. Replace `*`, ' +
        '`https:` and `data:` with the exact hosts you load scripts from, or adopt a strict policy: ' +
        '`script-src \'nonce-…\' \'strict-dynamic\'` (with `https:` and `\'unsafe-inline\'` kept only as a fallback ' +
        'for old browsers). Remove `\'unsafe-eval\'` after replacing the code that needs it; most template and ' +
        'charting libraries have CSP-compatible builds. Roll the change out with a report-only policy first.',
      references: [
        { title: 'Django: Content Security Policy', url: 'https://docs.djangoproject.com/en/stable/ref/csp/' },
        { title: 'Django settings: SECURE_CSP', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-csp' },
        { title: 'django-csp: configuration', url: 'https://django-csp.readthedocs.io/en/latest/configuration.html' },
        { title: 'MDN: CSP script-src', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src' },
        { title: 'OWASP Content Security Policy Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html' },
        { title: 'CWE-79: Improper Neutralization of Input During Web Page Generation', url: 'https://cwe.mitre.org/data/definitions/79.html' },
      ],
      limitations:
        'Report-only policies (`SECURE_CSP_REPORT_ONLY`, `CONTENT_SECURITY_POLICY_REPORT_ONLY`, `CSP_REPORT_ONLY = ' +
        'True`) enforce nothing and are not judged; per-view policies set with decorators, and headers added by a ' +
        'proxy or CDN, are not seen. A policy with neither `script-src` nor `default-src` restricts no scripts but ' +
        'is left alone (it is usually a `frame-ancestors`-only policy). A specific host that serves user content ' +
        'or JSONP is not recognised as unsafe.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      checkDjangoCsp3(settings, report);
      checkPolicyDict(settings, report, 'CONTENT_SECURITY_POLICY');
      if (atLeast(settings.django.version, '6.0')) checkPolicyDict(settings, report, 'SECURE_CSP');
    });
  },
});
