import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { FORMATS } from '../../src/reporters/index.js';
import { REPO_ROOT, runCli } from '../helpers.js';

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string; value?: string }>;
  runs: { using: string; steps: Array<{ name?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string> }> };
}

async function loadAction(): Promise<Action> {
  const doc = parseDocument(await readFile(path.join(REPO_ROOT, 'action.yml'), 'utf8'), { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return doc.toJS() as Action;
}

describe('action.yml', () => {
  it('is a composite action whose inputs and outputs are all documented', async () => {
    const action = await loadAction();
    expect(action.name).toBe('ponyguard');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'format', 'output', 'fail-on', 'severity-threshold', 'baseline', 'args']));
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\S{3,}/);
      expect(typeof input.default, `${name} has a default`).toBe('string');
    }
    for (const [name, output] of Object.entries(action.outputs)) expect(output.description, name).toMatch(/\S{3,}/);
    expect(FORMATS).toContain(action.inputs['format']!.default);
    expect(action.inputs['output']!.default).toMatch(/\.sarif$/);
  });

  it('passes inputs through the environment, never into the script text', async () => {
    const action = await loadAction();
    for (const step of action.runs.steps) {
      if (!step.run) continue;
      expect(step.shell).toBe('bash');
      expect(step.run, step.name).not.toMatch(/\$\{\{/);
    }
    const scan = action.runs.steps.find((step) => step.run?.includes('scan'))!;
    for (const input of Object.keys(action.inputs).filter((name) => name !== 'node-version')) {
      const variable = `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;
      expect(scan.env?.[variable], input).toBe(`\${{ inputs.${input} }}`);
      expect(scan.run, variable).toContain(`$${variable}`);
    }
  });

  it('runs `ponyguard scan` with options the CLI has', async () => {
    const action = await loadAction();
    const script = action.runs.steps.map((step) => step.run ?? '').join('\n');
    expect(script).toMatch(/"\$PONYGUARD_BIN" scan /);
    const options = [...new Set(script.match(/--[a-z][a-z-]+/g) ?? [])].filter((option) => !['--no-audit', '--no-fund'].includes(option));
    expect(options.length).toBeGreaterThanOrEqual(6);
    const help = await runCli(['scan', '--help']);
    expect(help.code).toBe(0);
    for (const option of options) expect(help.stdout, option).toMatch(new RegExp(`(^|[\\s,])${option}(?=[\\s,=<]|$)`, 'm'));
    // The action's bin is the package's.
    const scan = action.runs.steps.find((step) => step.run?.includes('scan'))!;
    expect(scan.env?.['PONYGUARD_BIN']).toBe('${{ github.action_path }}/bin/ponyguard.js');
  });

  it('the README example workflow uses the action and uploads its SARIF to code scanning', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## GitHub Action'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const doc = parseDocument(block!);
    expect(doc.errors).toEqual([]);
    const workflow = doc.toJS() as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }>; permissions?: Record<string, string> }> };
    const job = Object.values(workflow.jobs)[0]!;
    expect(job.permissions?.['security-events']).toBe('write');
    const ponyguard = job.steps.find((step) => step.uses?.startsWith('ponyguard/ponyguard@'));
    const upload = job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(ponyguard).toBeDefined();
    expect(upload?.with?.['sarif_file']).toBe(ponyguard!.with?.['output'] ?? 'ponyguard.sarif');
    const action = await loadAction();
    for (const key of Object.keys(ponyguard!.with ?? {})) expect(Object.keys(action.inputs), key).toContain(key);
  });
});
