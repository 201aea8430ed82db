import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, hits, makeProject, runRule } from '../../helpers.js';

const SOURCE = [
  'from django.utils.safestring import mark_safe',
  'def f(user):',
  '    return mark_safe("<b>%s</b>" % user.name)',
  'def g():',
  '    return mark_safe("<br>")',
  '',
].join('\n');

describe('PY308 mark-safe-used', () => {
  it('reports exactly the annotated lines of its fixture (PY703 disabled)', async () => {
    await expectFixture('PY308', path.join(FIXTURES, 'rules/code/mark-safe-used.py'));
  });

  it('reports non-literal calls only, unlike Bandit, with medium/high', async () => {
    const findings = await runRule('PY308', SOURCE);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([[3, 'medium', 'high']]);
  });

  it('is selected by its Bandit alias B308 and then reports the call itself', async () => {
    const dir = await makeProject({ 'app/views.py': SOURCE });
    const { report } = await audit({ path: dir, select: ['B308'], jobs: 1 });
    expect(hits(report.findings)).toEqual([{ code: 'PY308', line: 3 }]);
  });

  it('stays silent when PY703 is enabled, which reports the same call once', async () => {
    const dir = await makeProject({ 'app/views.py': SOURCE });
    const { report } = await audit({ path: dir, select: ['PY308', 'PY703'], jobs: 1 });
    expect(hits(report.findings)).toEqual([{ code: 'PY703', line: 3 }]);
  });
});
