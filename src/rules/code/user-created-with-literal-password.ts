import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { MAKE_PASSWORD, makePasswordLiteral, userMethodPassword, type UserPassword } from '../../python/passwords.js';
import { redactSecret } from '../../engine/raw-finding.js';

export default definePythonRule({
  meta: {
    code: 'PY809',
    name: 'user-created-with-literal-password',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [798, 259],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A user account is created (or its password set) with a password written in the source code.',
    fix: 'Read the password from the environment or a secrets manager, or create the account without a usable password and let the owner set one through the password-reset flow.',
    docs: {
      whatItDoes:
        'Finds Django user accounts given a hard-coded password: `create_user(..., password="…")` and ' +
        '`create_superuser(..., password="…")` on any manager (the password as a keyword, as the third positional ' +
        'argument of Django\'s managers, or as the second after an e-mail address for e-mail-based custom managers), ' +
        '`user.set_password("…")` on any object, and `django.contrib.auth.hashers.make_password("…")`. Test files are ' +
        'skipped; data migrations are not — a migration that creates an administrator with a literal password runs on ' +
        'every database, production included. Messages never show the password, and code frames mask it.',
      whyItMatters:
        'A password in the source is known to everyone who can read the repository, its history, its forks and every ' +
        'deployment artifact, and it stays valid until someone notices. When the account is a superuser created by a ' +
        'migration or a setup script (`admin` / `admin123`), anyone who guesses or reads it gets full control of the ' +
        'admin site: every record, every user, and often code execution through admin actions or file uploads. ' +
        'Automated scanners try exactly these default credentials on `/admin/`.',
      example: {
        bad: [
          'def create_admin(apps, schema_editor):',
          '    User = apps.get_model("auth", "User")',
          '    User.objects.create_superuser("admin", "admin@example.com", "admin123")',
        ].join('\n'),
        good: [
          'import os',
          '',
          'def create_admin(apps, schema_editor):',
          '    password = os.environ.get("DJANGO_ADMIN_PASSWORD")',
          '    if password:',
          '        User = apps.get_model("auth", "User")',
          '        User.objects.create_superuser("admin", "admin@example.com", password)',
        ].join('\n'),
      },
      howToFix:
        'Create administrators interactively (`manage.py createsuperuser`) or non-interactively from the environment ' +
        '(`DJANGO_SUPERUSER_PASSWORD` with `createsuperuser --noinput`). Service accounts that never log in should get ' +
        '`set_unusable_password()`. If a literal password already shipped, change it on every environment: removing it ' +
        'from the code does not change the stored hash.',
      references: [
        { title: 'Django: createsuperuser (DJANGO_SUPERUSER_PASSWORD)', url: 'https://docs.djangoproject.com/en/stable/ref/django-admin/#createsuperuser' },
        { title: 'Django: UserManager.create_user / create_superuser', url: 'https://docs.djangoproject.com/en/stable/ref/contrib/auth/#manager-methods' },
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
        { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
        { title: 'CWE-259: Use of Hard-coded Password', url: 'https://cwe.mitre.org/data/definitions/259.html' },
      ],
      limitations:
        'A password held in a variable or a module constant is not followed. Positional arguments are read with ' +
        'Django\'s own signatures in mind; a custom manager with a different order may be missed. When this rule is ' +
        'enabled, PY106 (hard-coded password argument) leaves the calls it reports to it, so a `password="…"` keyword ' +
        'is reported once.',
    },
  },
  create(context) {
    const { module } = context;
    // Test files are skipped (PY106 reports their password keywords with low confidence instead).
    if (context.file.roles.includes('test')) return {};
    const migration = context.file.roles.includes('migration');
    const report = (node: PyNode, found: UserPassword | undefined): void => {
      if (!found) return;
      const password = found.value;
      context.report({
        node,
        message: `${found.callee}() with a hard-coded password ("${redactSecret(password)}")${migration ? ' in a migration: every database it runs on gets this account' : ''}; read it from the environment or use the password-reset flow`,
        ...(password.length >= 3 ? { redact: [password] } : {}),
      });
    };
    return {
      call: (node) => report(node, userMethodPassword(node, module)),
      [`call:${MAKE_PASSWORD}`]: (node) => report(node, makePasswordLiteral(node, module)),
    };
  },
});
