import { definePythonRule } from '../../core/rule.js';
import { field } from '../../python/ast.js';
import { hardcodedSecret, shownSecret, userPassword } from '../../python/passwords.js';

export default definePythonRule({
  meta: {
    code: 'PY106',
    name: 'hardcoded-password-argument',
    family: 'code',
    severity: 'low',
    confidence: 'medium',
    cwe: [259, 798],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: ['B106'],
    status: 'stable',
    summary: 'A string literal is passed as a keyword argument named like a password or token.',
    fix: 'Pass a value read from the environment or a secret store at run time, and rotate the secret: the literal stays in the repository history.',
    docs: {
      whatItDoes:
        'Finds calls with a keyword argument whose name matches Bandit\'s password pattern (`pas+wo?r?d`, `pass`, ' +
        '`passphrase`, `pwd`, `token`, `secret`, `secrete`, whole or `_`-delimited) and whose value is a string or ' +
        'bytes literal: `connect(password="…")`, `Client(api_token="…")`, `create_user("bob", password="…")`. Every ' +
        'such keyword is reported (Bandit reports only the first of a call).\n\n' +
        'Quieter than Bandit, it leaves out the same names and values as PY105: keywords that describe a secret ' +
        '(`token_type="bearer"`, `password_field="password"`, `password_min_length=…`, `secret_name="api-key"`), ' +
        'empty strings, format strings, `$VAR` references, environment-variable names, URLs without credentials, ' +
        'lower-case paths, authentication schemes and masks. Values read at run time ' +
        '(`password=os.environ.get("DB_PASSWORD")`, `token=env("API_TOKEN")`) are not literals. A placeholder password ' +
        'such as `password="changeme"` is reported. In test files the findings have low confidence.\n\n' +
        'When PY809 (user-created-with-literal-password) is enabled, the password given to a Django account — ' +
        '`create_user(..., password="…")`, `create_superuser(...)`, `set_password(raw_password="…")`, ' +
        '`make_password(password="…")` — is left to it outside test files, so that the call is reported once.',
      whyItMatters:
        'A credential passed as a literal is a credential committed to the repository: readable in every clone, ' +
        'the history, CI logs and images, and impossible to rotate without a code change. Whoever reads it can use ' +
        'the service it opens — a database, a mail account, an API — as the application.',
      example: {
        bad: ['import smtplib', '', 'def send(message):', '    with smtplib.SMTP_SSL("mail.example.com") as smtp:', '        smtp.login(user="shop", password="Mail-2024!")', '        smtp.send_message(message)'].join('\n'),
        good: [
          'import os',
          'import smtplib',
          '',
          'def send(message):',
          '    with smtplib.SMTP_SSL("mail.example.com") as smtp:',
          '        smtp.login(user="shop", password=os.environ["SMTP_PASSWORD"])',
          '        smtp.send_message(message)',
        ].join('\n'),
      },
      howToFix:
        'Read the secret at run time (the environment without a literal default, a mounted secret file, a secret ' +
        'manager) and pass that. Rotate the exposed value. In tests, prefer generated values (for example ' +
        '`secrets.token_urlsafe()`) or a `TEST_PASSWORD` constant whose finding you suppress once, with the reason.',
      references: [
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
        { title: 'CWE-259: Use of Hard-coded Password', url: 'https://cwe.mitre.org/data/definitions/259.html' },
        { title: 'Bandit B106: hardcoded_password_funcarg', url: 'https://bandit.readthedocs.io/en/latest/plugins/b106_hardcoded_password_funcarg.html' },
      ],
      limitations:
        'Only keyword arguments are judged: a password passed by position (`set_password("x")`, ' +
        '`login("bob", "x")`) or through `**options` is not recognised, nor camelCase keywords.',
    },
  },
  create(context) {
    const { module, file } = context;
    const testFile = file.roles.includes('test');
    // PY809 reports the literal passwords given to Django accounts, outside test files: one finding per call is enough.
    const deferToUserRule = context.isEnabled('PY809') && !testFile;
    return {
      keyword_argument(node) {
        const name = field(node, 'name');
        const value = field(node, 'value');
        const call = node.parent?.parent;
        if (!name || !value || call?.type !== 'call') return;
        const keyword = module.text(name);
        const secret = hardcodedSecret(keyword, value, module);
        if (secret === undefined) return;
        if (deferToUserRule && userPassword(call, module)?.argument === value) return;
        context.report({
          node: value,
          message: `Possible hard-coded password: ${shownSecret(secret)} passed as ${keyword}=`,
          redact: [secret],
          ...(testFile ? { confidence: 'low' as const } : {}),
        });
      },
    };
  },
});
