import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY415 import-pyghmi', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY415', path.join(FIXTURES, 'rules/code/import-pyghmi.py'));
  });

  it('does not report a package whose name merely starts the same way', async () => {
    expect(await runRule('PY415', 'import pyghmi_tools\n')).toEqual([]);
  });
});
