import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY506 yaml-unsafe-load', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY506', path.join(FIXTURES, 'rules/code/yaml-unsafe-load.py'));
  });

  it('is certain for known unsafe loaders, less so for a loader it cannot resolve', async () => {
    const source = [
      'import yaml',
      'yaml.load(s, Loader=yaml.FullLoader)',
      'def f(s, loader):',
      '    yaml.load(s, Loader=loader)',
      '    yaml.load(s, **options)',
      '    yaml.load(s)',
    ].join('\n');
    const findings = await runRule('PY506', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [2, 'medium', 'high'],
      [4, 'medium', 'medium'],
      [5, 'medium', 'medium'],
      [6, 'medium', 'high'],
    ]);
  });

  it('only knows PyYAML', async () => {
    expect(await runRule('PY506', 'import json\njson.load(f)\nfrom ruamel import yaml\nyaml.load(f)\n')).toEqual([]);
  });
});
