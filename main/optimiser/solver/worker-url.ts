/**
 * How to start a worker module that sits next to the caller: built code
 * starts the .js file; TypeScript sources (tsx, vitest) go through
 * ts-worker.mjs, which registers tsx in the new thread first.
 */
import type { WorkerOptions } from 'node:worker_threads';

export interface WorkerStart {
  readonly url: URL;
  readonly options: WorkerOptions;
}

export function workerStart(callerUrl: string, moduleBaseName: string, workerData: unknown): WorkerStart {
  if (callerUrl.endsWith('.ts')) {
    return {
      url: new URL('./ts-worker.mjs', import.meta.url),
      options: { workerData: { ...(workerData as object), tsModule: new URL(`./${moduleBaseName}.ts`, callerUrl).href } },
    };
  }
  return { url: new URL(`./${moduleBaseName}.js`, callerUrl), options: { workerData } };
}
