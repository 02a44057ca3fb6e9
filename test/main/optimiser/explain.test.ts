/**
 * From schedule to Plan: the numbers the controller follows, the reasons and
 * flags the plan screen shows, and the safe-rules fallback plan published when
 * the optimiser is unavailable.
 */
import { describe, expect, it } from 'vitest';
import { fallbackPlan } from '../../../main/optimiser/explain/fallback-plan.js';
import { buildPlan } from '../../../main/optimiser/explain/plan-builder.js';
import type { PlanContext } from '../../../main/optimiser/explain/plan-builder.js';
import { battery, car, hourMs, problem, session, solve, t0 } from './fixtures.js';

const ctx: PlanContext = { createdMs: t0, status: 'optimal', solveMs: 12.4, currency: 'EUR', timeZone: 'UTC', flags: [], carGoal: null };

describe('buildPlan', () => {
  // Battery arbitrage (battery.test.ts) plus a car giving its 1.5 kW at most back (V2H) in the dear hours.
  const p = problem(
    [
      { importPerKWh: 0.1, loadW: 1500, importLimitW: 17_250 },
      { importPerKWh: 0.1, loadW: 1500, importLimitW: 17_250 },
      { importPerKWh: 0.4, loadW: 3000, importLimitW: 17_250 },
      { importPerKWh: 0.4, loadW: 3000, importLimitW: 17_250 },
    ],
    { battery: battery(), car: car({ v2x: 'v2h', maxDischargeW: 1500, minDischargeW: 0 }), terminalCarPerKWh: 0.1 },
  );

  it('copies the schedule into the plan slots with the signs and rounding the controller expects', async () => {
    const { schedule } = await solve(p);
    const plan = buildPlan(p, schedule, ctx);
    expect(plan.status).toBe('optimal');
    expect(plan.solveMs).toBe(12);
    expect(plan.slots).toHaveLength(4);
    for (const [t, slot] of plan.slots.entries()) {
      const s = schedule.slots[t]!;
      expect(slot.startMs).toBe(t0 + t * hourMs);
      expect(slot.gridW).toBe(Math.round(s.gridW));
      expect(slot.batteryW).toBe(Math.round(s.batteryW));
      expect(slot.carW).toBe(Math.round(s.carW));
      expect(slot.carPluggedIn).toBe(true);
      expect(slot.batterySocPct).toBeCloseTo((s.batteryWh! / 10_000) * 100, 1);
      // The plan balances: grid + battery = home + car (no PV here).
      expect(Math.abs(slot.gridW + slot.batteryW - slot.loadForecastW - slot.carW)).toBeLessThanOrEqual(2);
    }
    expect(plan.costEur).toBe(Math.round((schedule.energyCostEur + schedule.demandCostEur) * 100) / 100);
    expect(plan.flags).toEqual([]);
  });

  it('explains each slot by the decision that matters and its price', async () => {
    const { schedule } = await solve(p);
    // Chicago is 5 h behind UTC in June: the dear slots start at 21:00 (evening peak) and 22:00.
    const plan = buildPlan(p, schedule, { ...ctx, timeZone: 'America/Chicago' });
    // The battery's charging may fall in either cheap hour (same price): take the one it is in.
    const charging = plan.slots.slice(0, 2).filter((x) => x.batteryW < -50);
    expect(charging.length).toBeGreaterThan(0);
    for (const x of charging) expect(x.reason).toBe('Charging battery from the grid at 0.10 EUR/kWh for dearer hours');
    expect(plan.slots[2]!.reason).toBe('Car powering the home (V2H), saving 0.40 EUR/kWh; battery covering the evening peak at 0.40 EUR/kWh');
    expect(plan.slots[3]!.reason).toMatch(/battery covering the dear hour at 0\.40 EUR\/kWh$/);
    // 2 × 1.5 kWh given back by the car.
    expect(plan.summary).toBe(`Next 4 h: cost ${plan.costEur.toFixed(2)} EUR, the car gives back 3.0 kWh at dear hours.`);
  });

  it('carries a plan not proved optimal in its status, and only the user\'s flags in the flags', async () => {
    const { schedule } = await solve(p);
    const plan = buildPlan(p, schedule, { ...ctx, status: 'feasible', flags: ['no tariff known yet'] });
    expect(plan.status).toBe('feasible');
    expect(plan.flags).toEqual(['no tariff known yet']);
  });
});

describe('fallbackPlan (safe rules)', () => {
  // Two hours of 2 kW home, one more, then 4 kW of PV surplus. Battery 3 kWh (reserve 1 kWh).
  // Car at 40 kWh wants 48 kWh, plugged in for the first three hours.
  const p = problem(
    [
      { importPerKWh: 0.3, loadW: 2000 },
      { importPerKWh: 0.3, loadW: 2000 },
      { importPerKWh: 0.3, loadW: 2000 },
      { importPerKWh: 0.3, exportPerKWh: 0.05, loadW: 1000, pvW: 5000 },
    ],
    { battery: battery({ socWh: 3000 }), car: car({ sessions: [session(3, { targetWh: 48_000, departureMs: t0 + 3 * hourMs })] }) },
  );

  it('charges the car at full power until its target and lets the battery cover the home down to its reserve', () => {
    const plan = fallbackPlan(p, t0, 'solver crashed', ['car state of charge unknown']);
    expect(plan.status).toBe('fallback');
    expect(plan.flags).toEqual(['optimiser unavailable (solver crashed): following safe rules', 'car state of charge unknown']);
    const s = plan.slots;
    // Car: 7.4 kW (+6.808 kWh), then the remaining 1.192 kWh (1.296 kW), then nothing.
    expect(s.map((x) => x.carW)).toEqual([7400, Math.round(1192 / 0.92), 0, 0]);
    expect(s[1]!.carSocPct).toBe(80);
    expect(s.map((x) => x.carPluggedIn)).toEqual([true, true, true, false]);
    // Battery: 2 kWh above the reserve give 1.8 kWh: 1.8 kW in the first hour, then nothing left.
    expect(s.map((x) => x.batteryW)).toEqual([1800, 0, 0, -3000]);
    expect(s[0]!.batterySocPct).toBe(10);
    // PV surplus: the battery takes 3 kW (to 1 + 2.7 = 3.7 kWh); the rest is not planned as export.
    expect(s[3]!.batterySocPct).toBe(37);
    // The battery covers the home, not the car: the car's power comes from the grid.
    expect(s[0]!.gridW).toBe(7400 + 200);
    expect(s.every((x) => x.gridW >= 0)).toBe(true);
    expect(s[0]!.reason).toMatch(/car charging at full power/);
  });

  it('does not charge a car without a target', () => {
    const noTarget = { ...p, car: car({ sessions: [session(3)] }) };
    expect(fallbackPlan(noTarget, t0, 'x', []).slots.every((x) => x.carW === 0)).toBe(true);
  });
});
