import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject, runRule } from '../../helpers.js';

describe('PY502 ssl-insecure-protocol-version', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY502', path.join(FIXTURES, 'rules/code/ssl-insecure-protocol-version.py'));
  });

  it('is certain for known APIs and medium for any other call, as Bandit', async () => {
    const source = ['import ssl', 'ssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv2)', 'connect(host, ssl_version=ssl.PROTOCOL_SSLv2)'].join('\n');
    const findings = await runRule('PY502', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([
      [2, 'high', 'high'],
      [3, 'medium', 'medium'],
    ]);
  });

  it('takes bad_protocol_versions from the options, and from Bandit\'s ssl_with_bad_version block', async () => {
    const source = ['import ssl', 'a = ssl.SSLContext(ssl.PROTOCOL_TLSv1)', 'b = ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)', 'c.minimum_version = ssl.TLSVersion.TLSv1_1', ''].join('\n');
    const own = await makeProject({ 'app.py': source, '.ponyguard.toml': '[options.PY502]\nbad_protocol_versions = ["PROTOCOL_TLSv1_1"]\n' });
    const ownReport = (await audit({ path: own, select: ['PY502'], jobs: 1 })).report;
    expect(ownReport.errors).toEqual([]);
    expect(ownReport.findings.map((f) => f.location.startLine)).toEqual([3, 4]);

    const bandit = await makeProject({ 'app.py': source });
    await writeFile(path.join(bandit, 'pyproject.toml'), '[tool.bandit.ssl_with_bad_version]\nbad_protocol_versions = ["PROTOCOL_TLSv1"]\n');
    const banditReport = (await audit({ path: bandit, select: ['PY502'], jobs: 1 })).report;
    expect(banditReport.findings.map((f) => f.location.startLine)).toEqual([2]);
  });

  it('rejects a malformed option when the configuration loads', async () => {
    const dir = await makeProject({ 'app.py': 'import ssl\n', '.ponyguard.toml': '[options.PY502]\nbad_protocol_versions = 3\n' });
    await expect(audit({ path: dir, select: ['PY502'], jobs: 1 })).rejects.toThrow(/bad_protocol_versions/);
  });
});
