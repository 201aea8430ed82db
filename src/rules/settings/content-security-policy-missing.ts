import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import { hasApp, middlewareSetting } from '../../settings/django-checks.js';
import { atLeast } from '../../settings/django-defaults.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { isTrue, truthy } from '../../settings/value.js';

const NATIVE_MIDDLEWARE = 'django.middleware.csp.ContentSecurityPolicyMiddleware';
const DJANGO_CSP_MIDDLEWARE = 'csp.middleware.CSPMiddleware';
/** Any other middleware whose path names CSP is taken to send a policy (a project's subclass of either one). */
const CSP_LIKE = /csp|content_?security_?policy/i;

/** Evidence that django-csp is meant to be used: its app, its 3.x `CSP_*` settings or its 4.x policy dicts. */
function djangoCspSignals(settings: SettingsSnapshot): string[] {
  const out: string[] = [];
  if (hasApp(settings, 'csp') === true) out.push("'csp' in INSTALLED_APPS");
  for (const name of settings.result.namespace.names.keys()) {
    if (name.startsWith('CSP_') || name === 'CONTENT_SECURITY_POLICY' || name === 'CONTENT_SECURITY_POLICY_REPORT_ONLY') out.push(name);
  }
  return out;
}

/** Does the site render HTML (templates or the admin)? A pure JSON API gains little from a CSP. */
function servesHtml(settings: SettingsSnapshot): boolean {
  const templates = settings.get('TEMPLATES').value;
  if (truthy(templates) !== false) return true;
  return hasApp(settings, 'django.contrib.admin') !== false;
}

function middlewareLine(settings: SettingsSnapshot, middleware: string): string {
  const name = middlewareSetting(settings);
  return `${name} = [*${name}, ${JSON.stringify(middleware)}]`;
}

/** The lines that add a starter policy: Django's own CSP from 6.0, django-csp before. */
function starterPolicy(settings: SettingsSnapshot, middlewarePresent: boolean): string[] {
  if (atLeast(settings.django.version, '6.0')) {
    return [
      'from django.utils.csp import CSP',
      'SECURE_CSP = {"default-src": [CSP.SELF], "object-src": [CSP.NONE], "base-uri": [CSP.NONE], "frame-ancestors": [CSP.SELF]}',
      ...(middlewarePresent ? [] : [middlewareLine(settings, NATIVE_MIDDLEWARE)]),
    ];
  }
  return [
    '# pip install "django-csp>=4"',
    'from csp.constants import NONE, SELF',
    'CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF], "object-src": [NONE], "base-uri": [NONE], "frame-ancestors": [SELF]}}',
    middlewareLine(settings, DJANGO_CSP_MIDDLEWARE),
  ];
}

export default defineProjectRule({
  meta: {
    code: 'SET211',
    name: 'content-security-policy-missing',
    family: 'settings',
    severity: 'medium',
    confidence: 'medium',
    cwe: [693, 1021],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'No Content-Security-Policy is sent: neither django-csp nor Django 6.0\'s SECURE_CSP with its middleware is configured.',
    fix: "Send a Content-Security-Policy: on Django 6.0 set SECURE_CSP and add 'django.middleware.csp.ContentSecurityPolicyMiddleware' to MIDDLEWARE; on older versions use django-csp.",
    docs: {
      whatItDoes:
        'Reports a production settings module that sends no Content-Security-Policy header, once per module at ' +
        'line 1. A policy counts when a CSP middleware is in `MIDDLEWARE` and has something to send: django-csp\'s ' +
        '`csp.middleware.CSPMiddleware` (which always sends at least its default policy), Django 6.0\'s ' +
        '`django.middleware.csp.ContentSecurityPolicyMiddleware` with a non-empty `SECURE_CSP`, or a project ' +
        'middleware whose dotted path names CSP. The message explains the near misses: django-csp settings or ' +
        '`SECURE_CSP` without the middleware that sends them, `SECURE_CSP` on a Django older than 6.0, the native ' +
        'middleware with an empty `SECURE_CSP`, and a policy that is only report-only (low severity). The ' +
        'severity is low too for a site that renders no HTML (no `TEMPLATES`, no admin).',
      whyItMatters:
        'Django escapes template output, but one `|safe`, `mark_safe()`, `format_html` misuse or JavaScript-context ' +
        'bug is enough for cross-site scripting. A CSP that only allows the site\'s own scripts makes most such ' +
        'injections inert, blocks `<object>` and `<base>` tricks, and (`frame-ancestors`) prevents clickjacking in ' +
        'modern browsers. Without one, every XSS bug runs with full access to the session and the CSRF token. ' +
        'Scanners such as the Mozilla HTTP Observatory score a missing CSP as the largest single penalty.',
      example: {
        bad: ['MIDDLEWARE = [', '    "django.middleware.security.SecurityMiddleware",', '    # … no CSP middleware', ']'].join('\n'),
        good: [
          'from django.utils.csp import CSP',
          'MIDDLEWARE = [',
          '    "django.middleware.security.SecurityMiddleware",',
          '    "django.middleware.csp.ContentSecurityPolicyMiddleware",',
          '    # …',
          ']',
          'SECURE_CSP = {',
          '    "default-src": [CSP.SELF],',
          '    "script-src": [CSP.SELF, CSP.NONCE],',
          '    "object-src": [CSP.NONE],',
          '    "base-uri": [CSP.NONE],',
          '    "frame-ancestors": [CSP.SELF],',
          '}',
        ].join('\n'),
      },
      howToFix:
        'On Django 6.0 or later, add `django.middleware.csp.ContentSecurityPolicyMiddleware` to `MIDDLEWARE` and ' +
        'describe the policy in `SECURE_CSP` with the `django.utils.csp.CSP` constants; for inline scripts add ' +
        '`CSP.NONCE` and the `django.template.context_processors.csp` context processor, and put ' +
        '`nonce="{{ csp_nonce }}"` on the tags. On older versions install django-csp 4 and use its ' +
        '`csp.middleware.CSPMiddleware` with `CONTENT_SECURITY_POLICY = {"DIRECTIVES": {…}}`. Start with the same ' +
        'policy in report-only mode (`SECURE_CSP_REPORT_ONLY`) and a `report-uri`, fix what it reports, then ' +
        'enforce it. If the web server or CDN already sets the header, the live probe can confirm it and this ' +
        'finding can be suppressed.',
      references: [
        { title: 'Django: Content Security Policy', url: 'https://docs.djangoproject.com/en/stable/ref/csp/' },
        { title: 'Django settings: SECURE_CSP', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-csp' },
        { title: 'django-csp documentation', url: 'https://django-csp.readthedocs.io/en/latest/' },
        { title: 'MDN: Content Security Policy (CSP)', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP' },
        { title: 'OWASP Content Security Policy Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html' },
        { title: 'CWE-693: Protection Mechanism Failure', url: 'https://cwe.mitre.org/data/definitions/693.html' },
      ],
      limitations:
        'A policy sent by nginx, Apache, a CDN or a `<meta http-equiv>` tag is invisible to a static scan; the live ' +
        'probe sees the real headers. A middleware is recognised only by a dotted path that mentions CSP; one with ' +
        'another name that sets the header itself is missed. A `MIDDLEWARE` list ponyguard cannot evaluate is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const middleware = settings.strings(middlewareSetting(settings));
      if (!middleware) return;
      const native = atLeast(settings.django.version, '6.0');
      const nativeMiddleware = native && middleware.includes(NATIVE_MIDDLEWARE);
      const djangoCspMiddleware = middleware.includes(DJANGO_CSP_MIDDLEWARE);
      if (middleware.some((entry) => entry !== NATIVE_MIDDLEWARE && entry !== DJANGO_CSP_MIDDLEWARE && CSP_LIKE.test(entry))) return;
      const html = servesHtml(settings);
      const severity: Severity = html ? 'medium' : 'low';
      const api = html ? '' : ' (the site renders no HTML templates, so the risk is lower)';
      const enforce = settings.get('SECURE_CSP');
      const reportOnly = settings.get('SECURE_CSP_REPORT_ONLY');

      if (djangoCspMiddleware) {
        // django-csp always sends a policy (its default is default-src 'self'); only report-only-everything is missing.
        const v3ReportOnly = isTrue(settings.get('CSP_REPORT_ONLY').value) === true;
        const v4ReportOnly = settings.assigns('CONTENT_SECURITY_POLICY') && settings.get('CONTENT_SECURITY_POLICY').value.t === 'none' && truthy(settings.get('CONTENT_SECURITY_POLICY_REPORT_ONLY').value) === true;
        if (!v3ReportOnly && !v4ReportOnly) return;
        report({
          setting: 'SECURE_CSP',
          message: `django-csp sends its policy in report-only mode (${v3ReportOnly ? 'CSP_REPORT_ONLY = True' : 'CONTENT_SECURITY_POLICY = None'}): browsers report violations but block nothing`,
          fix: v3ReportOnly
            ? 'Once the reports are clean, set CSP_REPORT_ONLY = False so the policy is enforced.'
            : 'Once the reports are clean, move the CONTENT_SECURITY_POLICY_REPORT_ONLY directives into CONTENT_SECURITY_POLICY so the policy is enforced.',
          severity: 'low',
        });
        return;
      }

      if (nativeMiddleware) {
        const enforced = truthy(enforce.value);
        if (enforced !== false) return; // a policy, or unknowable
        const reporting = truthy(reportOnly.value);
        if (reporting === undefined) return;
        if (reporting) {
          report({
            setting: 'SECURE_CSP',
            message: 'only SECURE_CSP_REPORT_ONLY is set: browsers report policy violations but block nothing',
            lines: ['SECURE_CSP = SECURE_CSP_REPORT_ONLY  # enforce the policy once the reports are clean'],
            severity: 'low',
          });
          return;
        }
        report({
          setting: 'SECURE_CSP',
          message: `ContentSecurityPolicyMiddleware is installed but SECURE_CSP is ${enforce.source === 'assigned' ? 'empty' : 'not set'}, so no Content-Security-Policy header is sent${api}`,
          lines: starterPolicy(settings, true),
          severity,
        });
        return;
      }

      // No CSP middleware at all: say what was half-configured, if anything.
      const configured = enforce.source === 'assigned' && truthy(enforce.value) === true;
      const signals = djangoCspSignals(settings);
      // Only the middleware is missing: the fix adds it, whatever line the finding is on.
      const addMiddleware = (dotted: string) => ({ fix: `In ${settings.path}, add: ${middlewareLine(settings, dotted)}` });
      if (configured && !native) {
        const version = `${settings.django.version.major}.${settings.django.version.minor}`;
        const message = `SECURE_CSP is set, but Django's CSP support only exists from 6.0 (this project uses ${version}), so no Content-Security-Policy header is sent${api}`;
        report({ setting: 'SECURE_CSP', message, lines: starterPolicy(settings, false), severity });
      } else if (configured) {
        const message = `SECURE_CSP is set but ${NATIVE_MIDDLEWARE} is not in ${middlewareSetting(settings)}, so no Content-Security-Policy header is sent${api}`;
        report({ setting: 'SECURE_CSP', message, ...addMiddleware(NATIVE_MIDDLEWARE), severity });
      } else if (signals.length > 0) {
        const listed = `${signals.slice(0, 3).join(', ')}${signals.length > 3 ? ', …' : ''}`;
        const message = `django-csp is configured (${listed}) but ${DJANGO_CSP_MIDDLEWARE} is not in ${middlewareSetting(settings)}, so no Content-Security-Policy header is sent${api}`;
        report({ setting: 'SECURE_CSP', message, ...addMiddleware(DJANGO_CSP_MIDDLEWARE), severity });
      } else {
        const message = `no Content-Security-Policy is configured (no django-csp, no SECURE_CSP with ContentSecurityPolicyMiddleware), so nothing limits what an injected script can do${api}`;
        report({ setting: 'SECURE_CSP', message, lines: starterPolicy(settings, false), severity });
      }
    });
  },
});
