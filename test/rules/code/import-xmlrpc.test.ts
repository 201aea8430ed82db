import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY411 import-xmlrpc', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY411', path.join(FIXTURES, 'rules/code/import-xmlrpc.py'));
  });

  it('is quiet in a file that applies defusedxml\'s monkey patch', async () => {
    const patched = ['import xmlrpc.client', 'from xmlrpc.client import ServerProxy', 'import defusedxml.xmlrpc', 'defusedxml.xmlrpc.monkey_patch()'].join('\n');
    expect(await runRule('PY411', patched)).toEqual([]);
    const defused = ['from defusedxml import defuse_stdlib', 'from xmlrpc.client import ServerProxy', 'defuse_stdlib()'].join('\n');
    expect(await runRule('PY411', defused)).toEqual([]);
  });

  it('keeps Bandit\'s high severity', async () => {
    const [finding] = await runRule('PY411', 'import xmlrpc.client\n');
    expect(finding?.severity ?? 'high').toBe('high');
  });
});
