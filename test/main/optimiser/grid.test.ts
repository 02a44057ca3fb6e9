/**
 * The grid connection in the plan: never importing and exporting at once,
 * export caps, PV curtailment when exporting costs money, the import limit
 * and §14a's cap on controllable charging.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../main/optimiser/explain/plan-builder.js';
import { battery, car, hourMs, problem, session, solve, t0 } from './fixtures.js';

const ctx = { createdMs: t0, status: 'optimal' as const, solveMs: 1, currency: 'EUR', timeZone: 'UTC', flags: [], carGoal: null };

describe('grid direction', () => {
  it('does not import and export at once when export pays more than import', async () => {
    // Export 0.20, import 0.10: importing 10 kW to export it again would "earn" 1 EUR/h on paper.
    // 4 kW of PV surplus is all that can really be exported.
    const p = problem([{ importPerKWh: 0.1, exportPerKWh: 0.2, pvW: 5000, loadW: 1000, importLimitW: 10_000, exportLimitW: 8000 }]);
    const s = (await solve(p)).schedule.slots[0]!;
    expect(s.importW).toBe(0);
    expect(s.exportW).toBeCloseTo(4000, 3);
    expect(s.costEur).toBeCloseTo(-0.8, 6);
  });

  it('does not charge the battery from the grid while exporting PV when export pays more', async () => {
    // Import 0.05 < export 0.20: the battery could import 3 kW while all PV goes out, but that is both directions at once.
    const p = problem([{ importPerKWh: 0.05, exportPerKWh: 0.2, pvW: 5000, importLimitW: 17_250 }], {
      battery: battery({ socWh: 0, reserveWh: 0 }),
      terminalBatteryPerKWh: 0.3,
    });
    const s = (await solve(p)).schedule.slots[0]!;
    expect(Math.min(s.importW, s.exportW)).toBe(0);
  });
});

describe('export cap and curtailment', () => {
  it('curtails PV down to what the home and the cap take', async () => {
    // 8 kW PV, 0.5 kW home, 3 kW export cap: 4.5 kW must go.
    const p = problem([{ importPerKWh: 0.3, exportPerKWh: 0.08, pvW: 8000, loadW: 500, exportLimitW: 3000, importLimitW: 17_250 }]);
    const s = (await solve(p)).schedule.slots[0]!;
    expect(s.exportW).toBeCloseTo(3000, 3);
    expect(s.curtailW).toBeCloseTo(4500, 3);
    expect(s.pvW).toBeCloseTo(3500, 3);
    const plan = buildPlan(p, (await solve(p)).schedule, ctx);
    expect(plan.slots[0]!.pvLimitW).toBe(3500);
    expect(plan.slots[0]!.reason).toMatch(/PV capped at the export limit/);
  });

  it('stores what the cap would otherwise waste before curtailing', async () => {
    // The same, with an empty 3 kW battery: 3 kW into the battery, 3 kW exported, only 1.5 kW curtailed.
    const p = problem([{ importPerKWh: 0.3, exportPerKWh: 0.08, pvW: 8000, loadW: 500, exportLimitW: 3000, importLimitW: 17_250 }], {
      battery: battery({ socWh: 0, reserveWh: 0 }),
      terminalBatteryPerKWh: 0.05,
    });
    const s = (await solve(p)).schedule.slots[0]!;
    expect(s.batteryW).toBeCloseTo(-3000, 3);
    expect(s.exportW).toBeCloseTo(3000, 3);
    expect(s.curtailW).toBeCloseTo(1500, 3);
  });

  it('curtails PV at a negative export price instead of paying to export', async () => {
    // 5 kW PV, 1 kW home, export costs 0.05: curtail the 4 kW surplus, export nothing.
    const p = problem([{ importPerKWh: 0.25, exportPerKWh: -0.05, pvW: 5000, loadW: 1000, importLimitW: 17_250 }]);
    const { schedule } = await solve(p);
    const s = schedule.slots[0]!;
    expect(s.exportW).toBe(0);
    expect(s.importW).toBe(0);
    expect(s.curtailW).toBeCloseTo(4000, 3);
    expect(s.costEur).toBeCloseTo(0, 9);
    expect(buildPlan(p, schedule, ctx).slots[0]!.reason).toBe('PV capped: exporting would cost 0.05 EUR/kWh');
  });

  it('at a negative export price, but without PV control, the surplus is exported and paid for', async () => {
    const p = problem([{ importPerKWh: 0.25, exportPerKWh: -0.05, pvW: 5000, loadW: 1000, importLimitW: 17_250 }], { pvCurtailable: false });
    const s = (await solve(p)).schedule.slots[0]!;
    expect(s.curtailW).toBe(0);
    expect(s.exportW).toBeCloseTo(4000, 3);
    expect(s.costEur).toBeCloseTo(0.2, 6);
  });

  it('does not curtail at a positive price without a cap', async () => {
    const p = problem([{ importPerKWh: 0.25, exportPerKWh: 0.01, pvW: 5000, loadW: 1000, importLimitW: 17_250 }]);
    const s = (await solve(p)).schedule.slots[0]!;
    expect(s.curtailW).toBe(0);
    expect(s.exportW).toBeCloseTo(4000, 3);
  });
});

describe('import limits', () => {
  it('keeps car charging within the import limit', async () => {
    // 5 kW limit, 2 kW home: the car gets 3 kW of its 7.4 kW although the target wants more.
    const p = problem([{ loadW: 2000, importLimitW: 5000 }], { car: car({ socWh: 20_000, sessions: [session(1, { targetWh: 30_000, departureMs: t0 + hourMs })] }) });
    const s = (await solve(p)).schedule.slots[0]!;
    expect(s.importW).toBeCloseTo(5000, 3);
    expect(s.carW).toBeCloseTo(3000, 3);
  });

  it('still plans when the forecast load alone exceeds the limit (the controller, not the plan, enforces it)', async () => {
    const p = problem([{ loadW: 6000, importLimitW: 5000 }]);
    const s = (await solve(p)).schedule.slots[0]!;
    expect(s.importW).toBeCloseTo(6000, 3);
  });

  it('§14a: car and battery charging together stay within the controllable limit, plus the PV surplus', async () => {
    // 4.2 kW for car + battery; both want all they can get at 0.05. In the second hour 2 kW of PV surplus adds to it.
    const p = problem(
      [
        { importPerKWh: 0.05, controllableLimitW: 4200, importLimitW: 17_250 },
        { importPerKWh: 0.05, controllableLimitW: 4200, pvW: 2000, importLimitW: 17_250 },
        { importPerKWh: 0.6, importLimitW: 17_250 },
      ],
      {
        battery: battery({ socWh: 0, reserveWh: 0 }),
        car: car({ socWh: 20_000, sessions: [session(3)] }),
        terminalBatteryPerKWh: 0.3,
        terminalCarPerKWh: 0.3,
      },
    );
    const s = (await solve(p)).schedule.slots;
    expect(Math.max(0, -s[0]!.batteryW) + Math.max(0, s[0]!.carW)).toBeCloseTo(4200, 3);
    expect(Math.max(0, -s[1]!.batteryW) + Math.max(0, s[1]!.carW)).toBeCloseTo(6200, 3);
  });
});
