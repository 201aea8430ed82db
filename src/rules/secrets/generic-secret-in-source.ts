import { defineSecretRule } from '../../core/rule.js';
import { HISTORY_NOTE, ROTATE, SECRET_REFERENCES } from '../support/secrets.js';

export default defineSecretRule({
  meta: {
    code: 'SEC006',
    name: 'generic-secret-in-source',
    family: 'secrets',
    severity: 'medium',
    confidence: 'medium',
    cwe: [798],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A high-entropy literal is assigned to a secret-like name (password, secret, token, api_key…), or a JSON Web Token is committed.',
    fix: 'If the value is a real secret, rotate it and load it from the environment or a secret manager; if it is a test value, make it obviously fake or suppress the finding with a reason.',
    docs: {
      whatItDoes:
        'Reports literals assigned to names that hold secrets (`password`, `passwd`, `secret`, `token`, `api_key`, ' +
        '`client_secret`, `private_key`, `auth`…) in Python, YAML, TOML, INI, JSON and `.env` syntax, when the value ' +
        'is long and random enough (Shannon entropy) not to be a word, a setting name, a reference to another ' +
        'variable or a placeholder (`changeme`, `xxx`, `<token>`, `${TOKEN}`, `your-api-key`); and JSON Web Tokens ' +
        '(`eyJ….eyJ….…`), which often carry long-lived credentials. Values a provider rule recognises are reported by ' +
        'that rule instead. In Python files the finding replaces Bandit-style PY105/PY106/PY107 reports of the same ' +
        'line. ' +
        HISTORY_NOTE,
      whyItMatters:
        'Most leaked credentials have no recognisable prefix: internal API keys, partner tokens, HMAC secrets, ' +
        'webhook signing secrets. Finding them needs the name they are assigned to and how random they look.',
      example: {
        bad: 'PARTNER_API_TOKEN = "q8Yc1JxE4rTz0aWm7HvN2bLs"',
        good: 'PARTNER_API_TOKEN = os.environ["PARTNER_API_TOKEN"]',
      },
      howToFix: ROTATE,
      references: [...SECRET_REFERENCES],
      limitations:
        'Entropy is a heuristic: a random-looking test value is reported (suppress it with a reason, or use an ' +
        'obviously fake value), and a short or low-entropy real password is not.',
    },
  },
  detectors: {
    'generic-secret-assignment': 'secret-like value',
    jwt: 'JSON Web Token',
  },
});
