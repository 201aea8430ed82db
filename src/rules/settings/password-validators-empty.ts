import { defineProjectRule } from '../../core/rule.js';
import { hasApp } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display } from '../../settings/value.js';

/** The validators `django-admin startproject` writes into every new project. */
const STARTPROJECT_VALIDATORS = [
  'AUTH_PASSWORD_VALIDATORS = [',
  '    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},',
  '    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},',
  '    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},',
  '    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},',
  ']',
];

export default defineProjectRule({
  meta: {
    code: 'SET209',
    name: 'password-validators-empty',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [521],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'AUTH_PASSWORD_VALIDATORS is empty or missing, so Django accepts any password, including "1" or "password".',
    fix: "Set AUTH_PASSWORD_VALIDATORS to the four validators startproject generates (similarity, minimum length, common passwords, all-numeric).",
    docs: {
      whatItDoes:
        'Reports a production settings module that installs `django.contrib.auth` and whose final ' +
        '`AUTH_PASSWORD_VALIDATORS` is an empty list, either assigned as `[]` or not set at all: Django\'s global ' +
        'default is empty, and only the `startproject` template fills it in. Projects that started from an older ' +
        'template, a minimal settings file or a rewritten `settings/` package often lose it. The finding is at the ' +
        'assignment, or at line 1 of the module when the setting is missing.',
      whyItMatters:
        'Password validators are the only thing that stops a user (or an administrator) from choosing `1`, ' +
        '`password`, their username or `12345678`. Django runs them in its password-change, password-reset and ' +
        'admin forms, in `createsuperuser` and `changepassword`, and wherever code calls `validate_password()`. ' +
        'With none configured, credential stuffing and password spraying succeed against every account that picked ' +
        'a trivial password, and a brute-force limiter cannot help much when the first guess is right.',
      example: {
        bad: ['INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", ...]', 'AUTH_PASSWORD_VALIDATORS = []'].join('\n'),
        good: ['INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", ...]', ...STARTPROJECT_VALIDATORS].join('\n'),
      },
      howToFix:
        'Add the four validators `startproject` generates: `UserAttributeSimilarityValidator`, ' +
        '`MinimumLengthValidator` (consider `"OPTIONS": {"min_length": 12}`), `CommonPasswordValidator` and ' +
        '`NumericPasswordValidator`. Existing passwords are not re-checked; they are validated the next time they ' +
        'change. Custom registration forms and API serializers must call ' +
        '`django.contrib.auth.password_validation.validate_password()` themselves — Django only wires the ' +
        'validators into its own forms and commands.',
      references: [
        { title: 'Django: Password validation', url: 'https://docs.djangoproject.com/en/stable/topics/auth/passwords/#password-validation' },
        { title: 'Django settings: AUTH_PASSWORD_VALIDATORS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#auth-password-validators' },
        { title: 'OWASP Authentication Cheat Sheet: password strength', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#implement-proper-password-strength-controls' },
        { title: 'CWE-521: Weak Password Requirements', url: 'https://cwe.mitre.org/data/definitions/521.html' },
      ],
      limitations:
        'Projects where nobody logs in with a Django password (single sign-on only, unusable passwords) are still ' +
        'reported; the validators then guard only `createsuperuser`. The strength of the validators configured ' +
        '(say, a `min_length` of 4) is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasApp(settings, 'django.contrib.auth') !== true) return;
      const validators = settings.get('AUTH_PASSWORD_VALIDATORS');
      if (validators.source !== 'assigned' && validators.source !== 'default') return;
      const value = validators.value;
      if ((value.t !== 'list' && value.t !== 'tuple') || value.items.length > 0) return;
      const what =
        validators.source === 'assigned'
          ? `AUTH_PASSWORD_VALIDATORS is ${display(value)}`
          : "AUTH_PASSWORD_VALIDATORS is not set (Django's default is an empty list; only startproject fills it in)";
      report({
        setting: 'AUTH_PASSWORD_VALIDATORS',
        message: `${what}: any password is accepted, including "1" or the user's own username`,
        lines: STARTPROJECT_VALIDATORS,
      });
    });
  },
});
