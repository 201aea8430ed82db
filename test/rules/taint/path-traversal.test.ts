import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/taint/path-traversal');

describe('TNT008 path-traversal', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    await expectTaintFixture('TNT008', FIXTURE);
  });

  it('lowers the confidence of names given to Django storages and of path methods on unknown receivers', async () => {
    const findings = await expectTaintFixture('TNT008', FIXTURE);
    const at = (file: string, text: string) => findings.find((f) => f.location.path === file && f.message.includes(text));
    expect(at('files/views.py', 'Storage.save()')?.confidence).toBe('low');
    expect(at('files/views.py', 'open()')?.confidence).toBe('high');
    expect(at('files/api.py', 'Path.write_text()')?.confidence).toBe('high');
    // `target.write_text()` on a parameter: not visibly a Path.
    expect(at('files/lib/fs.py', 'Path.write_text()')?.confidence).toBe('medium');
  });
});
