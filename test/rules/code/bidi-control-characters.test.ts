import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY613 bidi-control-characters', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY613', path.join(FIXTURES, 'rules/code/bidi-control-characters.py'));
  });

  it('points at the character itself, once per line, inside a multi-line string too', async () => {
    const source = ['def f():', '    x = """one', 'two \u202e\u202c three"""', '    return x'].join('\n');
    const findings = await runRule('PY613', source);
    expect(findings.map((f) => [f.location.startLine, f.location.startColumn])).toEqual([[3, 5]]);
    expect(findings[0]!.message).toContain('U+202E');
  });

  it('is high/medium, with low confidence for a lone RIGHT-TO-LEFT MARK', async () => {
    const findings = await runRule('PY613', 'a = "x\u2066y\u2069"\nb = "\u05d0\u200f"\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'medium'])).toEqual([
      [1, 'high', 'medium'],
      [2, 'high', 'low'],
    ]);
  });

  it('reports nothing for escapes written in the source', async () => {
    expect(await runRule('PY613', 'a = "\\u202e"\n')).toEqual([]);
  });

  it('honours a suppression comment on the statement holding the character', async () => {
    const findings = await runRule('PY613', 'x = (\n    "a\u202eb"\n)  # nosec B613\n');
    expect(findings[0]!.suppressLines).toEqual([1, 3]);
  });
});
