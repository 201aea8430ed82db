import path from 'node:path';
import { describe, it } from 'vitest';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

describe('TNT001 sql-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    await expectTaintFixture('TNT001', path.join(FIXTURES, 'rules/taint/sql-injection'));
  });
});
