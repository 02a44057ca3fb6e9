/**
 * The upper bound: ours with perfect foresight. Once a day a plan over the
 * next four days with the real PV, load and prices and every car session
 * (arrivals, departures, trips) in that span; its first day is executed as
 * planned. Searched harder than the hub's plans (more nodes, smaller gap).
 */
import { pricesFor } from '../../../main/optimiser/forecast/price-forecast.js';
import { assembleProblem } from '../../../main/optimiser/model/assemble.js';
import type { CarSession } from '../../../main/optimiser/model/problem.js';
import { timeline } from '../../../main/optimiser/model/timeline.js';
import type { Schedule } from '../../../main/optimiser/model/decode.js';
import type { HighsSolver } from '../../../main/optimiser/solver/highs-solver.js';
import { solveProblem } from '../../../main/optimiser/solver/solve-problem.js';
import type { SolveLimits } from '../../../main/optimiser/solver/solve-problem.js';
import { quarterMs } from '../data/sim-year.js';
import type { Command, SimState, Strategy, StrategyContext } from '../sim/strategy.js';
import { commandFromSlot, safeCommand } from './command.js';
import { batteryModel, carModel } from './site-models.js';

export interface PerfectOptions {
  readonly horizonH: number;
  readonly replanH: number;
  readonly limits: SolveLimits;
  readonly terminalShare: number;
}

export function perfectStrategy(ctx: StrategyContext, solver: HighsSolver, o: PerfectOptions): Strategy {
  const { year, site, tariff } = ctx;
  const targetWh = (site.car.targetSocPct / 100) * site.car.capacityWh;
  const solveMs: number[] = [];
  const solveStatus: Record<string, number> = {};
  const idx = (ts: number): number => Math.round((ts - year.originMs) / quarterMs);
  // Held in an object: TypeScript does not see replan() assign it.
  const current: { plan: { startMs: number; schedule: Schedule } | null } = { plan: null };

  const replan = (s: SimState): void => {
    const endMs = Math.min(s.nowMs + o.horizonH * 3_600_000, year.dataEndMs);
    const slots = timeline(s.nowMs, endMs);
    const starts = slots.map((t) => t.startMs);
    const slotOf = (ts: number): number => Math.max(0, Math.round((ts - s.nowMs) / quarterMs));
    const sessions: CarSession[] = [];
    if (s.session !== null) sessions.push({ startSlot: 0, endSlot: slotOf(s.session.departureMs), tripWh: 0, targetWh, departureMs: s.session.departureMs });
    for (const x of year.sessions) {
      if (x.arrivalMs <= s.nowMs || x.arrivalMs >= endMs) continue;
      sessions.push({ startSlot: slotOf(x.arrivalMs), endSlot: slotOf(x.departureMs), tripWh: x.tripWh, targetWh, departureMs: x.departureMs });
    }
    const problem = assembleProblem({
      timeline: slots,
      timeZone: site.timeZone,
      prices: pricesFor(starts, (ts) => tariff.price(year.spotPerKWh[idx(ts)] ?? 0, ts), tariff.price(0.1, s.nowMs)),
      pvW: starts.map((ts) => year.pvW[idx(ts)] ?? 0),
      loadW: starts.map((ts) => year.loadW[idx(ts)] ?? 0),
      limits: () => ({ importLimitW: site.importLimitW, exportLimitW: null, controllableLimitW: null }),
      battery: batteryModel(site, s.batteryWh),
      car: carModel(site, s.carWh, sessions),
      demand: null,
      pvCurtailable: true,
      terminalShare: o.terminalShare,
    });
    const started = performance.now();
    const solution = solveProblem(problem, solver, o.limits);
    solveMs.push(performance.now() - started);
    solveStatus[solution.status] = (solveStatus[solution.status] ?? 0) + 1;
    current.plan = solution.schedule === null ? null : { startMs: s.nowMs, schedule: solution.schedule };
  };

  return {
    name: 'perfect',
    solveMs,
    solveStatus,
    decide(s: SimState): Command {
      if (current.plan === null || s.nowMs >= current.plan.startMs + o.replanH * 3_600_000) replan(s);
      const p = current.plan;
      const slot = p?.schedule.slots[Math.round((s.nowMs - p.startMs) / quarterMs)];
      return slot === undefined ? safeCommand(targetWh) : commandFromSlot(slot, s, site, targetWh);
    },
  };
}
