import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject, runRule } from '../../helpers.js';

const source = 'def check(user):\n    assert user.is_staff\n';

describe('PY101 assert-used', () => {
  it('reports exactly the annotated lines of its fixture (asserts in test files are not reported)', async () => {
    await expectFixture('PY101', path.join(FIXTURES, 'rules/code/assert-used'));
  });

  it('is silent in files with the test role, unless check_tests is set', async () => {
    expect(await runRule('PY101', source, { path: 'tests/test_views.py', roles: ['test'] })).toEqual([]);
    expect(await runRule('PY101', source, { path: 'app/views.py', roles: [] })).toHaveLength(1);
    const checked = await runRule('PY101', source, { path: 'tests/test_views.py', roles: ['test'] }, { check_tests: true });
    expect(checked.map((f) => f.location.startLine)).toEqual([2]);
  });

  it('is quiet in an app\'s tests.py, which discovery gives the test role', async () => {
    const dir = await makeProject({ 'shop/tests.py': source, 'shop/views.py': source });
    const { report } = await audit({ path: dir, select: ['PY101'], jobs: 1 });
    expect(report.findings.map((f) => f.location.path)).toEqual(['shop/views.py']);
  });

  it('skips files matching the skips globs, with fnmatch semantics', async () => {
    const at = async (file: string, skips: string[]) => (await runRule('PY101', source, { path: file }, { skips })).length;
    expect(await at('app/legacy/old.py', ['*/legacy/*'])).toBe(0);
    expect(await at('scripts/seed.py', ['./scripts/*'])).toBe(0); // Bandit sees ./scripts/seed.py when run on .
    expect(await at('app/checks_spec.py', ['*_spec.py'])).toBe(0);
    expect(await at('app/deep/nested/file.py', ['app/*.py'])).toBe(0); // * crosses / as in fnmatch
    expect(await at('app/a1.py', ['app/a[0-9].py'])).toBe(0);
    expect(await at('app/ab.py', ['app/a[!b].py'])).toBe(1);
    expect(await at('app/views.py', ['*/legacy/*', 'tests/*'])).toBe(1);
    expect(await at('app/views.py', [])).toBe(1);
  });

  it('reports with Bandit\'s severity and confidence, at the assert', async () => {
    const [finding] = await runRule('PY101', source);
    expect(finding).toMatchObject({ ruleId: 'PY101', location: { startLine: 2, startColumn: 5 } });
    expect(finding!.severity ?? 'low').toBe('low');
    expect(finding!.confidence ?? 'high').toBe('high');
  });
});
