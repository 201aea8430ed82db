/**
 * What the secret rules (family `secrets`) share: references and the remedy every leaked secret needs.
 */
import type { RuleReference } from '../../core/rule.js';

export const SECRET_REFERENCES: readonly RuleReference[] = [
  { title: 'Django deployment checklist: SECRET_KEY and other secrets', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key' },
  { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
  { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
  { title: 'GitHub: removing sensitive data from a repository', url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository' },
  { title: 'gitleaks (the design these rules learn from)', url: 'https://github.com/gitleaks/gitleaks' },
];

export const ROTATE =
  'Rotate it first: revoke the leaked value at its issuer and issue a new one, because deleting it from the code does ' +
  'not remove it from the git history, from clones, forks, CI caches or container images. Then load the new value ' +
  'from the environment (`os.environ["NAME"]`, django-environ, python-decouple), a file mounted by the orchestrator ' +
  'or a secret manager, and keep local values in an untracked `.env` file.';

export const HISTORY_NOTE =
  'With `scan --history`, every line git history ever added is scanned too: a secret found only in an old commit is ' +
  'reported at the path and line it had in the commit that introduced it (the finding names the commit, its author ' +
  'date and author) because it is still in every clone and must be rotated. Every secret is redacted in every output ' +
  '(its first four characters, then `…`); the fingerprint does not depend on the line, so a baseline silences a known, ' +
  'rotated secret wherever it moves in the file.';
