import { defineProjectRule } from '../../core/rule.js';
import { checkExists } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, type Value } from '../../settings/value.js';

const CSP_SETTINGS = ['SECURE_CSP', 'SECURE_CSP_REPORT_ONLY'] as const;

/**
 * Values that are certainly neither None nor a dict. Objects, functions and modules are left alone: an object may be
 * a dict subclass (OrderedDict, a custom mapping class), which Django accepts.
 */
function certainlyNotDict(value: Value): boolean {
  switch (value.t) {
    case 'str':
    case 'bytes':
    case 'int':
    case 'float':
    case 'bool':
    case 'list':
    case 'tuple':
    case 'set':
    case 'path':
      return true;
    default:
      return false;
  }
}

export default defineProjectRule({
  meta: {
    code: 'SET026',
    name: 'content-security-policy-setting-invalid',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [693, 1021],
    owasp: ['A05:2021-Security Misconfiguration', 'A03:2021-Injection'],
    aliases: ['security.E026'],
    status: 'stable',
    summary: 'SECURE_CSP or SECURE_CSP_REPORT_ONLY is neither None nor a dict, so Django cannot build the policy.',
    fix: 'Write the policy as a dict of directives, e.g. SECURE_CSP = {"default-src": [CSP.SELF]} (from django.utils.csp import CSP), or None.',
    docs: {
      whatItDoes:
        'Reports a production settings module (Django 6.0 and later) where `SECURE_CSP` or `SECURE_CSP_REPORT_ONLY` ' +
        'is set to something other than `None` or a `dict`: typically a header string copied from another stack ' +
        '(`"default-src \'self\'"`), a list of directives or a tuple. One finding per setting. This is Django\'s ' +
        '`security.E026` check, a regular system check (it runs on every `manage.py check`, `runserver` and ' +
        '`migrate`, not only with `--deploy`); ponyguard reports it for the production settings like the others.',
      whyItMatters:
        'Django\'s `ContentSecurityPolicyMiddleware` builds the `Content-Security-Policy` header from a mapping of ' +
        'directives to sources. With any other type there is no usable policy: the check error stops management ' +
        'commands, and a site started anyway serves pages without the intended CSP, so an injected `<script>` runs ' +
        'with nothing to block it. CSP is the main defence in depth against cross-site scripting.',
      example: {
        bad: ['MIDDLEWARE = [..., "django.middleware.csp.ContentSecurityPolicyMiddleware"]', 'SECURE_CSP = "default-src \'self\'; script-src \'self\'"'].join('\n'),
        good: [
          'from django.utils.csp import CSP',
          '',
          'MIDDLEWARE = [..., "django.middleware.csp.ContentSecurityPolicyMiddleware"]',
          'SECURE_CSP = {',
          '    "default-src": [CSP.SELF],',
          '    "script-src": [CSP.SELF, CSP.NONCE],',
          '}',
        ].join('\n'),
      },
      howToFix:
        'Express the policy as a dict: directive names as keys, lists of sources as values, using the constants of ' +
        '`django.utils.csp.CSP` (`CSP.SELF`, `CSP.NONE`, `CSP.NONCE`, …) for the quoted keywords. Use `None` or ' +
        '`{}` to send no header. Roll a new policy out with `SECURE_CSP_REPORT_ONLY` first, then move it to ' +
        '`SECURE_CSP`.',
      references: [
        { title: 'Django: Content Security Policy', url: 'https://docs.djangoproject.com/en/stable/ref/csp/' },
        { title: 'Django settings: SECURE_CSP', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-csp' },
        { title: 'Django system checks: security.E026', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Content-Security-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy' },
        { title: 'OWASP Content Security Policy Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html' },
      ],
      limitations:
        'Objects of classes ponyguard does not model are not judged, since a dict subclass is accepted. Before ' +
        'Django 6.0 the settings do not exist and nothing is reported; django-csp\'s own `CSP_*` settings are a ' +
        'different mechanism.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '6.0')) return;
      for (const name of CSP_SETTINGS) {
        const setting = settings.get(name);
        if (setting.source !== 'assigned' || !certainlyNotDict(setting.value)) continue;
        const header = setting.value.t === 'str' ? ' (a header string: Django wants a dict of directives)' : '';
        report({
          setting: name,
          message: `${name} is ${display(setting.value)}${header}, but it must be None or a dict`,
          lines: [`${name} = {"default-src": [CSP.SELF]}  # from django.utils.csp import CSP`],
          djangoId: 'security.E026',
        });
      }
    });
  },
});
