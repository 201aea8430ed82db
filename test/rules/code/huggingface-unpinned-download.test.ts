import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY615 huggingface-unpinned-download', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY615', path.join(FIXTURES, 'rules/code/huggingface-unpinned-download.py'));
  });

  it("keeps Bandit's medium/high, low confidence for a revision held in a variable", async () => {
    const source = ['from transformers import AutoModel', 'def f(rev):', '    AutoModel.from_pretrained("a/b")', '    AutoModel.from_pretrained("a/b", revision=rev)'].join('\n');
    const findings = await runRule('PY615', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [3, 'medium', 'high'],
      [4, 'medium', 'low'],
    ]);
  });

  it('accepts commit_id= like revision=', async () => {
    const source = 'from huggingface_hub import hf_hub_download\nhf_hub_download("a/b", "c.json", commit_id="0123456789abcdef")\n';
    expect(await runRule('PY615', source)).toEqual([]);
  });
});
