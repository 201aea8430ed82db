import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY508 snmp-insecure-version', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY508', path.join(FIXTURES, 'rules/code/snmp-insecure-version.py'));
  });

  it('follows pysnmp\'s star imports', async () => {
    const source = 'from pysnmp.hlapi.v3arch.asyncio import *\nauth = CommunityData("public", mpModel=0)\n';
    expect(hits(await runRule('PY508', source))).toEqual([{ code: 'PY508', line: 2 }]);
    expect(await runRule('PY508', 'from othersnmp import *\nauth = CommunityData("public")\n')).toEqual([]);
  });
});
