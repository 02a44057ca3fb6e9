/**
 * HiGHS (WebAssembly) behind one synchronous call: an Lp in, column values
 * out. Used inside the solver worker (solve-worker.ts) by the hub, and
 * directly by the benchmark, which runs in worker threads of its own.
 */
import * as highsModule from 'highs';
import type { Highs, InitOptions, ModelData } from 'highs';
import type { Lp } from '../model/lp.js';
import type { LpRun, LpSession } from './branch-and-bound.js';

export interface SolveOptions {
  /** Wall-clock limit for one solve (s); the best solution found so far is used. */
  readonly timeLimitS: number;
  /** Stop once the incumbent is proved within this relative gap of the optimum. */
  readonly mipRelGap: number;
  /** ... or within this absolute gap (site currency). */
  readonly mipAbsGap: number;
}

export const defaultSolveOptions: SolveOptions = { timeLimitS: 2, mipRelGap: 1e-3, mipAbsGap: 1e-3 };

/** optimal: proved (within the gap); feasible: a solution, but a limit stopped the proof; failed: none. */
export type SolveStatus = 'optimal' | 'feasible' | 'failed';

export interface SolveResult {
  readonly status: SolveStatus;
  /** Column values, null when failed. */
  readonly colValue: Float64Array | null;
  /** Objective including the Lp's offset. */
  readonly objective: number;
  /** Wall-clock time of the solve itself (ms). */
  readonly solveMs: number;
  /** HiGHS's status in words, for logs and flags. */
  readonly detail: string;
}

type Loader = (options?: InitOptions) => Promise<Highs>;

/**
 * The package is CommonJS with an ESM build: Node's import gives the loader
 * as `default`, while the CommonJS typings describe it one level deeper.
 */
function highsLoader(): Promise<Highs> {
  const mod = highsModule as unknown as { default: Loader | { default: Loader } };
  const loader = typeof mod.default === 'function' ? mod.default : mod.default.default;
  return loader();
}

export class HighsSolver {
  private constructor(private readonly highs: Highs) {}

  static async load(): Promise<HighsSolver> {
    return new HighsSolver(await highsLoader());
  }

  /**
   * A persistent LP for branch-and-bound: bounds change between runs and the
   * simplex restarts from the last basis. Call dispose() when done (HiGHS's
   * memory is not garbage-collected).
   */
  openSession(lp: Lp, timeLimitS: number): LpSession & { dispose(): void } {
    const model = this.highs.createModel(toModelData({ ...lp, integrality: new Int32Array(lp.numCols) }));
    model.options.set({ output_flag: false, time_limit: timeLimitS, presolve: 'off' });
    const codes = this.highs.constants.modelStatus;
    return {
      setColBounds: (col, lower, upper) => {
        model.changeColBounds(col, lower, upper);
      },
      run: (): LpRun => {
        try {
          const status = model.run().modelStatus;
          if (status === codes.optimal) return { status: 'optimal', objective: model.getObjectiveValue(), x: model.getSolution().colValue };
          return { status: status === codes.infeasible ? 'infeasible' : 'failed', objective: Number.NaN, x: null };
        } catch {
          return { status: 'failed', objective: Number.NaN, x: null };
        }
      },
      dispose: () => model.dispose(),
    };
  }

  /** Solves the Lp with HiGHS's own (MI)LP solver in one call. */
  solve(lp: Lp, options: SolveOptions = defaultSolveOptions): SolveResult {
    const started = performance.now();
    const data = toModelData(lp);
    const codes = this.highs.constants.modelStatus;
    try {
      return this.highs.withModel(data, (model): SolveResult => {
        model.options.set({
          output_flag: false,
          time_limit: options.timeLimitS,
          mip_rel_gap: options.mipRelGap,
          mip_abs_gap: options.mipAbsGap,
        });
        const run = model.run();
        const status = run.modelStatus;
        const solveMs = performance.now() - started;
        const primal = model.info.get('primal_solution_status');
        const hasSolution = Number(primal) === 2;
        const detail = statusName(status, codes);
        if (status === codes.optimal && hasSolution) {
          return { status: 'optimal', colValue: model.getSolution().colValue, objective: model.getObjectiveValue(), solveMs, detail };
        }
        if (hasSolution && (status === codes.timeLimit || status === codes.iterationLimit || status === codes.interrupted || status === codes.solutionLimit)) {
          return { status: 'feasible', colValue: model.getSolution().colValue, objective: model.getObjectiveValue(), solveMs, detail };
        }
        return { status: 'failed', colValue: null, objective: Number.NaN, solveMs, detail };
      });
    } catch (err) {
      return { status: 'failed', colValue: null, objective: Number.NaN, solveMs: performance.now() - started, detail: err instanceof Error ? err.message : String(err) };
    }
  }
}

function toModelData(lp: Lp): ModelData {
  const hasIntegers = lp.integrality.some((v) => v !== 0);
  return {
    numCols: lp.numCols,
    numRows: lp.numRows,
    offset: lp.offset,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: { format: 'csr', numRows: lp.numRows, numCols: lp.numCols, starts: lp.rowStarts, indices: lp.colIndices, values: lp.values },
    ...(hasIntegers ? { integrality: lp.integrality } : {}),
  };
}

function statusName(code: number, codes: Highs['constants']['modelStatus']): string {
  for (const [name, value] of Object.entries(codes)) if (value === code) return name;
  return `status ${code}`;
}
