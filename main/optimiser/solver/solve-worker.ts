/**
 * The solver's thread: HiGHS is loaded once and every request is solved
 * here, so the control loop's thread never waits on a solve.
 */
import { parentPort } from 'node:worker_threads';
import type { PlanProblem } from '../model/problem.js';
import { HighsSolver } from './highs-solver.js';
import { solveProblem } from './solve-problem.js';
import type { ProblemSolution, SolveLimits } from './solve-problem.js';

export interface SolveRequest {
  readonly id: number;
  readonly problem: PlanProblem;
  readonly limits: SolveLimits;
}

export type SolveReply = { readonly id: number; readonly solution: ProblemSolution } | { readonly id: number; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('solve-worker.ts runs as a worker thread');
const solver = HighsSolver.load();
port.on('message', (req: SolveRequest) => {
  solver.then(
    (s) => {
      let reply: SolveReply;
      try {
        reply = { id: req.id, solution: solveProblem(req.problem, s, req.limits) };
      } catch (err) {
        reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
      }
      port.postMessage(reply);
    },
    (err: unknown) => port.postMessage({ id: req.id, error: `HiGHS did not load: ${err instanceof Error ? err.message : String(err)}` } satisfies SolveReply),
  );
});
