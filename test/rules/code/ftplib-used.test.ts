import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY321 ftplib-used', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY321', path.join(FIXTURES, 'rules/code/ftplib-used.py'));
  });

  it('reports FTP with high severity but not FTP_TLS', async () => {
    const findings = await runRule('PY321', 'import ftplib\nftplib.FTP("h")\nftplib.FTP_TLS("h")\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high'])).toEqual([[2, 'high']]);
  });
});
