/**
 * Runs Python file tasks on a `worker_threads` pool sized to the cores, or inline for small jobs. A worker that
 * crashes costs only the file it was working on (reported as an error); the rest of its batch is retried.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pythonRules } from '../rules/index.js';
import { analyzePythonTask, type PythonTask, type PythonTaskResult } from './analyze-python.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './worker.js';

export interface PoolOptions {
  /** Worker count; 0 = one per core. 1 runs inline on the main thread. */
  jobs: number;
  ruleCodes: string[];
  onFileDone?: (done: number, total: number) => void;
}

const BATCH_SIZE = 8;
const MAX_RESPAWNS = 4;
/** Below this many files a pool costs more (worker start-up, WASM load) than it saves. */
const MIN_FILES_FOR_POOL = 24;

const workerUrl = new URL('./worker.js', import.meta.url);

/** Workers need the compiled JavaScript; when running from TypeScript sources (tests), work inline. */
function workersAvailable(): boolean {
  return existsSync(fileURLToPath(workerUrl));
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export async function runPythonTasks(tasks: readonly PythonTask[], options: PoolOptions): Promise<PythonTaskResult[]> {
  const jobs = options.jobs > 0 ? options.jobs : defaultJobs();
  const workerCount = Math.min(jobs, Math.ceil(tasks.length / BATCH_SIZE));
  if (workerCount <= 1 || tasks.length < MIN_FILES_FOR_POOL || !workersAvailable()) return runInline(tasks, options);
  return runPool(tasks, workerCount, options);
}

async function runInline(tasks: readonly PythonTask[], options: PoolOptions): Promise<PythonTaskResult[]> {
  const rules = pythonRules().filter((rule) => options.ruleCodes.includes(rule.meta.code));
  const results: PythonTaskResult[] = [];
  for (const task of tasks) {
    results.push(await analyzePythonTask(task, rules));
    options.onFileDone?.(results.length, tasks.length);
  }
  return results;
}

function runPool(tasks: readonly PythonTask[], workerCount: number, options: PoolOptions): Promise<PythonTaskResult[]> {
  return new Promise((resolve, reject) => {
    const results: Array<PythonTaskResult | undefined> = new Array<PythonTaskResult | undefined>(tasks.length);
    // Queue of task indexes still to do; batches are taken from the front.
    const queue: number[] = tasks.map((_, i) => i);
    let done = 0;
    let respawns = 0;
    let batchCounter = 0;
    let finished = false;
    const live = new Set<Worker>();

    const finish = (error?: Error): void => {
      if (finished) return;
      finished = true;
      for (const worker of live) void worker.terminate();
      if (error) reject(error);
      else resolve(results as PythonTaskResult[]);
    };

    const record = (index: number, result: PythonTaskResult): void => {
      if (results[index]) return;
      results[index] = result;
      done++;
      options.onFileDone?.(done, tasks.length);
      if (done === tasks.length) finish();
    };

    const spawn = (): void => {
      const worker = new Worker(workerUrl, { workerData: { ruleCodes: options.ruleCodes } satisfies WorkerInit });
      live.add(worker);
      let inFlight: { batch: number; indexes: number[] } | undefined;
      let crashed = false;

      const sendNext = (): void => {
        const indexes = queue.splice(0, BATCH_SIZE);
        if (indexes.length === 0) {
          inFlight = undefined;
          live.delete(worker);
          void worker.terminate();
          return;
        }
        inFlight = { batch: ++batchCounter, indexes };
        worker.postMessage({ type: 'batch', batch: inFlight.batch, tasks: indexes.map((i) => tasks[i]!) } satisfies WorkerRequest);
      };

      const onCrash = (reason: string): void => {
        if (crashed || finished) return;
        crashed = true;
        live.delete(worker);
        const pending = inFlight?.indexes.filter((i) => !results[i]) ?? [];
        const [culprit, ...rest] = pending;
        if (culprit !== undefined) {
          const task = tasks[culprit]!;
          record(culprit, {
            relPath: task.relPath,
            bytes: 0,
            parsed: false,
            findings: [],
            directives: [],
            errors: [{ path: task.relPath, line: null, message: `analysis crashed (${reason}); file not scanned` }],
          });
        }
        queue.unshift(...rest);
        if (queue.length === 0) return;
        if (respawns++ >= MAX_RESPAWNS) finish(new Error(`scan workers keep crashing (${reason})`));
        else spawn();
      };

      worker.on('message', (message: WorkerResponse) => {
        if (message.type === 'ready') sendNext();
        else if (message.type === 'result' && inFlight && message.batch === inFlight.batch) {
          record(inFlight.indexes[message.index]!, message.result);
        } else if (message.type === 'done') sendNext();
      });
      worker.on('error', (error) => onCrash(error.message));
      worker.on('exit', (code) => {
        if (inFlight && inFlight.indexes.some((i) => !results[i])) onCrash(`worker exited with code ${code}`);
      });
    };

    for (let i = 0; i < workerCount; i++) spawn();
  });
}
