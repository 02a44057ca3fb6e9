/**
 * The hub's side of the solver thread: one request at a time, a deadline a
 * little beyond the solver's own time limit, and a fresh thread after a
 * crash or a hang, so that a bad solve can never stall planning for good.
 */
import { Worker } from 'node:worker_threads';
import { HubError } from '../../common/errors.js';
import type { PlanProblem } from '../model/problem.js';
import type { ProblemSolution, SolveLimits } from './solve-problem.js';
import type { SolveReply, SolveRequest } from './solve-worker.js';
import { workerStart } from './worker-url.js';

/** Beyond the solver's own limit: loading HiGHS, copying the problem, a busy machine (real ms). */
const graceMs = 10_000;

export class SolverClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: { id: number; resolve: (s: ProblemSolution) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;

  solve(problem: PlanProblem, limits: SolveLimits): Promise<ProblemSolution> {
    if (this.pending !== null) return Promise.reject(new HubError('not_available', 'a solve is already running', { retryable: true }));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ProblemSolution>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new HubError('internal', `the solver did not answer within ${limits.timeLimitMs + graceMs} ms: restarted`, { retryable: true }));
      }, limits.timeLimitMs + graceMs);
      timer.unref();
      this.pending = { id, resolve, reject, timer };
      worker.postMessage({ id, problem, limits } satisfies SolveRequest);
    });
  }

  async close(): Promise<void> {
    this.fail(new HubError('not_available', 'the solver is shutting down'));
    const w = this.worker;
    this.worker = null;
    if (w !== null) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const start = workerStart(import.meta.url, 'solve-worker', {});
    const worker = new Worker(start.url, start.options);
    worker.unref();
    worker.on('message', (reply: SolveReply) => {
      const p = this.pending;
      if (p === null || p.id !== reply.id) return;
      this.pending = null;
      clearTimeout(p.timer);
      if ('error' in reply) p.reject(new HubError('internal', `solver: ${reply.error}`, { retryable: true }));
      else p.resolve(reply.solution);
    });
    worker.on('error', (err) => this.fail(new HubError('internal', 'the solver thread failed', { retryable: true, cause: err })));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.fail(new HubError('internal', 'the solver thread stopped', { retryable: true }));
    });
    this.worker = worker;
    return worker;
  }

  /** Rejects the request in flight and drops the thread (a new one starts with the next request). */
  private fail(err: Error): void {
    const p = this.pending;
    if (p !== null) {
      this.pending = null;
      clearTimeout(p.timer);
      p.reject(err);
      const w = this.worker;
      this.worker = null;
      if (w !== null) void w.terminate();
    }
  }
}
