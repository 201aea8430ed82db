import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import { checkExists } from '../../settings/django-checks.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { envOf, type Value } from '../../settings/value.js';
import { lineOf, literalIn, placeEntry } from './allowed-hosts-wildcard.js';

/** Words that mark a key as a stand-in rather than a real secret. */
const PLACEHOLDER = /change|replace|insecure|unsafe|dummy|placeholder|example|sample|fake|test|dev|local|your|secret[-_ ]?key|not[-_ ]?(?:a[-_ ]?|so[-_ ]?)?secret|xxx|todo|fixme|default|override|set[-_ ]?(?:me|this|in)/i;

/**
 * Does the literal look like a real production key (so committing it leaks a live secret)? At least 50 characters,
 * varied, no spaces, no placeholder words, and not the `django-insecure-` development key startproject writes.
 */
function looksLikeRealKey(key: string): boolean {
  if (key.length < 50 || /\s/.test(key) || key.startsWith('django-insecure-')) return false;
  if (new Set(key).size < 10) return false;
  return !PLACEHOLDER.test(key);
}

/** At most the first 4 characters of a secret (fewer for short ones), then an ellipsis: never the secret itself. */
function redact(secret: string): string {
  return `'${secret.slice(0, Math.min(4, Math.floor(secret.length / 4)))}…'`;
}

/**
 * Did the string come from outside the settings code: an environment variable that is set (its value is in the
 * string) or a `.env` / `settings.ini` file python-decouple read?
 */
function fromOutside(value: Extract<Value, { t: 'str' }>, env: Value['env'], settings: SettingsSnapshot): boolean {
  return (env ?? []).some((use) => {
    if (use.unset) return false;
    const given = settings.environment.vars.get(use.variable);
    if (given === undefined) return true;
    return value.v === given || (given.length >= 8 && value.v.includes(given));
  });
}

function severityOf(key: string): Severity {
  return looksLikeRealKey(key) ? 'critical' : 'high';
}

function describe(key: string): string {
  const kind = looksLikeRealKey(key)
    ? 'it looks like a real key'
    : key.startsWith('django-insecure-')
      ? 'a startproject development key'
      : `${key.length} characters`;
  return `${redact(key)}, ${kind}`;
}

const CONSEQUENCE = 'anyone with the source can use to forge sessions, password-reset tokens and signed cookies';

export default defineProjectRule({
  meta: {
    code: 'SET201',
    name: 'secret-key-literal',
    family: 'settings',
    severity: 'high',
    confidence: 'high',
    cwe: [798, 321],
    owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'SECRET_KEY (or a SECRET_KEY_FALLBACKS entry) is a string literal in the settings code, or the literal default of an environment read.',
    fix: 'Read SECRET_KEY from the environment or a secret store without a default (os.environ["DJANGO_SECRET_KEY"]), and rotate the committed key.',
    docs: {
      whatItDoes:
        'Evaluates each production settings module statically and reports when the `SECRET_KEY` in force is a ' +
        'string written in the settings code: a plain literal (`SECRET_KEY = "…"`, also when inherited through ' +
        '`from .base import *`), or the literal default of an environment read that applies when the variable is ' +
        'missing (`os.environ.get("SECRET_KEY", "dev")`, `os.getenv(…)`, `env("SECRET_KEY", default=…)` from ' +
        'django-environ, `config("SECRET_KEY", default=…)` from python-decouple). Literal entries of ' +
        '`SECRET_KEY_FALLBACKS` (Django 4.1+) are reported the same way. The finding points at the literal and the ' +
        'message shows at most its first four characters. A literal of 50 or more varied characters without ' +
        'placeholder words ("change-me", "dev", "insecure", …) is reported as critical: it is probably the real ' +
        'production key.',
      whyItMatters:
        'The secret key signs session data (for cookie and cache sessions), password-reset and e-mail tokens, ' +
        '`django.core.signing` values, messages and signed cookies. Whoever knows it can forge those: log in as any ' +
        'user by crafting a session or reset token, or, with a pickle-based serializer, run code on the server. A ' +
        'key in the repository is known to every developer, CI system, backup and leaked clone, and stays in git ' +
        'history after it is edited out. A literal default of an environment read is worse than it looks: a ' +
        'deployment that forgets the variable starts silently with the published key instead of failing.',
      example: {
        bad: [
          '# settings/production.py',
          'SECRET_KEY = "k3#9v!x0q...s8d"  # the real key, committed',
          '# or',
          'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-key")',
        ].join('\n'),
        good: ['# settings/production.py', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # fails loudly when missing'].join('\n'),
      },
      howToFix:
        'Read the key from the environment, a file mounted by the orchestrator or a secret manager, with no ' +
        'default in production settings, so a missing key stops the process: `os.environ["DJANGO_SECRET_KEY"]`, ' +
        '`env("DJANGO_SECRET_KEY")` or `config("DJANGO_SECRET_KEY")`. Keep development keys in development ' +
        'settings only. Then rotate: generate a new key with ' +
        '`django.core.management.utils.get_random_secret_key()`; on Django 4.1+ put the old key in ' +
        '`SECRET_KEY_FALLBACKS` (read from the environment too) for a transition period so existing sessions ' +
        'survive, and remove it afterwards. Rewriting git history does not un-leak a key; rotation does.',
      references: [
        { title: 'Django settings: SECRET_KEY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key' },
        { title: 'Django settings: SECRET_KEY_FALLBACKS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks' },
        { title: 'Django deployment checklist: SECRET_KEY', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key' },
        { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
        { title: 'CWE-321: Use of Hard-coded Cryptographic Key', url: 'https://cwe.mitre.org/data/definitions/321.html' },
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
      ],
      limitations:
        'Only the value in force in the judged environment is reported: a literal default is not reported when ' +
        '`--env` sets the variable. Keys in `.env` files, `local_settings.py` or git history are the secrets ' +
        "rules' business. The code frame of a finding shows the source line, so text and HTML reports can contain " +
        'the literal itself.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const key = settings.get('SECRET_KEY');
      const value = key.value;
      if (key.source === 'assigned' && value.t === 'str' && value.v !== '' && !fromOutside(value, value.env, settings)) {
        const defaults = unsetDefaults(value.env);
        const at = defaults.length > 0 ? undefined : literalIn(key.at, value.v);
        const viaDefault = defaults.some((use) => use.defaultAt);
        const variable = defaults[0]?.variable ?? 'DJANGO_SECRET_KEY';
        // checkSettings adds the "inherited" note only when it picks the location itself.
        const note = at && key.at && key.at.path !== settings.path ? ` — inherited from ${key.at.path}` : '';
        report({
          setting: 'SECRET_KEY',
          // checkSettings appends "when VAR is not set …" for unset variables: the message must end on the key.
          message: viaDefault
            ? `SECRET_KEY falls back to a literal default (${describe(value.v)}), which ${CONSEQUENCE},`
            : defaults.length > 0
              ? `SECRET_KEY is a string literal in the settings code (${describe(value.v)}), which ${CONSEQUENCE},`
              : `SECRET_KEY is a string literal in the settings code (${describe(value.v)}), which ${CONSEQUENCE}: move it out of the code and rotate it${note}`,
          ...(viaDefault ? {} : { lines: [`SECRET_KEY = os.environ["${variable}"]`] }),
          severity: severityOf(value.v),
          ...(at ? { at } : {}),
          redact: [value.v],
        });
      }

      if (!checkExists(settings, '4.1')) return;
      const fallbacks = settings.get('SECRET_KEY_FALLBACKS');
      const list = fallbacks.value;
      if (fallbacks.source !== 'assigned' || (list.t !== 'list' && list.t !== 'tuple')) return;
      list.items.forEach((item, index) => {
        if (item.t !== 'str' || item.v === '' || fromOutside(item, envOf(list, item), settings)) return;
        const { at, note, fromEnv, wholeList, confidence, fix } = placeEntry(settings, fallbacks, item, item.v);
        const line = 'SECRET_KEY_FALLBACKS = [k for k in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if k]';
        // checkSettings appends "when VAR is not set …" itself for a list that comes whole from a default.
        const ending = wholeList ? ',' : fromEnv ? `,${note}` : `: move it out of the code and retire it${note}`;
        const viaDefault = wholeList && unsetDefaults(list.env).some((use) => use.defaultAt);
        report({
          setting: 'SECRET_KEY_FALLBACKS',
          message:
            `SECRET_KEY_FALLBACKS[${index}] is a string literal in the settings code (${describe(item.v)}); Django still accepts ` +
            `signatures made with it, which ${CONSEQUENCE}${ending}`,
          ...(fromEnv && at
            ? { fix: `Remove the literal default at ${at.path}:${lineOf(at)} so a missing variable fails loudly, and pass the old key through the environment only while it is still needed.` }
            : fix
              ? { fix: fix(line) }
              : viaDefault
                ? {}
                : { lines: [line] }),
          severity: severityOf(item.v),
          redact: [item.v],
          ...(at ? { at } : {}),
          ...(confidence ? { confidence } : {}),
        });
      });
    });
  },
});
