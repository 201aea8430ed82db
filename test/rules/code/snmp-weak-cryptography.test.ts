import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY509 snmp-weak-cryptography', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY509', path.join(FIXTURES, 'rules/code/snmp-weak-cryptography.py'));
  });

  it('counts keyword keys, unlike Bandit, and follows star imports', async () => {
    expect(await runRule('PY509', 'from pysnmp.hlapi import UsmUserData\nUsmUserData("u", authKey="a", privKey="p")\n')).toEqual([]);
    expect(hits(await runRule('PY509', 'from pysnmp.hlapi import *\nUsmUserData("u")\n'))).toEqual([{ code: 'PY509', line: 2 }]);
  });

  it('keeps Bandit\'s medium severity and high confidence', async () => {
    const [finding] = await runRule('PY509', 'from pysnmp.hlapi import UsmUserData\nUsmUserData("u")\n');
    expect([finding?.severity ?? 'medium', finding?.confidence ?? 'high']).toEqual(['medium', 'high']);
  });
});
