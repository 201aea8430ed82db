import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY402 import-ftplib', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY402', path.join(FIXTURES, 'rules/code/import-ftplib.py'));
  });

  it('is quiet for FTP_TLS imported by name, loud for the module', async () => {
    expect(await runRule('PY402', 'from ftplib import FTP_TLS\n')).toEqual([]);
    expect(hits(await runRule('PY402', 'import json, ftplib\n'))).toEqual([{ code: 'PY402', line: 1 }]);
  });
});
