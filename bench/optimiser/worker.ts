/** Worker thread entry: runs one strategy and posts progress and the result. */
import { parentPort, workerData } from 'node:worker_threads';
import type { BenchArgs, StrategyName } from './args.js';
import { runStrategy } from './run-strategy.js';

export interface WorkerInput {
  readonly args: BenchArgs;
  readonly name: StrategyName;
}

const input = workerData as WorkerInput;
runStrategy(input.args, input.name, (share) => parentPort?.postMessage({ type: 'progress', share })).then(
  (result) => parentPort?.postMessage({ type: 'result', result }),
  (err: unknown) => parentPort?.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
