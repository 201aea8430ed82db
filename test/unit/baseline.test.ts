import { describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline, parseBaseline } from '../../src/core/baseline.js';
import { ConfigError } from '../../src/core/errors.js';
import type { Finding } from '../../src/core/finding.js';

function finding(line: number, print = 'a'.repeat(32)): Finding {
  return {
    ruleId: 'PY608',
    ruleName: 'sql-string-formatting',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    owasp: [],
    aliases: ['B608'],
    message: 'm',
    location: { path: 'a.py', startLine: line, startColumn: 1, endLine: line, endColumn: 2 },
    fingerprint: print,
    fix: 'f',
  };
}

describe('baseline', () => {
  it('matches findings by fingerprint wherever they moved', () => {
    const baseline = createBaseline([finding(10)], '0.1.0', new Date(0));
    const { fresh, known } = applyBaseline([finding(42)], baseline);
    expect(fresh).toEqual([]);
    expect(known.map((f) => f.location.startLine)).toEqual([42]);
  });

  it('counts duplicates: two identical findings against one baselined leaves one new, the farther one', () => {
    const baseline = createBaseline([finding(10)], '0.1.0', new Date(0));
    const { fresh, known } = applyBaseline([finding(11), finding(30)], baseline);
    expect(known.map((f) => f.location.startLine)).toEqual([11]);
    expect(fresh.map((f) => f.location.startLine)).toEqual([30]);
  });

  it('treats different code as new', () => {
    const baseline = createBaseline([finding(10, 'b'.repeat(32))], '0.1.0', new Date(0));
    expect(applyBaseline([finding(10)], baseline).fresh).toHaveLength(1);
  });

  it('rejects files that are not baselines, naming the file', () => {
    expect(() => parseBaseline('{', 'base.json')).toThrow(ConfigError);
    expect(() => parseBaseline('{"results": []}', 'base.json')).toThrow(/base\.json: not a ponyguard baseline/);
    expect(() => parseBaseline('{"version": 1, "findings": [{"ruleId": "X"}]}', 'base.json')).toThrow(/entry 0/);
  });

  it('round-trips through JSON', () => {
    const baseline = createBaseline([finding(3)], '0.1.0', new Date(0));
    expect(parseBaseline(JSON.stringify(baseline), 'b.json')).toEqual(baseline);
  });
});
