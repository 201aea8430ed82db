import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRule } from '../../../src/rules/index.js';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY808 json-response-not-safe', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY808', path.join(FIXTURES, 'rules/code/json-response-not-safe.py'));
  });

  it('is informational', () => {
    expect(findRule('PY808')!.meta.severity).toBe('info');
  });

  it('resolves the response class through django.http.response and ignores other JsonResponse classes', async () => {
    const source = [
      'from django.http.response import JsonResponse as J',
      'from ninja.responses import JsonResponse',
      'J([], safe=False)',
      'JsonResponse([], safe=False)',
    ].join('\n');
    expect(hits(await runRule('PY808', source))).toEqual([{ code: 'PY808', line: 3 }]);
  });
});
