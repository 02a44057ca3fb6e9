/** One strategy over the simulated span, as a worker thread or in-process runs it. */
import { HighsSolver } from '../../main/optimiser/solver/highs-solver.js';
import { defaultSolveLimits } from '../../main/optimiser/solver/solve-problem.js';
import { defaultOptimiserConfig } from '../../main/optimiser/config.js';
import type { BenchArgs, StrategyName } from './args.js';
import { buildSimYear } from './data/sim-year.js';
import { simulate } from './sim/run.js';
import type { StrategyResult } from './sim/run.js';
import type { Strategy, StrategyContext } from './sim/strategy.js';
import { benchSite } from './site.js';
import { greedyStrategy } from './strategies/greedy.js';
import { mpcStrategy } from './strategies/mpc.js';
import { perfectStrategy } from './strategies/perfect.js';
import { noneStrategy, selfConsumptionStrategy } from './strategies/rules.js';
import { zoneTariff } from './tariff.js';

export async function runStrategy(args: BenchArgs, name: StrategyName, onProgress?: (share: number) => void): Promise<StrategyResult> {
  const tariff = zoneTariff(args.zone);
  const ctx: StrategyContext = {
    year: buildSimYear({ dataDir: args.dataDir, zone: args.zone, carUser: args.carUser, days: args.days, startMs: args.startMs }),
    site: benchSite(tariff.timeZone),
    tariff,
  };
  return simulate(ctx, await makeStrategy(ctx, args, name), onProgress);
}

async function makeStrategy(ctx: StrategyContext, args: BenchArgs, name: StrategyName): Promise<Strategy> {
  const terminalShare = defaultOptimiserConfig.terminalShare;
  switch (name) {
    case 'none':
      return noneStrategy(ctx);
    case 'self-consumption':
      return selfConsumptionStrategy(ctx);
    case 'greedy':
      return greedyStrategy(ctx);
    case 'mpc':
      // The hub's own limits: the search is bounded by its LP-run budget (reproducible), and by the
      // hub's 2 s time limit only when the branch-and-bound finds nothing and HiGHS's MIP takes over.
      return mpcStrategy(ctx, await HighsSolver.load(), { horizonH: args.horizonH, limits: defaultSolveLimits, terminalShare, oracle: args.oracle });
    case 'perfect':
      return perfectStrategy(ctx, await HighsSolver.load(), {
        horizonH: 96,
        replanH: 24,
        limits: { timeLimitMs: 30_000, maxLpRuns: 400, relGap: 1e-4, absGap: 0.001 },
        terminalShare,
      });
  }
}
