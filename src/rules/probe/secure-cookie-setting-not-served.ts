import { defineCorrelationRule } from '../../core/rule.js';
import { cookiesSet } from '../../probe/django/signals.js';
import { reportAtSetting, settingViews } from '../../probe/django/settings.js';

/** The flag settings and the setting holding the cookie's name. */
const COOKIES: ReadonlyArray<readonly [flag: string, nameSetting: string]> = [
  ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_NAME'],
  ['CSRF_COOKIE_SECURE', 'CSRF_COOKIE_NAME'],
  ['LANGUAGE_COOKIE_SECURE', 'LANGUAGE_COOKIE_NAME'],
];

export default defineCorrelationRule({
  meta: {
    code: 'WEB081',
    name: 'secure-cookie-setting-not-served',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [614],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'preview',
    summary: 'The settings mark a cookie Secure (SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE), but the live site sets it without Secure.',
    fix: 'Make the deployment run the settings it is meant to (check the environment variables and DJANGO_SETTINGS_MODULE), and check that no proxy rewrites Set-Cookie.',
    docs: {
      whatItDoes:
        'With `ponyguard scan PATH --url URL`: for `SESSION_COOKIE_SECURE`, `CSRF_COOKIE_SECURE` and ' +
        '`LANGUAGE_COOKIE_SECURE` true in a judged settings module, looks for a `Set-Cookie` of that cookie ' +
        '(`SESSION_COOKIE_NAME`, `CSRF_COOKIE_NAME`, … — `sessionid`, `csrftoken` by default) in the captured responses ' +
        'and reports at the setting when it lacks the `Secure` attribute.',
      whyItMatters:
        'Django adds `Secure` whenever the setting is true, so a cookie without it means the running site does not use ' +
        'these settings: an environment variable, another settings module or a proxy decides otherwise. The browser ' +
        'then sends the session or CSRF cookie over plain HTTP, where anyone on the network can read it.',
      example: {
        bad: ['# settings.py', 'SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "1") == "1"', '', '# deployment: SECURE_COOKIES=0', '# Set-Cookie: sessionid=…; HttpOnly; Path=/; SameSite=Lax'].join('\n'),
        good: ['# Set-Cookie: sessionid=…; HttpOnly; Path=/; SameSite=Lax; Secure'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Find where the deployment\'s value comes from (the environment variable named in the message, the settings ' +
        'module `DJANGO_SETTINGS_MODULE` selects) and make it true; remove any proxy rule that rewrites `Set-Cookie`.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure' },
        { title: 'Django settings: CSRF_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure' },
        { title: 'MDN: Set-Cookie Secure', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#secure' },
        { title: 'CWE-614: Sensitive Cookie in HTTPS Session Without \'Secure\' Attribute', url: 'https://cwe.mitre.org/data/definitions/614.html' },
      ],
      limitations:
        'Only cookies the probe saw are judged: the session cookie appears only where the site writes a session for ' +
        'anonymous visitors, the CSRF cookie on pages with a form (the admin login).',
    },
  },
  check(context) {
    const cookies = cookiesSet(context.site);
    if (cookies.length === 0) return;
    const seen = new Set<string>();
    for (const [flag, nameSetting] of COOKIES) {
      for (const view of settingViews(context, flag)) {
        if (view.truthy !== true) continue;
        const nameValue = view.snapshot.get(nameSetting).value;
        if (nameValue.t !== 'str') continue;
        const insecure = cookies.find((cookie) => cookie.name === nameValue.v && !cookie.attributes.has('secure'));
        if (!insecure) continue;
        reportAtSetting(
          context,
          view,
          {
            message: `${view.said}, but ${insecure.url} sets the ${nameValue.v} cookie without Secure (${insecure.masked}): the deployment runs other settings, or a proxy rewrites the cookie`,
            key: `no-secure ${nameValue.v}`,
          },
          seen,
        );
      }
    }
  },
});
