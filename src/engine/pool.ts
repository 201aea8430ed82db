/**
 * Runs Python file tasks on a `worker_threads` pool sized to the cores, or inline for small jobs. A worker that
 * crashes costs only the file it was working on (reported as an error); the rest of its batch is retried on a new
 * worker. If workers cannot start at all, the files are analyzed on the main thread instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pythonRules } from '../rules/index.js';
import { analyzePythonTask, type PythonTask, type PythonTaskResult, type RuleRunOptions } from './analyze-python.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './worker.js';

export interface PoolOptions {
  /** Worker count; 0 = one per core. 1 runs inline on the main thread. */
  jobs: number;
  ruleCodes: string[];
  /** Rule options and the enabled codes, for every rule context. */
  run?: RuleRunOptions;
  onFileDone?: (done: number, total: number) => void;
  /** The worker script (tests substitute one that misbehaves). */
  workerUrl?: URL;
}

const BATCH_SIZE = 8;
/** Workers that die before taking any file: after this many, the remaining files are analyzed inline. */
const MAX_STARTUP_FAILURES = 3;
/** Below this many files a pool costs more (worker start-up, WASM load) than it saves. */
const MIN_FILES_FOR_POOL = 24;

const defaultWorkerUrl = new URL('./worker.js', import.meta.url);

/** Workers need the compiled JavaScript; when running from TypeScript sources (tests), work inline. */
function workersAvailable(url: URL): boolean {
  return existsSync(fileURLToPath(url));
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export async function runPythonTasks(tasks: readonly PythonTask[], options: PoolOptions): Promise<PythonTaskResult[]> {
  const jobs = options.jobs > 0 ? options.jobs : defaultJobs();
  const workerCount = Math.min(jobs, Math.ceil(tasks.length / BATCH_SIZE));
  const workerUrl = options.workerUrl ?? defaultWorkerUrl;
  if (workerCount <= 1 || tasks.length < MIN_FILES_FOR_POOL || !workersAvailable(workerUrl)) return runInline(tasks, options);
  return runPool(tasks, workerCount, workerUrl, options);
}

async function runInline(tasks: readonly PythonTask[], options: PoolOptions): Promise<PythonTaskResult[]> {
  const rules = pythonRules().filter((rule) => options.ruleCodes.includes(rule.meta.code));
  const results: PythonTaskResult[] = [];
  for (const task of tasks) {
    results.push(await analyzePythonTask(task, rules, options.run));
    options.onFileDone?.(results.length, tasks.length);
  }
  return results;
}

function runPool(tasks: readonly PythonTask[], workerCount: number, workerUrl: URL, options: PoolOptions): Promise<PythonTaskResult[]> {
  return new Promise((resolve, reject) => {
    const results: Array<PythonTaskResult | undefined> = new Array<PythonTaskResult | undefined>(tasks.length);
    // Queue of task indexes still to do; batches are taken from the front.
    const queue: number[] = tasks.map((_, i) => i);
    let done = 0;
    let startupFailures = 0;
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
      const worker = new Worker(workerUrl, { workerData: { ruleCodes: options.ruleCodes, run: options.run ?? {} } satisfies WorkerInit });
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
        // A crash with a file in flight costs that file only: replace the worker (bounded by the number of files).
        if (culprit !== undefined || ++startupFailures <= MAX_STARTUP_FAILURES) {
          spawn();
          return;
        }
        // Workers cannot even start here (resource limits, a broken install): finish on the main thread.
        if (live.size > 0) return;
        const remaining = queue.splice(0);
        runInline(remaining.map((i) => tasks[i]!), { ...options, onFileDone: undefined }).then(
          (inline) => inline.forEach((result, k) => record(remaining[k]!, result)),
          (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
        );
      };

      worker.on('message', (message: WorkerResponse) => {
        if (message.type === 'ready') sendNext();
        else if (message.type === 'result' && inFlight && message.batch === inFlight.batch) {
          record(inFlight.indexes[message.index]!, message.result);
        } else if (message.type === 'done') sendNext();
      });
      worker.on('error', (error) => onCrash(error.message));
      worker.on('exit', (code) => {
        // A worker that leaves on its own (before 'ready', or with files in flight) is a crash: its files go back to
        // the queue and a replacement starts, so the scan never waits on a worker that is gone.
        if (live.has(worker)) onCrash(`worker exited with code ${code}`);
      });
    };

    for (let i = 0; i < workerCount; i++) spawn();
  });
}
