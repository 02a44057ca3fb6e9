/**
 * The planner's fallbacks: a solve that fails or throws never stalls the
 * site. The last plan stays while it still covers the coming slots; after
 * that (or when it is itself a fallback) the safe-rules plan is published.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../main/common/clock.js';
import { noLimits } from '../../../main/common/limits.js';
import { silentLogger } from '../../../main/common/log.js';
import type { Plan } from '../../../main/common/plan.js';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';
import { defaultCarSettings } from '../../../main/common/car.js';
import type { SiteDevices } from '../../../main/control/site-devices.js';
import { parseConfig } from '../../../main/hub/config.js';
import { defaultOptimiserConfig } from '../../../main/optimiser/config.js';
import type { PlanProblem } from '../../../main/optimiser/model/problem.js';
import { FlexBaselines } from '../../../main/optimiser/planner/flex-baselines.js';
import { HistoryCache } from '../../../main/optimiser/planner/history-cache.js';
import { Planner } from '../../../main/optimiser/planner/planner.js';
import { PriceBook } from '../../../main/optimiser/planner/price-book.js';
import type { ProblemSolution, SolveLimits } from '../../../main/optimiser/solver/solve-problem.js';
import { defaultSolveLimits, solveProblem } from '../../../main/optimiser/solver/solve-problem.js';
import { highs, t0 } from './fixtures.js';

const quarterMs = 900_000;
/** 5 s into a quarter hour, as the regular re-plan runs. */
const nowMs = t0 + 5000;

/** Site time that stands still; timers are never due (the tests ask for plans themselves). */
const clock: Clock = { now: () => nowMs, speed: 1, every: () => () => undefined, after: () => () => undefined };

const snapshot: SiteSnapshot = {
  ts: nowMs,
  seq: 1,
  grid: { powerW: 400, energyImportWh: 0, energyExportWh: 0, phases: null, fuseLimitW: 17_250 },
  pv: { powerW: 0, energyWh: 0 },
  battery: { powerW: null, socPct: null, capacityWh: null, setpointW: null },
  wallbox: { powerW: null, state: 'unknown', setpointW: null, maxChargeW: null, maxDischargeW: null },
  car: { pluggedIn: false, socPct: null, socEstimated: false, mode: 'smart', minSocPct: 30, targetSocPct: 80, readyBy: null, v2h: false, v2g: false },
  home: { powerW: 400 },
  limits: noLimits,
  control: { failsafe: false, failsafeReasons: [], limiting: [], decision: 'test' },
  devices: [],
};

/** A grid meter only: no battery or charger for the plan to steer (the grid meter itself is not read by the planner). */
const devices = { all: [], grid: {} as SiteDevices['grid'], pv: null, battery: null, charger: null } satisfies SiteDevices;

type Solve = (problem: PlanProblem, limits: SolveLimits) => Promise<ProblemSolution>;

function setup(solve: Solve, current: Plan | null, latest: () => SiteSnapshot | null = () => snapshot): { planner: Planner; published: Plan[] } {
  const published: Plan[] = [];
  let last = current;
  const planner = new Planner({
    clock,
    log: silentLogger,
    latest,
    sources: () => ({
      hub: parseConfig({ version: 1, site: { timeZone: 'UTC' } }),
      config: { ...defaultOptimiserConfig, horizonH: 4 },
      devices,
      carSettings: defaultCarSettings,
      limits: () => noLimits,
      tariff: null,
      flex: [],
      history: new HistoryCache({ read: () => [] }, 8 * 86_400_000),
      prices: new PriceBook(),
      flexBaselines: new FlexBaselines(),
      externalPv: null,
      externalPrices: null,
    }),
    solve,
    publish: (plan) => {
      published.push(plan);
      last = plan;
    },
    current: () => last,
    timeZone: 'UTC',
    limits: defaultSolveLimits,
    replanEveryMs: quarterMs,
  });
  return { planner, published };
}

/** A plan from an earlier solve, with slots from `fromMs` for `count` quarter hours. */
function earlierPlan(fromMs: number, count: number, status: Plan['status'] = 'optimal'): Plan {
  const slots = Array.from({ length: count }, (_, i) => ({
    startMs: fromMs + i * quarterMs,
    endMs: fromMs + (i + 1) * quarterMs,
    importPerKWh: 0.3,
    exportPerKWh: 0.05,
    priceEstimated: false,
    pvForecastW: 0,
    loadForecastW: 400,
    gridW: 400,
    batteryW: 0,
    carW: 0,
    pvLimitW: null,
    batterySocPct: 0,
    carSocPct: null,
    carPluggedIn: false,
    costEur: 0.03,
    reason: 'Importing at 0.30 EUR/kWh',
  }));
  return { createdMs: fromMs, status, solveMs: 5, slots, costEur: 0.1, flags: [], summary: 'earlier' };
}

const rejecting: Solve = () => Promise.reject(new Error('solver worker exited'));

async function planOnce(solve: Solve, current: Plan | null): Promise<{ published: Plan[]; planner: Planner }> {
  const { planner, published } = setup(solve, current);
  planner.request('test');
  await planner.idle();
  return { published, planner };
}

describe('Planner', () => {
  it('publishes the solved plan, flagging the flat price used without a tariff', async () => {
    const solver = await highs();
    const { published, planner } = await planOnce((p, limits) => Promise.resolve(solveProblem(p, solver, limits)), null);
    expect(published).toHaveLength(1);
    const plan = published[0]!;
    expect(plan.status).toBe('optimal');
    // From the quarter hour in progress to 4 h ahead: 17 slots.
    expect(plan.slots).toHaveLength(17);
    expect(plan.slots[0]!.startMs).toBe(t0);
    // No history: the load forecast's default, all from the grid.
    expect(plan.slots.every((s) => s.loadForecastW === 400 && s.gridW === 400)).toBe(true);
    expect(plan.flags).toEqual(['no tariff known yet: planned with a flat estimate of 0.30 per kWh (export 0.05)']);
    expect(planner.info()).toMatchObject({ plans: 1, failures: 0, lastReason: 'test', lastError: null });
  });

  it('publishes the safe-rules plan when the solver fails and there is no plan yet', async () => {
    const { published, planner } = await planOnce(rejecting, null);
    expect(published).toHaveLength(1);
    const plan = published[0]!;
    expect(plan.status).toBe('fallback');
    expect(plan.createdMs).toBe(nowMs);
    expect(plan.slots).toHaveLength(17);
    expect(plan.flags[0]).toBe('optimiser unavailable (solver worker exited): following safe rules');
    // The input flags are kept.
    expect(plan.flags).toContain('no tariff known yet: planned with a flat estimate of 0.30 per kWh (export 0.05)');
    expect(planner.info()).toMatchObject({ plans: 0, failures: 1, lastError: 'solver worker exited' });
  });

  it('treats a solve without a schedule (time limit) like a failure', async () => {
    const timedOut: Solve = () => Promise.resolve({ status: 'failed', schedule: null, objective: Number.NaN, solveMs: 2000, lpRuns: 10, detail: 'time limit' });
    const { published } = await planOnce(timedOut, null);
    expect(published.map((p) => p.status)).toEqual(['fallback']);
    expect(published[0]!.flags[0]).toBe('optimiser unavailable (no plan: time limit): following safe rules');
  });

  it('keeps the last plan while it still covers the next slots', async () => {
    const last = earlierPlan(t0 - quarterMs, 12);
    const { published, planner } = await planOnce(rejecting, last);
    expect(published).toEqual([]);
    expect(planner.info().failures).toBe(1);
  });

  it('replaces a last plan that has run out', async () => {
    // Ends with the quarter hour in progress: nothing left for the next one.
    const last = earlierPlan(t0 - 4 * quarterMs, 5);
    const { published } = await planOnce(rejecting, last);
    expect(published.map((p) => p.status)).toEqual(['fallback']);
  });

  it('renews a fallback plan rather than keeping it', async () => {
    const last = earlierPlan(t0 - quarterMs, 12, 'fallback');
    const { published } = await planOnce(rejecting, last);
    expect(published).toHaveLength(1);
    expect(published[0]!.createdMs).toBe(nowMs);
  });

  it('does nothing before the devices report', async () => {
    let solves = 0;
    const counting: Solve = (p, l) => {
      solves++;
      return rejecting(p, l);
    };
    const { planner, published } = setup(counting, null, () => null);
    planner.request('test');
    await planner.idle();
    expect(solves).toBe(0);
    expect(published).toEqual([]);
  });
});
