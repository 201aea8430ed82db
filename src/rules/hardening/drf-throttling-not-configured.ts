import { defineProjectRule } from '../../core/rule.js';
import { authAnalysis, rootUrlconf } from '../../hardening/auth-coverage.js';
import { authSettings } from '../../hardening/auth-settings.js';
import { checkSettings } from '../../settings/report.js';
import { dictGet } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'HRD006',
    name: 'drf-throttling-not-configured',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [770, 307],
    owasp: ['A04:2021-Insecure Design', 'A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'Django REST framework is used but REST_FRAMEWORK sets no DEFAULT_THROTTLE_CLASSES, so API views without their own throttle_classes are unthrottled.',
    fix: 'Set DEFAULT_THROTTLE_CLASSES (AnonRateThrottle, UserRateThrottle) and matching DEFAULT_THROTTLE_RATES in REST_FRAMEWORK.',
    docs: {
      whatItDoes:
        'Reports a production settings module where Django REST framework is installed (`rest_framework` in ' +
        '`INSTALLED_APPS`, or `REST_FRAMEWORK` set) and `REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]` is missing or ' +
        'empty — DRF\'s default is no throttling — while at least one API view routed by the project\'s URLconfs ' +
        'relies on the defaults (it sets no `throttle_classes` of its own). The finding is at the `REST_FRAMEWORK` ' +
        'assignment (at `INSTALLED_APPS` when `REST_FRAMEWORK` is not set) and names the views concerned.',
      whyItMatters:
        'Without throttling, any client can call every endpoint as fast as the servers answer: scraping the whole ' +
        'catalogue, enumerating identifiers, flooding write endpoints, or guessing whatever the API checks (tokens, ' +
        'codes, passwords on custom authentication views). DRF\'s own documentation notes throttling is not a ' +
        'complete security measure, but without it there is no per-client limit at all in the application.',
      example: {
        bad: ['REST_FRAMEWORK = {', '    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],', '}'].join('\n'),
        good: [
          'REST_FRAMEWORK = {',
          '    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],',
          '    "DEFAULT_THROTTLE_CLASSES": [',
          '        "rest_framework.throttling.AnonRateThrottle",',
          '        "rest_framework.throttling.UserRateThrottle",',
          '    ],',
          '    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "600/minute"},',
          '}',
        ].join('\n'),
      },
      howToFix:
        'Add `DEFAULT_THROTTLE_CLASSES` with `AnonRateThrottle` (keyed by client address) and `UserRateThrottle` ' +
        '(keyed by user), and a rate for each scope in `DEFAULT_THROTTLE_RATES` (`"anon"`, `"user"`); give ' +
        'sensitive views a stricter `ScopedRateThrottle` scope. Use a shared cache so the counts hold across ' +
        'processes, and set `NUM_PROXIES` when the API sits behind a proxy (HRD008).',
      references: [
        { title: 'Django REST framework: throttling', url: 'https://www.django-rest-framework.org/api-guide/throttling/' },
        { title: 'OWASP API Security Top 10 2023: API4 Unrestricted Resource Consumption', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
        { title: 'CWE-770: Allocation of Resources Without Limits or Throttling', url: 'https://cwe.mitre.org/data/definitions/770.html' },
      ],
      limitations:
        'Views are found through the URLconfs (path(), re_path(), routers registered in them); a project whose API ' +
        'views all set their own throttle_classes is not reported. A limit in an API gateway or the web server is ' +
        'not visible.',
    },
  },
  check(context) {
    const analysis = authAnalysis(context.project);
    checkSettings(context, (snapshot, report) => {
      const { drf } = authSettings(snapshot);
      if (drf.installed !== true || !drf.defaultClasses || drf.defaultClasses.length > 0) return;
      const views = analysis.finderFor(snapshot).drfViews(rootUrlconf(snapshot));
      const relying = views.filter((v) => v.throttles.kind === 'default');
      if (relying.length === 0) return;
      const names = [...new Set(relying.map((v) => v.label))];
      const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');
      const assigned = snapshot.get('REST_FRAMEWORK').source === 'assigned';
      const setsClasses = assigned && snapshot.get('REST_FRAMEWORK').value.t === 'dict';
      const emptied = assigned && dictGet(snapshot.get('REST_FRAMEWORK').value, 'DEFAULT_THROTTLE_CLASSES') !== undefined;
      const what = !assigned ? 'REST_FRAMEWORK is not set, so DRF throttles nothing' : emptied ? 'REST_FRAMEWORK sets DEFAULT_THROTTLE_CLASSES to an empty list' : 'REST_FRAMEWORK sets no DEFAULT_THROTTLE_CLASSES';
      report({
        setting: 'REST_FRAMEWORK',
        message: `${what}: ${relying.length === 1 ? `the API view ${shown} has` : `${relying.length} API views (${shown}) have`} no rate limit`,
        fix: `In ${snapshot.path}, add to REST_FRAMEWORK: "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle", "rest_framework.throttling.UserRateThrottle"], "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "600/minute"}${setsClasses ? '' : ' (set REST_FRAMEWORK = {...} with these keys)'}.`,
        ...(assigned ? {} : { at: snapshot.get('INSTALLED_APPS').at ?? 'module' }),
      });
    });
  },
});
