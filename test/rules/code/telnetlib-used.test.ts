import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY312 telnetlib-used', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY312', path.join(FIXTURES, 'rules/code/telnetlib-used.py'));
  });

  it('reports with high severity and confidence', async () => {
    const findings = await runRule('PY312', 'import telnetlib\ntelnetlib.Telnet("h")\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([[2, 'high', 'high']]);
  });
});
