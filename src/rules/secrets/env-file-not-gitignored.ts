import { defineProjectRule } from '../../core/rule.js';
import { SECRET_REFERENCES } from '../support/secrets.js';
import { secretFileKind } from './secret-file-tracked.js';

const ENV_FILE = /(^|\/)\.env(\.[\w-]+)*$/;

export default defineProjectRule({
  meta: {
    code: 'SEC009',
    name: 'env-file-not-gitignored',
    family: 'secrets',
    severity: 'medium',
    confidence: 'high',
    cwe: [538],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'A `.env` file exists in the work tree but `.gitignore` does not exclude it: the next `git add .` commits it.',
    fix: 'Add `.env` (and `.env.*` with `!.env.example`) to the repository\'s `.gitignore`.',
    docs: {
      whatItDoes:
        'Reports a `.env` or `.env.*` file (not a template such as `.env.example`) that is in the work tree, not ' +
        'tracked by git and not excluded by any `.gitignore` or `.git/info/exclude` rule: git shows it as untracked, ' +
        'one `git add .` or `git commit -a` away from being committed. The finding is on the root `.gitignore` when ' +
        'there is one (where the fix goes), else on the file itself. Tracked `.env` files are SEC008\'s.',
      whyItMatters:
        '`.env` files hold the deployment\'s secrets. Most leaks of them are accidents: a broad `git add`, an IDE ' +
        'commit of "all changes", a new clone without the ignore rule. An ignore rule makes the accident impossible.',
      example: { bad: ['# .gitignore', '__pycache__/', '*.pyc'].join('\n'), good: ['# .gitignore', '__pycache__/', '*.pyc', '.env', '.env.*', '!.env.example'].join('\n'), language: 'gitignore' },
      howToFix: 'Add `.env` and `.env.*` (with `!.env.example` to keep the template) to `.gitignore` and commit it.',
      references: [{ title: 'gitignore documentation', url: 'https://git-scm.com/docs/gitignore' }, ...SECRET_REFERENCES],
      limitations: 'Needs git: outside a work tree, or without git installed, the rule is silent.',
    },
  },
  check(context) {
    const { tracked, files } = context.project;
    if (!tracked) return;
    const gitignore = files.includes('.gitignore') ? '.gitignore' : undefined;
    for (const relPath of files) {
      if (!ENV_FILE.test(relPath) || tracked.has(relPath) || !secretFileKind(relPath)) continue;
      context.report({
        at: { path: gitignore ?? relPath, startLine: 1 },
        message: `${relPath} is not ignored by git (no .gitignore rule matches it): the next "git add ." commits its secrets`,
        key: relPath,
        hideExcerpt: true,
      });
    }
  },
});
