/**
 * `scan --history` end to end: a real repository whose secrets were added and deleted, committed on a side branch,
 * introduced by a merge resolution and carried through a rename. Every secret is reported with the commit that
 * introduced it; none is shown whole in any output format.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseline } from '../../src/core/baseline.js';
import { audit } from '../../src/engine/scan.js';
import { REPORTERS } from '../../src/reporters/index.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { commit, git, initRepo } from './git.js';
import { secretTokens } from './materialize.js';

const tokens = secretTokens(23);
let dir = '';
const ids: Record<string, string> = {};

async function write(name: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), content);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-scan-history-'));
  initRepo(dir);
  await write('shop/__init__.py', '');
  await write('shop/payments.py', `import os\n\nSTRIPE_SECRET_KEY = "${tokens.stripe_live}"\n`);
  await write('shop/legacy.py', `# mail\nSENDGRID_API_KEY = "${tokens.sendgrid}"\n`);
  await write('shop/conf.py', 'one\nVALUE = 1\nthree\n');
  await write('shop/storage.py', `AWS_ACCESS_KEY_ID = "${tokens.aws_id}"\n`);
  ids.first = commit(dir, 'initial', '2024-02-01T09:00:00Z');
  // Deleted in the next commit: still in the history.
  await write('shop/payments.py', 'import os\n\nSTRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]\n');
  git(dir, 'mv', 'shop/legacy.py', 'shop/mail.py');
  ids.removed = commit(dir, 'read the Stripe key from the environment; rename legacy.py', '2024-02-02T09:00:00Z');
  // A side branch never merged.
  git(dir, 'checkout', '-q', '-b', 'side');
  await write('deploy/ci.yml', `token: ${tokens.github_pat}\n`);
  ids.side = commit(dir, 'ci token', '2024-02-03T09:00:00Z');
  // A merge whose conflict resolution introduces a secret.
  git(dir, 'checkout', '-q', '-b', 'feature', ids.removed);
  await write('shop/conf.py', 'one\nVALUE = 2\nthree\n');
  ids.feature = commit(dir, 'feature', '2024-02-04T09:00:00Z');
  git(dir, 'checkout', '-q', 'main');
  await write('shop/conf.py', 'one\nVALUE = 3\nthree\n');
  ids.main = commit(dir, 'main change', '2024-02-05T09:00:00Z');
  try {
    git(dir, 'merge', '-q', '--no-edit', 'feature');
  } catch {
    // The conflict is the point.
  }
  await write('shop/conf.py', `one\nSLACK_TOKEN = "${tokens.slack_bot}"\nthree\n`);
  ids.merge = commit(dir, 'merge feature', '2024-02-06T09:00:00Z', ['shop/conf.py']);
  // Removed again after the merge: only the history has it.
  await write('shop/conf.py', 'one\nVALUE = 4\nthree\n');
  ids.last = commit(dir, 'drop token', '2024-02-07T09:00:00Z');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('scan --history', () => {
  it('reports every secret at the commit that introduced it, deleted ones included', async () => {
    const { report } = await audit({ path: dir, select: ['SEC'], history: true, jobs: 1 });
    const got = report.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.commit?.id, f.commit?.inWorkingTree]);
    expect(got).toEqual(
      [
        ['SEC002', 'shop/storage.py', 1, ids.first, true],
        ['SEC003', 'deploy/ci.yml', 1, ids.side, false],
        ['SEC003', 'shop/conf.py', 2, ids.merge, false],
        ['SEC003', 'shop/mail.py', 2, ids.first, true],
        ['SEC003', 'shop/payments.py', 3, ids.first, false],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    const deleted = report.findings.find((f) => f.location.path === 'shop/payments.py')!;
    expect(deleted.commit).toMatchObject({ date: '2024-02-01T09:00:00+00:00', author: 'Pony Tester' });
    expect(deleted.message).toContain(ids.first!.slice(0, 12));
    expect(deleted.excerpt?.lines[0]).toContain('STRIPE_SECRET_KEY = "sk_l…"');
  });

  it('without --history reports only the working tree, without commits', async () => {
    const { report } = await audit({ path: dir, select: ['SEC'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.commit])).toEqual([
      ['shop/mail.py', undefined],
      ['shop/storage.py', undefined],
    ]);
  });

  it('no output format (nor a baseline file) shows a secret whole', async () => {
    const result = await audit({ path: dir, history: true, jobs: 1 });
    const secrets = [tokens.stripe_live, tokens.sendgrid, tokens.aws_id, tokens.github_pat, tokens.slack_bot].map((s) => s!);
    expect(result.report.findings.filter((f) => f.family === 'secrets')).toHaveLength(5);
    for (const [format, reporter] of Object.entries(REPORTERS)) {
      const text = reporter(result.report, { color: false, rules: new Map(ALL_RULES.map((rule) => [rule.meta.code, rule.meta])) });
      for (const secret of secrets) expect(text, `${format} shows ${secret.slice(0, 6)}…`).not.toContain(secret.slice(4));
    }
    const baseline = JSON.stringify(createBaseline(result.report.findings, 'test', new Date(0)));
    for (const secret of secrets) expect(baseline).not.toContain(secret.slice(4));
  });

  it('a baseline silences a known secret by its fingerprint, and a deleted secret is not silenced by a comment in today\'s file', async () => {
    const first = await audit({ path: dir, select: ['SEC'], history: true, jobs: 1 });
    const again = await audit({ path: dir, select: ['SEC'], history: true, jobs: 1 });
    expect(again.report.findings.map((f) => f.fingerprint)).toEqual(first.report.findings.map((f) => f.fingerprint));
    await write('shop/payments.py', 'import os\n\nSTRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]  # ponyguard: ignore[SEC003] -- read from the environment\n');
    const after = await audit({ path: dir, select: ['SEC'], history: true, jobs: 1 });
    expect(after.report.findings.some((f) => f.location.path === 'shop/payments.py')).toBe(true);
  });

  it('outside a git work tree --history is an error naming the path, and the tree is still scanned', async () => {
    const plain = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-nogit-'));
    await writeFile(path.join(plain, 'keys.py'), `AWS_ACCESS_KEY_ID = "${tokens.aws_id}"\n`);
    const { report } = await audit({ path: plain, select: ['SEC'], history: true, jobs: 1 });
    expect(report.findings.map((f) => f.location.path)).toEqual(['keys.py']);
    expect(report.errors.map((e) => e.message).join('\n')).toContain('not in a git work tree');
    await rm(plain, { recursive: true, force: true });
  });
});
