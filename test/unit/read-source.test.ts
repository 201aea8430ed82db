import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/engine/read-source.js';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeSource', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], 'x = "é"\n'), true)).toEqual({ ok: true, text: 'x = "é"\n', bytes: 12 });
  });

  it('names the line of the first invalid UTF-8 byte', () => {
    const result = decodeSource(bytes('a = 1\nb = "', [0xff, 0xfe], '"\n'), true);
    expect(result).toMatchObject({ ok: false, line: 2 });
    expect(!result.ok && result.message).toMatch(/not valid UTF-8 \(byte 0xff at line 2\)/);
  });

  it('rejects binary content', () => {
    expect(decodeSource(bytes('abc', [0], 'def'), true)).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/binary/) as unknown });
  });

  it('honours a PEP 263 coding declaration in Python files', () => {
    const latin1 = bytes('# -*- coding: latin-1 -*-\nname = "', [0xe9], '"\n');
    expect(decodeSource(latin1, true)).toMatchObject({ ok: true, text: '# -*- coding: latin-1 -*-\nname = "é"\n' });
    expect(decodeSource(latin1, false)).toMatchObject({ ok: false });
  });

  it('reports an unknown declared encoding', () => {
    expect(decodeSource(bytes('# coding: klingon\n'), true)).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/unknown source encoding/) as unknown });
  });
});
