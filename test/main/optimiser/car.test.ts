/**
 * The car in the plan: V2H covering a dear evening without exporting, the
 * user's minimum under V2G, departure targets (reachable or not), and the AC
 * charger's minimum power. Amounts are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../main/optimiser/explain/plan-builder.js';
import type { PlanProblem } from '../../../main/optimiser/model/problem.js';
import { solveProblem } from '../../../main/optimiser/solver/solve-problem.js';
import { battery, car, highs, hourMs, problem, session, solve, sum, t0, testLimits } from './fixtures.js';

/** The fuse, as the planner always sets it (keeps the relaxation bounded where export pays more than import). */
const fuse = 17_250;

describe('V2H', () => {
  // Cheap night, dear evening; feed-in pays 0.30 everywhere, so exporting car energy would pay
  // (V2G) but is not allowed (V2H). The car's energy is worth 0.10 per kWh at the horizon end.
  const evening = (v2x: 'v2h' | 'v2g'): PlanProblem =>
    problem(
      [
        { importPerKWh: 0.1, exportPerKWh: 0.3, loadW: 1500, importLimitW: fuse },
        { importPerKWh: 0.1, exportPerKWh: 0.3, loadW: 1500, importLimitW: fuse },
        { importPerKWh: 0.4, exportPerKWh: 0.3, loadW: 1500, importLimitW: fuse },
        { importPerKWh: 0.4, exportPerKWh: 0.3, loadW: 1500, pvW: 1000, importLimitW: fuse },
      ],
      { car: car({ v2x }), terminalCarPerKWh: 0.1 },
    );

  it('covers the home in the dear hours only, never exporting car energy', async () => {
    const { schedule } = await solve(evening('v2h'));
    const s = schedule.slots;
    // Cheap hours: giving a kWh costs 1/0.92 × 0.10 = 0.109 of stored value to save 0.10; charging
    // costs 0.10/0.92 = 0.109 per stored kWh worth 0.10. The car stays idle and the grid covers the home.
    expect(s[0]!.carW).toBe(0);
    expect(s[1]!.carW).toBe(0);
    expect(s[0]!.gridW).toBeCloseTo(1500, 3);
    // Dear hours: exactly the home's deficit (1.5 kW, then 1.5 kW - 1 kW PV), nothing more.
    expect(s[2]!.carW).toBeCloseTo(-1500, 3);
    expect(s[3]!.carW).toBeCloseTo(-500, 3);
    for (const [t, x] of s.entries()) {
      const slot = evening('v2h').slots[t]!;
      expect(x.gridW).toBeGreaterThanOrEqual(0);
      expect(x.exportW).toBe(0);
      expect(-x.carW).toBeLessThanOrEqual(Math.max(0, slot.loadW - slot.pvW) + 1e-6);
    }
    // 2 kWh delivered take 2 / 0.92 = 2.174 kWh from the car.
    expect(s[3]!.carWh).toBeCloseTo(40_000 - 2000 / 0.92, 0);
  });

  it('does not cover the home from the car so that the home battery can export more', async () => {
    // Export pays 0.30. The battery alone: 1.5 kW for the home, 1.5 kW exported. With the car
    // covering the home, all 3 kW of the battery could go out: that is the car's energy exported in
    // effect, which V2H forbids (no export while the car discharges). Battery-only earns more than
    // car-only (0.60 + 0.45 - 3.33 kWh × 0.05 against 0.60 - 1.63 kWh × 0.05), so the car stays idle.
    const p = problem([{ importPerKWh: 0.4, exportPerKWh: 0.3, loadW: 1500, importLimitW: fuse }], {
      battery: battery({ socWh: 5000 }),
      car: car({ v2x: 'v2h', sessions: [session(1)] }),
      terminalBatteryPerKWh: 0.05,
      terminalCarPerKWh: 0.05,
    });
    const s = (await solve(p)).schedule.slots[0]!;
    expect(s.carW).toBe(0);
    expect(s.batteryW).toBeCloseTo(3000, 3);
    expect(s.exportW).toBeCloseTo(1500, 3);
  });

  it('exports the same car energy when V2G is allowed (so the V2H rule is what holds it back)', async () => {
    const s = (await solve(evening('v2g'))).schedule.slots;
    expect(s.some((x) => x.gridW < -1000)).toBe(true);
    expect(Math.min(...s.map((x) => x.carW))).toBeCloseTo(-7400, 3);
  });
});

describe("the car's minimum", () => {
  it('V2G stops at the user minimum', async () => {
    // 20 kWh in the car, minimum 18 kWh, export at 0.30 against 0.05 for a stored kWh: 2 kWh go,
    // 2 × 0.92 = 1.84 kWh reach the grid, and the car ends at its minimum.
    const p = problem(
      Array.from({ length: 3 }, () => ({ importPerKWh: 0.4, exportPerKWh: 0.3, importLimitW: fuse })),
      { car: car({ socWh: 20_000, v2x: 'v2g', sessions: [session(3)] }), terminalCarPerKWh: 0.05 },
    );
    const s = (await solve(p)).schedule.slots;
    for (const x of s) expect(x.carWh!).toBeGreaterThanOrEqual(18_000 - 1e-3);
    expect(s.at(-1)!.carWh).toBeCloseTo(18_000, 3);
    expect(sum(s.map((x) => x.exportW))).toBeCloseTo(1840, 3);
  });

  it('a car below its minimum first charges above it, and discharges only down to it', async () => {
    // 10 kWh, minimum 18 kWh. Two hours at 0.05 (7.4 kW: +13.616 kWh, to 23.616 kWh), then export at
    // 0.45: 0.414 earned per stored kWh against 0.054 paid. Without the rule the car would go down to 0.
    const p = problem(
      [
        { importPerKWh: 0.05, exportPerKWh: 0, importLimitW: fuse },
        { importPerKWh: 0.05, exportPerKWh: 0, importLimitW: fuse },
        { importPerKWh: 0.5, exportPerKWh: 0.45, importLimitW: fuse },
        { importPerKWh: 0.5, exportPerKWh: 0.45, importLimitW: fuse },
      ],
      { car: car({ socWh: 10_000, v2x: 'v2g' }) },
    );
    const s = (await solve(p)).schedule.slots;
    expect(s[0]!.carW).toBeCloseTo(7400, 3);
    expect(s[1]!.carW).toBeCloseTo(7400, 3);
    expect(s[1]!.carWh).toBeCloseTo(10_000 + 2 * 7400 * 0.92, 0);
    for (const x of s) if (x.carW < 0) expect(x.carWh!).toBeGreaterThanOrEqual(18_000 - 1e-3);
    expect(s[3]!.carWh).toBeCloseTo(18_000, 0);
    // 5.616 kWh from the car, 5.167 kWh exported.
    expect(s[2]!.exportW + s[3]!.exportW).toBeCloseTo(5616 * 0.92, 0);
  });
});

describe('departure targets', () => {
  const departureMs = t0 + 2 * hourMs;
  const ctx = {
    createdMs: t0,
    status: 'optimal' as const,
    solveMs: 1,
    currency: 'EUR',
    timeZone: 'UTC',
    flags: [],
    carGoal: { targetSocPct: 80, departureMs },
  };

  it('an unreachable target gets the most full-power charging reaches, and the plan says so', async () => {
    // 20 kWh, 80 % of 60 kWh = 48 kWh wanted in 2 h. 7.4 kW × 2 h × 0.92 = 13.616 kWh: 33.616 kWh at most.
    const p = problem(Array.from({ length: 4 }, () => ({ loadW: 500, importLimitW: fuse })), {
      car: car({ socWh: 20_000, sessions: [session(2, { targetWh: 48_000, departureMs })] }),
    });
    const { schedule } = await solve(p);
    expect(schedule.slots[0]!.carW).toBeCloseTo(7400, 3);
    expect(schedule.slots[1]!.carW).toBeCloseTo(7400, 3);
    // Gone after the departure.
    expect(schedule.slots[2]!.carW).toBe(0);
    expect(schedule.sessions[0]).toMatchObject({ wantedWh: 48_000 });
    expect(schedule.sessions[0]!.targetWh).toBeCloseTo(33_616, 3);
    expect(schedule.sessions[0]!.plannedWh).toBeCloseTo(33_616, 3);
    const plan = buildPlan(p, schedule, ctx);
    expect(plan.flags).toContain('car target 80 % by 02:00 not reachable: 56 % planned');
  });

  it('a target the import limit makes unreachable is missed by the least, with the shortfall reported', async () => {
    // 3 kW import limit, 500 W home: 2.5 kW for the car, +2 × 2.5 × 0.92 = 4.6 kWh: 24.6 kWh planned.
    // The target is only lowered to what the charger could do (33.616 kWh); the rest is a shortfall.
    const p = problem(Array.from({ length: 4 }, () => ({ loadW: 500, importLimitW: 3000 })), {
      car: car({ socWh: 20_000, sessions: [session(2, { targetWh: 48_000, departureMs })] }),
    });
    const solution = solveProblem(p, await highs(), testLimits);
    expect(solution.status).toBe('optimal');
    const schedule = solution.schedule!;
    expect(schedule.slots[0]!.carW).toBeCloseTo(2500, 3);
    expect(schedule.slots[0]!.importW).toBeCloseTo(3000, 3);
    expect(schedule.sessions[0]!.plannedWh).toBeCloseTo(24_600, 3);
    expect(schedule.sessions[0]!.shortfallWh).toBeCloseTo(33_616 - 24_600, 3);
    expect(buildPlan(p, schedule, ctx).flags).toContain('car target 80 % by 02:00 not reachable: 41 % planned');
  });

  it('a reachable target is met at the cheapest hours, without a flag', async () => {
    // 10 kWh to add (10 / 0.92 = 10.87 kWh from the grid): the 0.10 hour at full power (6.808 kWh),
    // the rest (3.192 kWh stored, 3.47 kW) in the 0.20 hour; the 0.30 hours stay idle.
    const p = problem(
      [0.3, 0.1, 0.2, 0.3].map((importPerKWh) => ({ importPerKWh, importLimitW: fuse })),
      { car: car({ socWh: 38_000, sessions: [session(4, { targetWh: 48_000, departureMs: t0 + 4 * hourMs })] }) },
    );
    const { schedule } = await solve(p);
    expect(schedule.slots.map((x) => Math.round(x.carW))).toEqual([0, 7400, Math.round((10_000 - 7400 * 0.92) / 0.92), 0]);
    expect(schedule.sessions[0]!.plannedWh).toBeCloseTo(48_000, 3);
    expect(buildPlan(p, schedule, { ...ctx, carGoal: { targetSocPct: 80, departureMs: t0 + 4 * hourMs } }).flags).toEqual([]);
  });
});

describe('AC minimum charging power', () => {
  // 11 kW charger that cannot run below 6 A × 3 × 230 V = 4.14 kW; 1 kWh to add before leaving in 4 h.
  const small = (minChargeW: number): PlanProblem =>
    problem(
      [0.3, 0.2, 0.25, 0.3].map((importPerKWh) => ({ importPerKWh, importLimitW: fuse })),
      { car: car({ socWh: 30_000, minChargeW, maxChargeW: 11_000, sessions: [session(4, { targetWh: 31_000, departureMs: t0 + 4 * hourMs })] }) },
    );

  it('charges at the minimum or not at all, in the cheapest hour', async () => {
    const { schedule } = await solve(small(4140));
    // 1 kWh needs 1.087 kW for an hour, below the minimum: one hour at 4.14 kW instead (3.81 kWh stored).
    expect(schedule.slots.map((x) => x.carW)).toEqual([0, expect.closeTo(4140, 3) as number, 0, 0]);
    expect(schedule.sessions[0]!.plannedWh).toBeCloseTo(30_000 + 4140 * 0.92, 3);
    expect(schedule.energyCostEur).toBeCloseTo(4.14 * 0.2, 6);
  });

  it('without a minimum, charges just the 1.087 kW needed (the rule above is what changes the plan)', async () => {
    const { schedule } = await solve(small(0));
    expect(schedule.slots[1]!.carW).toBeCloseTo(1000 / 0.92, 3);
  });

  it('may average below the minimum in the quarter hour in which the car becomes full', async () => {
    // 0.5 kWh to full: the charger runs at the minimum and the car stops itself, 543 W on average.
    const p = problem([{ importPerKWh: 0.2, importLimitW: fuse }], {
      car: car({ socWh: 59_500, minChargeW: 4140, maxChargeW: 11_000, sessions: [session(1, { targetWh: 60_000, departureMs: t0 + hourMs })] }),
    });
    const s = (await solve(p)).schedule.slots;
    expect(s[0]!.carW).toBeCloseTo(500 / 0.92, 3);
    expect(s[0]!.carWh).toBeCloseTo(60_000, 3);
  });
});
