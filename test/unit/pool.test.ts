import { describe, expect, it } from 'vitest';
import type { PythonTask } from '../../src/engine/analyze-python.js';
import { runPythonTasks } from '../../src/engine/pool.js';

const task = (relPath: string): PythonTask => ({ absPath: `/nowhere/${relPath}`, relPath, moduleName: null, isPackage: false, roles: [], keepModule: false, maxBytes: 1e6 });
const crashingWorker = new URL('../fixtures/pool/crashing-worker.mjs', import.meta.url);

describe('worker pool', () => {
  it('loses only the file that crashed a worker, and finishes the rest on a new worker', async () => {
    const tasks = Array.from({ length: 60 }, (_, i) => task(i === 5 || i === 41 ? `pkg/crash${i}.py` : `pkg/ok${i}.py`));
    let progress = 0;
    const results = await runPythonTasks(tasks, { jobs: 2, ruleCodes: [], workerUrl: crashingWorker, onFileDone: (done) => (progress = done) });
    expect(results.map((r) => r.relPath)).toEqual(tasks.map((t) => t.relPath));
    const failed = results.filter((r) => r.errors.length > 0);
    expect(failed.map((r) => [r.relPath, r.errors[0]!.message])).toEqual([
      ['pkg/crash5.py', 'analysis crashed (worker exited with code 7); file not scanned'],
      ['pkg/crash41.py', 'analysis crashed (worker exited with code 7); file not scanned'],
    ]);
    expect(results.filter((r) => r.parsed)).toHaveLength(58);
    expect(progress).toBe(60);
  });

  it('survives many crashing files', async () => {
    const tasks = Array.from({ length: 40 }, (_, i) => task(i % 4 === 0 ? `pkg/crash${i}.py` : `pkg/ok${i}.py`));
    const results = await runPythonTasks(tasks, { jobs: 2, ruleCodes: [], workerUrl: crashingWorker });
    expect(results.filter((r) => r.errors.length > 0)).toHaveLength(10);
    expect(results.filter((r) => r.parsed)).toHaveLength(30);
  });

  it('falls back to the main thread when workers cannot start', async () => {
    const tasks = Array.from({ length: 30 }, (_, i) => task(`pkg/m${i}.py`));
    const results = await runPythonTasks(tasks, { jobs: 2, ruleCodes: [], workerUrl: new URL('../fixtures/pool/broken-worker.mjs', import.meta.url) });
    // Analyzed inline for real: the paths do not exist, so each is an error naming the file.
    expect(results.map((r) => [r.relPath, r.errors[0]?.message])).toEqual(
      tasks.map((t) => [t.relPath, 'cannot read file: it does not exist (a broken symbolic link, or deleted during the scan)']),
    );
  });

  it('does not wait on workers that exit before they are ready', async () => {
    const tasks = Array.from({ length: 30 }, (_, i) => task(`pkg/m${i}.py`));
    const results = await runPythonTasks(tasks, { jobs: 2, ruleCodes: [], workerUrl: new URL('../fixtures/pool/silent-exit-worker.mjs', import.meta.url) });
    // Finished on the main thread: every file analyzed inline (and missing, so each is an error naming it).
    expect(results.map((r) => r.relPath)).toEqual(tasks.map((t) => t.relPath));
    expect(results.every((r) => r.errors[0]?.message.startsWith('cannot read file'))).toBe(true);
  });
});
