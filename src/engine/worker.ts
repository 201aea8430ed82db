/**
 * Pool worker: parses and analyzes the Python files it is sent, one at a time, posting each file's result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initParser } from '../python/parser.js';
import { pythonRules } from '../rules/index.js';
import { analyzePythonTask, type PythonTask, type RuleRunOptions } from './analyze-python.js';

export interface WorkerInit {
  ruleCodes: string[];
  run: RuleRunOptions;
}

export type WorkerRequest = { type: 'batch'; batch: number; tasks: PythonTask[] };
export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'result'; batch: number; index: number; result: Awaited<ReturnType<typeof analyzePythonTask>> }
  | { type: 'done'; batch: number };

const port = parentPort;
if (!port) throw new Error('worker.ts must run as a worker thread');
const { ruleCodes, run } = workerData as WorkerInit;
const rules = pythonRules().filter((rule) => ruleCodes.includes(rule.meta.code));

await initParser();
port.postMessage({ type: 'ready' } satisfies WorkerResponse);
port.on('message', (message: WorkerRequest) => {
  void (async () => {
    for (let index = 0; index < message.tasks.length; index++) {
      const result = await analyzePythonTask(message.tasks[index]!, rules, run);
      port.postMessage({ type: 'result', batch: message.batch, index, result } satisfies WorkerResponse);
    }
    port.postMessage({ type: 'done', batch: message.batch } satisfies WorkerResponse);
  })();
});
