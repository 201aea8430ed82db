import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/upload-to-user-controlled-name');
const examples = path.join(REPO_ROOT, 'examples');

describe('HRD022 upload-to-user-controlled-name', () => {
  it('reports exactly the annotated lines of its fixture project (functions, imported functions, lambdas, __call__)', async () => {
    await expectFixture('HRD022', fixture);
  });

  it('rates a free-text field medium, a username or a file name used as a directory low', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD022'], jobs: 1 });
    const at = (where: string) => report.findings.find((f) => `${f.location.path}:${f.location.startLine}` === where);
    expect([at('documents/models.py:13')?.severity, at('documents/models.py:13')?.message]).toEqual(['medium', expect.stringContaining('`instance.title`')]);
    expect(at('documents/models.py:17')?.severity).toBe('low');
    expect(at('documents/models.py:17')?.message).toContain('instance.owner.username');
    expect([at('documents/models.py:30')?.severity, at('documents/models.py:30')?.confidence]).toEqual(['low', 'high']);
    expect(at('documents/paths.py:21')?.message).toContain('upload_to class `UserDirectory`');
    // UserDirectory is used by two fields: one finding.
    expect(report.findings.filter((f) => f.location.path === 'documents/paths.py' && f.location.startLine === 21)).toHaveLength(1);
  });

  it('is silent on both example projects', async () => {
    for (const example of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(examples, example), select: ['HRD022'], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
