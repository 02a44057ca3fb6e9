/**
 * One plan problem from data to schedule: build the model, solve it by
 * branch-and-bound on HiGHS's LP (branch-and-bound.ts), decode. Should that
 * find nothing within its budget, HiGHS's own MIP gets the full MILP with
 * binaries and what is left of the time limit.
 */
import { buildModel } from '../model/build-model.js';
import { decode } from '../model/decode.js';
import type { Schedule } from '../model/decode.js';
import { findDisjunctions, settleCar } from '../model/disjunctions.js';
import type { PlanProblem } from '../model/problem.js';
import { branchAndBound } from './branch-and-bound.js';
import type { HighsSolver } from './highs-solver.js';

export interface SolveLimits {
  /** Wall-clock budget for the whole solve (ms). */
  readonly timeLimitMs: number;
  /** Largest number of LP runs in the branch-and-bound. */
  readonly maxLpRuns: number;
  /** Accept a plan proved within this share of the optimum... */
  readonly relGap: number;
  /** ...or within this much (site currency). */
  readonly absGap: number;
}

export const defaultSolveLimits: SolveLimits = { timeLimitMs: 2000, maxLpRuns: 10, relGap: 1e-3, absGap: 0.005 };

export interface ProblemSolution {
  /** optimal: proved within the gap; feasible: a plan, not proved; failed: none. */
  readonly status: 'optimal' | 'feasible' | 'failed';
  readonly schedule: Schedule | null;
  readonly objective: number;
  readonly solveMs: number;
  readonly lpRuns: number;
  readonly detail: string;
}

export function solveProblem(problem: PlanProblem, solver: HighsSolver, limits: SolveLimits = defaultSolveLimits): ProblemSolution {
  const started = performance.now();
  const { lp, layout } = buildModel(problem);
  const session = solver.openSession(lp, limits.timeLimitMs / 1000);
  let result;
  try {
    result = branchAndBound(session, { lower: lp.colLower, upper: lp.colUpper }, (x) => findDisjunctions(problem, lp, layout, x), (x) => settleCar(problem, lp, layout, x), {
      timeLimitMs: limits.timeLimitMs,
      maxNodes: limits.maxLpRuns,
      relGap: limits.relGap,
      absGap: limits.absGap,
      diveDepth: 10,
    });
  } finally {
    session.dispose();
  }
  if (result.x !== null && (result.status === 'optimal' || result.status === 'feasible')) {
    return {
      status: result.status,
      schedule: decode(problem, layout, result.x),
      objective: result.objective,
      solveMs: performance.now() - started,
      lpRuns: result.lpRuns,
      detail: result.detail,
    };
  }
  const leftS = (limits.timeLimitMs - (performance.now() - started)) / 1000;
  if (result.status !== 'infeasible' && leftS > 0.05) {
    const full = buildModel(problem, { binaries: true });
    const mip = solver.solve(full.lp, { timeLimitS: leftS, mipRelGap: limits.relGap, mipAbsGap: limits.absGap });
    if (mip.colValue !== null && mip.status !== 'failed') {
      return {
        status: mip.status,
        schedule: decode(problem, full.layout, mip.colValue),
        objective: mip.objective,
        solveMs: performance.now() - started,
        lpRuns: result.lpRuns,
        detail: `${result.detail}; HiGHS MIP: ${mip.detail}`,
      };
    }
  }
  return { status: 'failed', schedule: null, objective: Number.NaN, solveMs: performance.now() - started, lpRuns: result.lpRuns, detail: result.detail };
}
