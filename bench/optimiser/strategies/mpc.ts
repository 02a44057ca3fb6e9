/**
 * Ours, as the hub runs it: every quarter hour a new plan over the next 48 h
 * from what is known then (prices published so far, extended by the last
 * known day; PV and load forecast from the history so far; the car's
 * departure as the user set it), and only its first quarter hour executed.
 */
import { localTime } from '../../../main/common/local-time.js';
import { forecastLoad } from '../../../main/optimiser/forecast/load-forecast.js';
import { pricesFor } from '../../../main/optimiser/forecast/price-forecast.js';
import { forecastPv } from '../../../main/optimiser/forecast/pv-forecast.js';
import type { Series } from '../../../main/optimiser/forecast/series.js';
import { assembleProblem, sessionInProgress } from '../../../main/optimiser/model/assemble.js';
import { timeline } from '../../../main/optimiser/model/timeline.js';
import type { HighsSolver } from '../../../main/optimiser/solver/highs-solver.js';
import { solveProblem } from '../../../main/optimiser/solver/solve-problem.js';
import type { SolveLimits } from '../../../main/optimiser/solver/solve-problem.js';
import { quarterMs } from '../data/sim-year.js';
import type { Command, SimState, Strategy, StrategyContext } from '../sim/strategy.js';
import { commandFromSlot, safeCommand } from './command.js';
import { pricesKnownUntil } from './price-knowledge.js';
import { batteryModel, carModel } from './site-models.js';

export interface MpcOptions {
  readonly horizonH: number;
  readonly limits: SolveLimits;
  readonly terminalShare: number;
  /** Diagnostics: what the plans may know perfectly ('prices', 'pv', 'load', 'sessions'), to see what each forecast gap costs. */
  readonly oracle: readonly string[];
}

export function mpcStrategy(ctx: StrategyContext, solver: HighsSolver, o: MpcOptions): Strategy {
  const { year, site, tariff } = ctx;
  const targetWh = (site.car.targetSocPct / 100) * site.car.capacityWh;
  const pvHistory: Series = { startMs: year.originMs, stepMs: quarterMs, values: year.pvW };
  const loadHistory: Series = { startMs: year.originMs, stepMs: quarterMs, values: year.loadW };
  const local = (ts: number): ReturnType<typeof localTime> => localTime(ts, site.timeZone);
  const solveMs: number[] = [];
  const solveStatus: Record<string, number> = {};
  const spotAt = (ts: number): number => year.spotPerKWh[Math.round((ts - year.originMs) / quarterMs)] ?? Number.NaN;
  return {
    name: 'mpc',
    solveMs,
    solveStatus,
    decide(s: SimState): Command {
      const slots = timeline(s.nowMs, Math.min(s.nowMs + o.horizonH * 3_600_000, year.dataEndMs));
      const starts = slots.map((t) => t.startMs);
      const oracle = o.oracle;
      const knownUntil = oracle.includes('prices') ? Number.POSITIVE_INFINITY : pricesKnownUntil(s.nowMs, site.timeZone);
      const known = (ts: number): { importPerKWh: number; exportPerKWh: number } | null => {
        const spot = spotAt(ts);
        return ts < knownUntil && Number.isFinite(spot) ? tariff.price(spot, ts) : null;
      };
      const problem = assembleProblem({
        timeline: slots,
        timeZone: site.timeZone,
        prices: pricesFor(starts, known, tariff.price(0.1, s.nowMs)),
        pvW: oracle.includes('pv') ? starts.map((ts) => year.pvW[Math.round((ts - year.originMs) / quarterMs)] ?? 0) : forecastPv(pvHistory, s.nowMs, starts, quarterMs, site.location, site.pvArrays),
        loadW: oracle.includes('load') ? starts.map((ts) => year.loadW[Math.round((ts - year.originMs) / quarterMs)] ?? 0) : forecastLoad(loadHistory, s.nowMs, starts, quarterMs, local),
        limits: () => ({ importLimitW: site.importLimitW, exportLimitW: null, controllableLimitW: null }),
        battery: batteryModel(site, s.batteryWh),
        car: carModel(site, s.carWh, [
          ...(s.session === null ? [] : [sessionInProgress(slots, s.session.departureMs, targetWh)]),
          ...(oracle.includes('sessions')
            ? year.sessions
                .filter((x) => x.arrivalMs > s.nowMs && x.arrivalMs < slots[slots.length - 1]!.endMs)
                .map((x) => ({ startSlot: Math.round((x.arrivalMs - slots[0]!.startMs) / quarterMs), endSlot: Math.round((x.departureMs - slots[0]!.startMs) / quarterMs), tripWh: x.tripWh, targetWh, departureMs: x.departureMs }))
            : []),
        ]),
        demand: null,
        pvCurtailable: true,
        terminalShare: o.terminalShare,
      });
      const started = performance.now();
      const solution = solveProblem(problem, solver, o.limits);
      solveMs.push(performance.now() - started);
      solveStatus[solution.status] = (solveStatus[solution.status] ?? 0) + 1;
      const first = solution.schedule?.slots[0];
      return first === undefined ? safeCommand(targetWh) : commandFromSlot(first, s, site, targetWh);
    },
  };
}
