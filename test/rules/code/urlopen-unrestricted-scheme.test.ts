import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY310 urlopen-unrestricted-scheme', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY310', path.join(FIXTURES, 'rules/code/urlopen-unrestricted-scheme.py'));
  });

  it('is quiet on literal http(s) URLs and reports other schemes and variables', async () => {
    const source = [
      'from urllib.request import urlopen',
      'urlopen("https://example.com/")',
      'urlopen("ftp://example.com/file")',
      'urlopen(u)',
      'urlopen("https:" + u)',
      '',
    ].join('\n');
    const findings = await runRule('PY310', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [3, 'medium', 'high'],
      [4, 'medium', 'high'],
      [5, 'medium', 'high'],
    ]);
  });

  it('does not match Python 2 names Bandit no longer lists', async () => {
    expect(hits(await runRule('PY310', 'import urllib2\nurllib2.urlopen(u)\n'))).toEqual([]);
  });
});
