import { defineProjectRule } from '../../core/rule.js';
import { authAnalysis, rootUrlconf } from '../../hardening/auth-coverage.js';
import { proxyEvidence } from '../../hardening/auth-settings.js';
import { checkSettings } from '../../settings/report.js';

/** nginx appends the client's own X-Forwarded-For to the one it sends: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`. */
const NGINX_APPENDS_XFF = /proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for/i;

export default defineProjectRule({
  meta: {
    code: 'HRD008',
    name: 'drf-throttle-spoofable-client-ip',
    family: 'hardening',
    severity: 'medium',
    confidence: 'medium',
    cwe: [348, 307],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'DRF throttles clients by the X-Forwarded-For header the client controls: NUM_PROXIES is not set while the site runs behind a reverse proxy.',
    fix: 'Set REST_FRAMEWORK["NUM_PROXIES"] to the number of proxies in front of Django (0 to always use REMOTE_ADDR).',
    docs: {
      whatItDoes:
        'Reports a production settings module where DRF throttling is in use (`DEFAULT_THROTTLE_CLASSES`, or ' +
        '`throttle_classes` on a routed view), `REST_FRAMEWORK["NUM_PROXIES"]` is not set (`None`), and the site ' +
        'runs behind a reverse proxy: `SECURE_PROXY_SSL_HEADER`, `USE_X_FORWARDED_HOST` or `USE_X_FORWARDED_PORT` is ' +
        'set, or an nginx configuration of the repository appends `$proxy_add_x_forwarded_for`. The finding is at ' +
        '`REST_FRAMEWORK`. It is medium when DRF throttling is the only protection of a login or token endpoint ' +
        '(bypassing it reopens password guessing), low when a lockout also covers them.',
      whyItMatters:
        'With `NUM_PROXIES = None`, DRF\'s `get_ident()` identifies an anonymous client by the whole ' +
        '`X-Forwarded-For` header when there is one. Proxies append the real address to whatever the client sent, ' +
        'so a client that sends a different `X-Forwarded-For: <random>` with each request gets a fresh identity — ' +
        'and a fresh throttle budget — every time. `AnonRateThrottle`, `ScopedRateThrottle` on anonymous endpoints ' +
        'and `UserRateThrottle` before login all become unlimited.',
      example: {
        bad: [
          'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
          'REST_FRAMEWORK = {',
          '    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],',
          '    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},',
          '}',
        ].join('\n'),
        good: [
          'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
          'REST_FRAMEWORK = {',
          '    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],',
          '    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},',
          '    "NUM_PROXIES": 1,  # the load balancer',
          '}',
        ].join('\n'),
      },
      howToFix:
        'Set `NUM_PROXIES` to the exact number of proxies between the client and Django (DRF then takes the address ' +
        'that many entries from the right of `X-Forwarded-For`); use `0` when the proxy puts the client address in ' +
        '`REMOTE_ADDR` (for example through a PROXY-protocol or real-IP module). Alternatively make the first proxy ' +
        'overwrite `X-Forwarded-For` rather than append to it.',
      references: [
        { title: 'Django REST framework: throttling (how clients are identified)', url: 'https://www.django-rest-framework.org/api-guide/throttling/#how-clients-are-identified' },
        { title: 'MDN: X-Forwarded-For (security and privacy concerns)', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-For' },
        { title: 'CWE-348: Use of Less Trusted Source', url: 'https://cwe.mitre.org/data/definitions/348.html' },
      ],
      limitations:
        'A proxy that overwrites X-Forwarded-For with the client address (rather than appending) makes the header ' +
        'trustworthy; ponyguard cannot see the proxy configuration outside the repository, hence medium confidence. ' +
        'Without any sign of a proxy the rule is silent, although a client talking to Django directly can send the ' +
        'header too.',
    },
  },
  check(context) {
    const analysis = authAnalysis(context.project);
    const nginx = [...context.project.textFiles].find(([, text]) => NGINX_APPENDS_XFF.test(text));
    checkSettings(context, (snapshot, report) => {
      const coverage = analysis.bySnapshot.find((s) => s.settings.snapshot === snapshot);
      if (!coverage) return;
      const { drf } = coverage.settings;
      if (drf.installed !== true || drf.numProxies !== null) return;
      const evidence = proxyEvidence(snapshot);
      const proxy = evidence ? `${evidence.setting} is set` : nginx ? `${nginx[0]} appends the client's X-Forwarded-For ($proxy_add_x_forwarded_for)` : undefined;
      if (!proxy) return;
      const throttledViews = analysis
        .finderFor(snapshot)
        .drfViews(rootUrlconf(snapshot))
        .filter((v) => v.throttles.kind === 'own' && v.throttles.items.length > 0);
      if ((drf.defaultClasses ?? []).length === 0 && throttledViews.length === 0) return;
      const exposed = coverage.entries.filter((c) => (c.entry.kind === 'login' || c.entry.kind === 'token') && c.drfThrottled && c.protectedBy.length === 1);
      const assigned = snapshot.get('REST_FRAMEWORK').source === 'assigned';
      report({
        setting: 'REST_FRAMEWORK',
        message:
          `DRF throttles anonymous clients by their X-Forwarded-For header: NUM_PROXIES is not set and ${proxy}, so a client that sends a new X-Forwarded-For with each request is never throttled` +
          (exposed.length > 0 ? `; DRF throttling is the only brute-force protection of ${exposed.map((c) => c.entry.label).join(', ')}` : ''),
        fix: `In ${snapshot.path}, add "NUM_PROXIES": 1 (the number of proxies in front of Django) to REST_FRAMEWORK.`,
        ...(exposed.length > 0 ? {} : { severity: 'low' as const }),
        ...(assigned ? {} : { at: 'module' as const }),
      });
    });
  },
});
