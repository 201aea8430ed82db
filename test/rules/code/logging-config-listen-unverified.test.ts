import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY612 logging-config-listen-unverified', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY612', path.join(FIXTURES, 'rules/code/logging-config-listen-unverified.py'));
  });

  it("keeps Bandit's medium/high", async () => {
    const findings = await runRule('PY612', 'import logging.config\nlogging.config.listen()\n');
    expect(findings.map((f) => [f.ruleId, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([['PY612', 'medium', 'high']]);
  });
});
