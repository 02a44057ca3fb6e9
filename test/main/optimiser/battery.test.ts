/**
 * The home battery in the plan: arbitrage between price levels, with the
 * energies worked out by hand from the efficiencies, and the reserve.
 */
import { describe, expect, it } from 'vitest';
import { battery, problem, solve, sum } from './fixtures.js';

const cheap = 0.1;
const dear = 0.4;

describe('battery arbitrage', () => {
  it('charges in the cheap hours exactly what covers the home in the dear ones', async () => {
    // Two cheap hours, then two dear ones, 2 kW of load throughout; battery at its 1 kWh reserve.
    // Covering both dear hours takes 2 × 2 kWh / 0.9 = 4.444 kWh from the cells; putting that in
    // takes 4.444 / 0.9 = 4.938 kWh from the grid (0.111 per stored kWh against 0.36 saved: it pays).
    // The battery can take 6 kWh in the two cheap hours, so it charges 4.938 kWh and ends at the reserve.
    const p = problem(
      [
        { importPerKWh: cheap, loadW: 2000 },
        { importPerKWh: cheap, loadW: 2000 },
        { importPerKWh: dear, loadW: 2000 },
        { importPerKWh: dear, loadW: 2000 },
      ],
      { battery: battery() },
    );
    const { schedule, objective } = await solve(p);
    const s = schedule.slots;
    const chargedWh = -(s[0]!.batteryW + s[1]!.batteryW);
    expect(chargedWh).toBeCloseTo(4000 / 0.81, 0);
    expect(s[2]!.batteryW).toBeCloseTo(2000, 3);
    expect(s[3]!.batteryW).toBeCloseTo(2000, 3);
    expect(s[2]!.gridW).toBeCloseTo(0, 3);
    expect(s[3]!.gridW).toBeCloseTo(0, 3);
    // Full after the cheap hours: 1 kWh + 4.444 kWh.
    expect(s[1]!.batteryWh).toBeCloseTo(1000 + 4000 / 0.9, 0);
    expect(s[3]!.batteryWh).toBeCloseTo(1000, 0);
    // Cost: the home's 4 kWh plus the battery's 4.938 kWh at 0.10, against 2.00 without the battery.
    expect(schedule.energyCostEur).toBeCloseTo((4 + 4 / 0.81) * cheap, 6);
    expect(objective).toBeCloseTo(schedule.energyCostEur, 6);
  });

  it('is limited by its power both ways', async () => {
    // One cheap hour, then 4 kW of load in a dear one. Charging is capped at 3 kW: 2.7 kWh stored,
    // 2.7 × 0.9 = 2.43 kWh back, so 1.57 kW still come from the grid.
    const one = problem(
      [
        { importPerKWh: cheap, loadW: 0 },
        { importPerKWh: dear, loadW: 4000 },
      ],
      { battery: battery() },
    );
    const a = (await solve(one)).schedule.slots;
    expect(a[0]!.batteryW).toBeCloseTo(-3000, 3);
    expect(a[1]!.batteryW).toBeCloseTo(2430, 3);
    expect(a[1]!.gridW).toBeCloseTo(1570, 3);
    // Two cheap hours: now discharging is the cap, 3 kW, which takes 3 / 0.81 = 3.704 kWh from the grid.
    const two = problem(
      [
        { importPerKWh: cheap, loadW: 0 },
        { importPerKWh: cheap, loadW: 0 },
        { importPerKWh: dear, loadW: 4000 },
      ],
      { battery: battery() },
    );
    const b = (await solve(two)).schedule.slots;
    expect(-(b[0]!.batteryW + b[1]!.batteryW)).toBeCloseTo(3000 / 0.81, 0);
    expect(b[2]!.batteryW).toBeCloseTo(3000, 3);
    expect(b[2]!.gridW).toBeCloseTo(1000, 3);
  });

  it('does not cycle when the spread does not cover the round-trip losses', async () => {
    // 0.10 in, 0.9 × 0.9 = 81 % back: a kWh out costs 0.123, more than the 0.12 it saves.
    const p = problem(
      [
        { importPerKWh: 0.1, loadW: 2000 },
        { importPerKWh: 0.12, loadW: 2000 },
      ],
      { battery: battery() },
    );
    const s = (await solve(p)).schedule.slots;
    expect(s.map((x) => x.batteryW)).toEqual([0, 0]);
  });

  it('sells to the grid when export pays more than the stored energy is worth, down to the reserve only', async () => {
    // 5 kWh stored, 2 kWh reserve: 3 kWh can go, 3 × 0.9 = 2.7 kWh reach the grid.
    const p = problem(
      [
        { importPerKWh: 0.4, exportPerKWh: 0.3, importLimitW: 17_250 },
        { importPerKWh: 0.4, exportPerKWh: 0.3, importLimitW: 17_250 },
        { importPerKWh: 0.4, exportPerKWh: 0.3, importLimitW: 17_250 },
      ],
      { battery: battery({ socWh: 5000, reserveWh: 2000 }), terminalBatteryPerKWh: 0.05 },
    );
    const s = (await solve(p)).schedule.slots;
    for (const x of s) expect(x.batteryWh!).toBeGreaterThanOrEqual(2000 - 1e-6);
    expect(s.at(-1)!.batteryWh).toBeCloseTo(2000, 3);
    expect(sum(s.map((x) => x.exportW))).toBeCloseTo(2700, 3);
  });

  it('never plans a battery below its reserve any lower (e.g. after a blackout)', async () => {
    // 0.5 kWh stored, reserve 1 kWh, a dear hour: the battery stays at 0.5 kWh rather than covering the load.
    const p = problem([{ importPerKWh: dear, loadW: 2000 }], { battery: battery({ socWh: 500, reserveWh: 1000 }) });
    const s = (await solve(p)).schedule.slots;
    expect(s[0]!.batteryW).toBe(0);
    expect(s[0]!.batteryWh).toBeCloseTo(500, 6);
  });
});
