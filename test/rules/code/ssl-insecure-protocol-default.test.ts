import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject, runRule } from '../../helpers.js';

describe('PY503 ssl-insecure-protocol-default', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY503', path.join(FIXTURES, 'rules/code/ssl-insecure-protocol-default.py'));
  });

  it('reports once per function, with Bandit\'s medium severity and confidence', async () => {
    const source = 'import ssl\ndef f(a=ssl.PROTOCOL_SSLv2, b=ssl.PROTOCOL_SSLv3):\n    pass\n';
    const findings = await runRule('PY503', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'medium'])).toEqual([[2, 'medium', 'medium']]);
  });

  it('takes bad_protocol_versions from the options', async () => {
    const source = 'import ssl\ndef f(a=ssl.PROTOCOL_TLSv1):\n    pass\ndef g(a=ssl.PROTOCOL_SSLv3):\n    pass\n';
    const dir = await makeProject({ 'app.py': source, '.ponyguard.toml': '[options.PY503]\nbad_protocol_versions = ["PROTOCOL_SSLv3"]\n' });
    const { report } = await audit({ path: dir, select: ['PY503'], jobs: 1 });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.location.startLine)).toEqual([4]);
  });
});
