import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, hits, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/templates/safeseq-filter');

describe('TPL002 safeseq-filter', () => {
  it('reports exactly the annotated lines of its fixture templates', async () => {
    await expectFixture('TPL002', fixture);
  });

  it('honours ignore comments', async () => {
    const { report } = await audit({ path: fixture, select: ['TPL002'], jobs: 1, showSuppressed: true });
    expect(report.findings.filter((f) => f.suppression).map((f) => f.location.startLine)).toEqual([17]);
  });

  it('reports safeseq anywhere in the filter chain, not after an escaping filter', async () => {
    const dir = await makeProject({
      'templates/a.html': [
        '{{ items|safeseq }}',
        '{{ items|slice:":3"|safeseq|join:"<br>" }}',
        '{{ items|force_escape|safeseq }}',
        "{{ '<b>'|safeseq }}",
        '{{ items|join:", "|safe }}',
      ].join('\n'),
    });
    const { report } = await audit({ path: dir, select: ['TPL002'], jobs: 1 });
    expect(hits(report.findings)).toEqual([
      { code: 'TPL002', line: 1 },
      { code: 'TPL002', line: 2 },
    ]);
  });
});
