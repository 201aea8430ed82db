import { defineProbeRule } from '../../core/rule.js';
import { versionHints } from '../../probe/django/signals.js';

export default defineProbeRule({
  meta: {
    code: 'WEB055',
    name: 'django-version-disclosed',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [200],
    owasp: ['A05:2021-Security Misconfiguration', 'A06:2021-Vulnerable and Outdated Components'],
    aliases: [],
    status: 'preview',
    summary: 'The site discloses its Django (and Python) version.',
    fix: 'Turn DEBUG off (the technical error pages print the versions) and keep Django on a supported, patched release.',
    docs: {
      whatItDoes:
        'Collects the version hints in the captured responses: the exact `Django Version:` and `Python Version:` rows ' +
        'of a technical 500 page (HTML or plain text), and a lower bound from the admin login page\'s stylesheets ' +
        '(`admin/css/nav_sidebar.css` appeared in Django 3.1, `admin/css/dark_mode.css` in 4.2). An exact version is ' +
        'reported as low, a lower bound as info.',
      whyItMatters:
        'A known version lets an attacker pick the advisories that apply without probing for them. The version itself is ' +
        'not the vulnerability — an unpatched release is — but disclosing it shortens the attack.',
      example: {
        bad: ['HTTP/1.1 500 Internal Server Error', 'Content-Type: text/plain; charset=utf-8', '', 'RuntimeError at /boom/', 'Django Version: 3.2.25', 'Python Version: 3.11.2'].join('\n'),
        good: ['HTTP/1.1 500 Internal Server Error', '', '<title>Server Error (500)</title>'].join('\n'),
        language: 'http',
      },
      howToFix:
        'Set `DEBUG = False` so that error pages stop printing versions, and keep Django on a supported release with its ' +
        'security updates (`ponyguard scan` checks the pinned version against the advisories). The admin\'s assets can ' +
        'only be hidden by not exposing the admin.',
      references: [
        { title: 'Django: Supported versions', url: 'https://www.djangoproject.com/download/#supported-versions' },
        { title: 'Django security releases', url: 'https://docs.djangoproject.com/en/dev/releases/security/' },
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
      ],
      limitations: 'Lower bounds come from a few admin assets only; most pages say nothing about the version.',
    },
  },
  check(context) {
    const { site } = context;
    const hints = versionHints(site).filter((hint) => hint.kind !== 'runserver');
    const exact = hints.find((hint) => hint.kind === 'exact');
    const python = hints.find((hint) => hint.kind === 'python');
    if (exact) {
      context.report({
        url: exact.url,
        message: `${exact.url} discloses Django ${exact.version}${python ? ` on Python ${python.version}` : ''}`,
        key: 'version exact',
        evidence: [exact.evidence, ...(python ? [python.evidence] : [])],
      });
      return;
    }
    const range = hints.find((hint) => hint.kind === 'range');
    if (range) {
      context.report({ url: range.url, message: `${range.url} shows Django ${range.version}: ${range.evidence}`, severity: 'info', key: 'version range', evidence: [range.evidence] });
    }
  },
});
