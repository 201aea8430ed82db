import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/taint/command-injection');

/** The confidence of the finding whose source carries `# source: <label>` in `file`. */
function confidenceFrom(findings: readonly Finding[], file: string, label: string): string[] {
  const line = readFileSync(path.join(fixture, file), 'utf8').split('\n').findIndex((text) => new RegExp(`#\\s*source:.*\\b${label}\\b`).test(text)) + 1;
  expect(line, label).toBeGreaterThan(0);
  return findings.filter((f) => f.trace?.[0]?.path === file && f.trace[0].line === line).map((f) => f.confidence).sort();
}

describe('TNT005 command-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    await expectTaintFixture('TNT005', fixture);
  });

  it('lowers the confidence where the sink is less certain', async () => {
    const findings = await expectTaintFixture('TNT005', fixture);
    // A shell command, a program, a shell's -c command: high.
    expect(confidenceFrom(findings, 'tools/views.py', 'host')).toEqual(['high']);
    expect(confidenceFrom(findings, 'tools/views.py', 'tool')).toEqual(['high', 'high', 'high']);
    expect(confidenceFrom(findings, 'tools/views.py', 'script')).toEqual(['high', 'high']);
    // Argument injection into git's options: low.
    expect(confidenceFrom(findings, 'tools/views.py', 'repo')).toEqual(['low']);
    // os.system() (high), then a shell= value that is not a literal (medium).
    expect(confidenceFrom(findings, 'tools/views.py', 'fmt')).toEqual(['high', 'medium']);
    // exec_command() on paramiko's SSHClient: high; on an unknown receiver: medium.
    expect(confidenceFrom(findings, 'tools/views.py', 'log')).toEqual(['high']);
    expect(confidenceFrom(findings, 'tools/views.py', 'folder')).toEqual(['medium']);
  });
});
