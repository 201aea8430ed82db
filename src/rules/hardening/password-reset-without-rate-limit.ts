import { defineProjectRule } from '../../core/rule.js';
import { isReportable, urlOf } from '../../hardening/auth-coverage.js';
import { reachConfidence, reportEntries, routeText } from '../../hardening/auth-report.js';

export default defineProjectRule({
  meta: {
    code: 'HRD010',
    name: 'password-reset-without-rate-limit',
    family: 'hardening',
    severity: 'low',
    confidence: 'high',
    cwe: [799, 770],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A04:2021-Insecure Design'],
    aliases: [],
    status: 'preview',
    summary: 'A password-reset view sends email on request with no rate limit, so it can be used to flood mailboxes and to probe for accounts at machine speed.',
    fix: "Limit the view: @ratelimit(key='ip', rate='5/h', method='POST', block=True) and @ratelimit(key='post:email', rate='3/h', method='POST', block=True) from django_ratelimit.decorators, or DRF throttles for an API view.",
    docs: {
      whatItDoes:
        'Reports password-reset entry points with no rate limit: subclasses and routes of Django\'s ' +
        '`PasswordResetView` (including the one of `django.contrib.auth.urls`), views that use ' +
        '`PasswordResetForm`, dj-rest-auth\'s and django-allauth\'s reset views (allauth limits them by default; only ' +
        'turning that off counts). A django-ratelimit decorator that blocks, DRF throttles that apply to an API ' +
        'view, or an nginx `limit_req` on the route protect it; lockout packages (django-axes, django-defender) do ' +
        'not, since a reset request is not a failed login. The finding is at the view\'s definition, or at the route.',
      whyItMatters:
        'Every request makes the site send an email to an address of the requester\'s choosing: a script can flood a ' +
        'victim\'s mailbox (and hurt the sending domain\'s reputation until its mail is treated as spam), and — when ' +
        'the answer or its timing differs for unknown addresses — enumerate which emails have accounts, at the ' +
        'speed the server answers.',
      example: {
        bad: ['class PasswordResetView(auth_views.PasswordResetView):', '    template_name = "accounts/password_reset.html"'].join('\n'),
        good: [
          '@method_decorator(ratelimit(key="ip", rate="5/h", method="POST", block=True), name="post")',
          '@method_decorator(ratelimit(key="post:email", rate="3/h", method="POST", block=True), name="post")',
          'class PasswordResetView(auth_views.PasswordResetView):',
          '    template_name = "accounts/password_reset.html"',
        ].join('\n'),
      },
      howToFix:
        'Rate-limit the POST of the reset form by client address and by submitted email with django-ratelimit ' +
        '(`block=True`, a shared cache), or give an API view a `ScopedRateThrottle` scope with a small rate. Keep the ' +
        'answer identical whether or not the address has an account (Django\'s `PasswordResetView` does).',
      references: [
        { title: 'Django: PasswordResetView', url: 'https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.PasswordResetView' },
        { title: 'OWASP Forgot Password Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html' },
        { title: 'django-ratelimit documentation', url: 'https://django-ratelimit.readthedocs.io/en/stable/' },
        { title: 'CWE-799: Improper Control of Interaction Frequency', url: 'https://cwe.mitre.org/data/definitions/799.html' },
      ],
      limitations:
        'Custom reset flows that neither use `PasswordResetForm` nor derive from a known reset view are not ' +
        'recognised. Limits set by the mail provider or a gateway are invisible.',
    },
  },
  check(context) {
    reportEntries(context, (coverage) => {
      const { entry } = coverage;
      if (entry.kind !== 'password-reset' || !isReportable(coverage)) return undefined;
      const why = coverage.gaps.length > 0 ? coverage.gaps.join('; ') : 'no rate-limit decorator, throttle or web-server limit covers it (lockout packages do not watch password resets)';
      return {
        message: `${entry.label} sends password-reset email${routeText(entry, urlOf(entry))} with no rate limit: ${why}`,
        fix: entry.drf
          ? "Give the view throttle_classes = [ScopedRateThrottle] and throttle_scope = 'password_reset', with 'password_reset': '5/hour' in DEFAULT_THROTTLE_RATES."
          : "Decorate the view with @ratelimit(key='ip', rate='5/h', method='POST', block=True) and @ratelimit(key='post:email', rate='3/h', method='POST', block=True) from django_ratelimit.decorators (method_decorator(..., name='post') for a class-based view; wrap the view in the URLconf for an included one).",
        confidence: reachConfidence(entry),
      };
    });
  },
});
