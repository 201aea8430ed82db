import { definePythonRule } from '../../core/rule.js';
import { field } from '../../python/ast.js';
import { hardcodedSecret, shownSecret } from '../../python/passwords.js';

export default definePythonRule({
  meta: {
    code: 'PY107',
    name: 'hardcoded-password-default',
    family: 'code',
    severity: 'low',
    confidence: 'medium',
    cwe: [259, 798],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: ['B107'],
    status: 'stable',
    summary: 'A function parameter named like a password or token has a string literal as its default.',
    fix: 'Give the parameter no default (or None) and make callers pass a secret read at run time.',
    docs: {
      whatItDoes:
        'Finds function parameters (positional and keyword-only, typed or not) whose name matches Bandit\'s password ' +
        'pattern (`pas+wo?r?d`, `pass`, `passphrase`, `pwd`, `token`, `secret`, `secrete`, whole or `_`-delimited) ' +
        'and whose default is a string or bytes literal: `def connect(host, password="admin")`. `None` defaults ' +
        'are not reported.\n\n' +
        'Quieter than Bandit, it leaves out the same names and values as PY105: parameters that describe a secret ' +
        '(`token_type="bearer"`, `password_field="password"`, `secret_name="api-key"`), empty strings (the ' +
        'common `password=""` meaning "none given"), format strings, `$VAR` references, environment-variable ' +
        'names, URLs without credentials, lower-case paths, authentication schemes and masks; numbers and booleans ' +
        '(`token_length=32`), which Bandit reports, are not strings. A placeholder password such as ' +
        '`password="changeme"` is reported. In test files the findings have low confidence.',
      whyItMatters:
        'A default credential is used whenever a caller forgets to pass one, silently: the application then ' +
        'authenticates with a value everyone who can read the code knows, and the mistake never fails loudly.',
      example: {
        bad: ['def connect(host, user="shop", password="admin"):', '    return psycopg.connect(host=host, user=user, password=password)'].join('\n'),
        good: ['def connect(host, user, password):', '    return psycopg.connect(host=host, user=user, password=password)'].join('\n'),
      },
      howToFix:
        'Remove the default so that a missing secret is an error, or default to `None` and read the secret from ' +
        'the environment or a secret store inside the function, failing when it is absent. Rotate the exposed value.',
      references: [
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
        { title: 'CWE-259: Use of Hard-coded Password', url: 'https://cwe.mitre.org/data/definitions/259.html' },
        { title: 'Bandit B107: hardcoded_password_default', url: 'https://bandit.readthedocs.io/en/latest/plugins/b107_hardcoded_password_default.html' },
      ],
      limitations: 'Lambda parameters and camelCase parameter names are not judged.',
    },
  },
  create(context) {
    const { module, file } = context;
    const lowConfidence = file.roles.includes('test');
    return {
      function_definition(node) {
        for (const parameter of field(node, 'parameters')?.children ?? []) {
          if (parameter.type !== 'default_parameter' && parameter.type !== 'typed_default_parameter') continue;
          const name = field(parameter, 'name');
          const value = field(parameter, 'value');
          if (!name || !value) continue;
          const parameterName = module.text(name);
          const secret = hardcodedSecret(parameterName, value, module);
          if (secret === undefined) continue;
          context.report({
            node: value,
            message: `Possible hard-coded password: ${shownSecret(secret)} as the default of parameter ${parameterName}`,
            redact: [secret],
            ...(lowConfidence ? { confidence: 'low' as const } : {}),
          });
        }
      },
    };
  },
});
