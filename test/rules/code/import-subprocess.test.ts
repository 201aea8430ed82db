import path from 'node:path';
import { describe, it } from 'vitest';
import { FIXTURES, expectFixture } from '../../helpers.js';

describe('PY404 import-subprocess', () => {
  it('reports exactly the annotated lines of its fixture, including dynamic imports', async () => {
    await expectFixture('PY404', path.join(FIXTURES, 'rules/code/import-subprocess.py'));
  });
});
