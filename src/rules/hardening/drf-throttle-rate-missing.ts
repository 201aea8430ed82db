import { defineProjectRule } from '../../core/rule.js';
import { authAnalysis, rootUrlconf, throttleVerdict } from '../../hardening/auth-coverage.js';
import { reportAtCode } from '../../hardening/auth-report.js';
import { checkSettings } from '../../settings/report.js';

const SCOPED = 'rest_framework.throttling.ScopedRateThrottle';

export default defineProjectRule({
  meta: {
    code: 'HRD007',
    name: 'drf-throttle-rate-missing',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [770, 1188],
    owasp: ['A05:2021-Security Misconfiguration', 'A04:2021-Insecure Design'],
    aliases: [],
    status: 'preview',
    summary: 'A DRF throttle class has no usable rate: its scope is missing from DEFAULT_THROTTLE_RATES (DRF raises ImproperlyConfigured), its rate is None (it never throttles) or malformed.',
    fix: 'Give every throttle scope in use a rate such as "60/minute" in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], and a throttle_scope to every view throttled by ScopedRateThrottle.',
    docs: {
      whatItDoes:
        'Checks each throttle class that applies, with DRF\'s own logic (`SimpleRateThrottle.get_rate()`): the ' +
        'classes of `DEFAULT_THROTTLE_CLASSES` (reported at `REST_FRAMEWORK`), the `throttle_classes` a view sets ' +
        '(reported at that list), and the `throttle_scope` of views throttled by `ScopedRateThrottle` (reported at ' +
        'the scope). It reports a scope with no entry in `DEFAULT_THROTTLE_RATES` (DRF raises `ImproperlyConfigured: ' +
        'No default throttle rate set for \'<scope>\' scope` on every request of the view; note that setting ' +
        '`DEFAULT_THROTTLE_RATES` replaces DRF\'s `{"user": None, "anon": None}` whole), a rate of `None` (the class ' +
        'silently never throttles, as with `DEFAULT_THROTTLE_RATES` not set at all), a rate not of the form ' +
        '`<n>/<s|m|h|d>`, and `ScopedRateThrottle` on a view without `throttle_scope` (never throttles).',
      whyItMatters:
        'A throttle class without a rate is either a crash or a no-op. The crash turns every request of the API into ' +
        'a 500 error the first time it runs in production; the no-op leaves the API (and its login or token ' +
        'endpoints) unthrottled while the settings suggest otherwise.',
      example: {
        bad: [
          'REST_FRAMEWORK = {',
          '    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],',
          '    "DEFAULT_THROTTLE_RATES": {"user": "100/minute"},  # no "anon"',
          '}',
        ].join('\n'),
        good: [
          'REST_FRAMEWORK = {',
          '    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],',
          '    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "100/minute"},',
          '}',
        ].join('\n'),
      },
      howToFix:
        'Add a rate for each scope: `anon` for `AnonRateThrottle`, `user` for `UserRateThrottle`, the class\'s ' +
        '`scope` for subclasses, and each view\'s `throttle_scope` for `ScopedRateThrottle`. Rates are ' +
        '`"<number>/<second|minute|hour|day>"`.',
      references: [
        { title: 'Django REST framework: throttling', url: 'https://www.django-rest-framework.org/api-guide/throttling/' },
        { title: 'DRF source: SimpleRateThrottle.get_rate()', url: 'https://github.com/encode/django-rest-framework/blob/master/rest_framework/throttling.py' },
        { title: 'CWE-770: Allocation of Resources Without Limits or Throttling', url: 'https://cwe.mitre.org/data/definitions/770.html' },
      ],
      limitations:
        'Throttle classes of other packages, and project classes that override allow_request() or get_rate(), are ' +
        'not judged. Views are found through the URLconfs.',
    },
  },
  check(context) {
    const analysis = authAnalysis(context.project);
    // DEFAULT_THROTTLE_CLASSES, at REST_FRAMEWORK.
    checkSettings(context, (snapshot, report) => {
      const settings = analysis.bySnapshot.find((s) => s.settings.snapshot === snapshot)?.settings;
      if (!settings || settings.drf.installed !== true) return;
      const finder = analysis.finderFor(snapshot);
      for (const dotted of settings.drf.defaultClasses ?? []) {
        if (dotted === SCOPED) continue;
        const verdict = throttleVerdict(finder.throttleByPath(dotted), null, settings.drf.rates, finder);
        if (verdict.kind !== 'broken' && verdict.kind !== 'none') continue;
        const name = dotted.split('.').pop() ?? dotted;
        report({
          setting: 'REST_FRAMEWORK',
          message:
            verdict.kind === 'broken'
              ? `${name} in DEFAULT_THROTTLE_CLASSES has no usable rate: ${verdict.detail}, on every request of the views it applies to`
              : `${name} in DEFAULT_THROTTLE_CLASSES never throttles: ${settings.drf.ratesAssigned ? verdict.detail : `${verdict.detail} (DEFAULT_THROTTLE_RATES is not set; DRF's default rates are None)`}`,
          fix: `In ${snapshot.path}, give the scope a rate in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], for example "anon": "60/minute" and "user": "600/minute".`,
        });
      }
    });
    // Throttles set by views.
    reportAtCode(context, (snapshot, report) => {
      const settings = snapshot.settings;
      if (settings.drf.installed === false) return;
      const finder = analysis.finderFor(settings.snapshot);
      const defaults = settings.drf.defaultClasses ?? [];
      for (const view of finder.drfViews(rootUrlconf(settings.snapshot))) {
        const scope = view.scope?.value ?? null;
        if (view.throttles.kind === 'own') {
          for (const ref of view.throttles.items) {
            const verdict = throttleVerdict(ref, scope, settings.drf.rates, finder);
            if (verdict.kind !== 'broken' && verdict.kind !== 'none') continue;
            report(view.throttles.at, {
              message: `${view.label}'s throttle_classes ${verdict.kind === 'broken' ? 'fail' : 'never throttle'}: ${verdict.detail}`,
              fix: `Add the scope's rate to REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]${ref.kind === 'external' && ref.qualified === SCOPED ? ", and set throttle_scope on the view" : ''}.`,
            });
          }
        } else if (view.throttles.kind === 'default' && defaults.includes(SCOPED) && view.scope?.at) {
          const verdict = throttleVerdict({ kind: 'external', qualified: SCOPED }, scope, settings.drf.rates, finder);
          if (verdict.kind !== 'broken' && verdict.kind !== 'none') continue;
          report(view.scope.at, {
            message: `${view.label}'s throttle_scope has no usable rate: ${verdict.detail}`,
            fix: `Add "${scope ?? ''}": "<n>/minute" to REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].`,
          });
        }
      }
    });
  },
});
