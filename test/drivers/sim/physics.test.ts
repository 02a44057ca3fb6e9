import { describe, expect, it } from 'vitest';
import { homePowerW } from '../../../main/common/snapshot.js';
import { HomePhysics } from '../../../drivers/sim/physics.js';
import type { HomePhysicsOptions } from '../../../drivers/sim/physics.js';
import type { SimState } from '../../../drivers/sim/physics-types.js';
import { mulberry32 } from '../../../drivers/sim/profiles/random.js';
import { ManualClock } from '../../support/manual-clock.js';

/** Friday 2024-06-21 00:00 UTC = 02:00 in Utrecht (CEST). */
const JUNE_21 = Date.UTC(2024, 5, 21);
const HOUR = 3_600_000;

function home(startMs: number, options: HomePhysicsOptions = {}): { physics: HomePhysics; clock: ManualClock } {
  const clock = new ManualClock(startMs);
  return { physics: new HomePhysics(clock, { seed: 42, startMs, ...options }), clock };
}

function steps(physics: HomePhysics, count: number, dtMs = 1000): SimState {
  for (let i = 0; i < count; i++) physics.step(dtMs);
  return physics.state();
}

/** Every physical law one step must obey, as messages (expect() per step would be too slow for a day of steps). */
function invariantViolations(s: SimState, prev: SimState, dt: number): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) out.push(`${new Date(s.ts).toISOString()}: ${what}`);
  };
  const close = (a: number | null, b: number, eps = 1e-9): boolean => a !== null && Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));
  check(s.ts === prev.ts + dt, `ts ${s.ts} after ${prev.ts} + ${dt}`);
  check(close(s.gridW, s.loadW + s.car.powerW - s.pvW - s.battery.powerW), `grid ${s.gridW} != load + car - pv - battery`);
  check(close(homePowerW(s.gridW, s.pvW, s.battery.powerW, s.car.powerW), s.loadW), 'derived home load != simulated load');
  check(close(s.phases.reduce((sum, p) => sum + p.powerW, 0), s.gridW), 'phase powers do not sum to grid');
  for (const p of s.phases) check(close(p.currentA, Math.abs(p.powerW) / p.voltageV), `current ${p.currentA} != |P|/V`);
  check(s.battery.socPct >= 5 && s.battery.socPct <= 100, `battery SoC ${s.battery.socPct}`);
  check(s.car.socPct >= 0 && s.car.socPct <= 100, `car SoC ${s.car.socPct}`);
  check(s.battery.powerW >= -5000 && s.battery.powerW <= 5000, `battery power ${s.battery.powerW}`);
  check(s.car.powerW >= -11_000 && s.car.powerW <= 11_000, `car power ${s.car.powerW}`);
  check(s.car.pluggedIn || s.car.powerW === 0, `unplugged car at ${s.car.powerW} W`);
  check(s.pvW >= 0 && s.pvW <= s.pvAvailableW && (s.pvLimitW === null || s.pvW <= s.pvLimitW), `PV ${s.pvW} of ${s.pvAvailableW}, limit ${s.pvLimitW}`);
  check(s.loadW > 0, `load ${s.loadW}`);
  return out;
}

describe('HomePhysics invariants under random commands', () => {
  it('balances energy every step, keeps SoC and power in bounds, and integrates its counters', () => {
    const { physics } = home(JUNE_21);
    const rnd = mulberry32(7);
    let prev = physics.state();
    let importWh = 0;
    let exportWh = 0;
    let pvWh = 0;
    let chargeWh = 0;
    let dischargeWh = 0;
    const violations: string[] = [];
    // A day in steps of 1-3 s, commands changing every quarter of an hour or so.
    for (let i = 0; i < 43_200; i++) {
      if (i % 450 === 0) {
        physics.setBatteryCommandW(rnd() < 0.4 ? null : (rnd() - 0.5) * 14_000);
        physics.setCarPowerW((rnd() - 0.4) * 25_000);
        physics.setPvLimitW(rnd() < 0.7 ? null : rnd() * 6000);
        physics.setCarPluggedIn(rnd() < 0.3 ? null : rnd() < 0.8);
      }
      if (i === 15_000) physics.setBatterySocPct(99.9);
      if (i === 25_000) physics.setCarSocPct(0.1);
      const dt = 1000 * (1 + (i % 3));
      const s = physics.step(dt);
      const h = dt / HOUR;

      violations.push(...invariantViolations(s, prev, dt));
      if (violations.length > 10) break;

      importWh += Math.max(0, s.gridW) * h;
      exportWh += Math.max(0, -s.gridW) * h;
      pvWh += s.pvW * h;
      chargeWh += Math.max(0, -s.battery.powerW) * h;
      dischargeWh += Math.max(0, s.battery.powerW) * h;
      prev = s;
    }
    expect(violations).toEqual([]);
    const s = physics.state();
    expect(s.gridImportWh).toBeCloseTo(importWh, 6);
    expect(s.gridExportWh).toBeCloseTo(exportWh, 6);
    expect(s.pvEnergyWh).toBeCloseTo(pvWh, 6);
    expect(s.battery.chargeEnergyWh).toBeCloseTo(chargeWh, 6);
    expect(s.battery.dischargeEnergyWh).toBeCloseTo(dischargeWh, 6);
    // The run must have exercised both directions, or the test proves little.
    expect(importWh).toBeGreaterThan(1000);
    expect(exportWh).toBeGreaterThan(1000);
    expect(chargeWh).toBeGreaterThan(1000);
    expect(dischargeWh).toBeGreaterThan(1000);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: number): SimState[] => {
      const { physics } = home(JUNE_21 + 6 * HOUR, { seed });
      physics.setCarPowerW(7000);
      return Array.from({ length: 600 }, () => physics.step(1000));
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5).map((s) => s.loadW)).not.toEqual(run(6).map((s) => s.loadW));
  });
});

describe('battery', () => {
  it('stores less than it draws and drains more than it delivers (round trip 0.92)', () => {
    const { physics } = home(JUNE_21, { battery: { initialSocPct: 50 } });
    physics.setBatteryCommandW(-5000);
    let s = steps(physics, 3600);
    expect(s.battery.powerW).toBe(-5000);
    expect(s.battery.socPct).toBeCloseTo(50 + (5000 * Math.sqrt(0.92) * 100) / 10_000, 6);
    physics.setBatterySocPct(50);
    physics.setBatteryCommandW(2000);
    s = steps(physics, 3600);
    expect(s.battery.socPct).toBeCloseTo(50 - (2000 / Math.sqrt(0.92) / 10_000) * 100, 6);
  });

  it('stops exactly at 100 % and at the 5 % reserve', () => {
    const { physics } = home(JUNE_21, { battery: { initialSocPct: 90 } });
    physics.setBatteryCommandW(-5000);
    let s = steps(physics, 3600);
    expect(s.battery.socPct).toBe(100);
    expect(s.battery.powerW).toBe(0);
    physics.setBatteryCommandW(5000);
    s = steps(physics, 3 * 3600);
    expect(s.battery.socPct).toBe(5);
    expect(s.battery.powerW).toBe(0);
  });

  it('does self-consumption without a command, within its limits', () => {
    const { physics } = home(JUNE_21, { battery: { initialSocPct: 50 } });
    physics.setCarPluggedIn(false);
    physics.setLoadOverrideW(1000);
    physics.setPvOverrideW(4000);
    let s = physics.step(1000);
    expect(s.battery.powerW).toBeCloseTo(-3000, 9);
    expect(s.gridW).toBeCloseTo(0, 9);
    physics.setPvOverrideW(9000);
    s = physics.step(1000);
    expect(s.battery.powerW).toBe(-5000);
    expect(s.gridW).toBeCloseTo(-3000, 9);
    physics.setPvOverrideW(0);
    physics.setLoadOverrideW(1500);
    s = physics.step(1000);
    expect(s.battery.powerW).toBeCloseTo(1500, 9);
    expect(s.gridW).toBeCloseTo(0, 9);
    physics.setBatterySocPct(5);
    s = physics.step(1000);
    expect(s.battery.powerW).toBe(0);
    expect(s.gridW).toBeCloseTo(1500, 9);
  });

  it('follows a command within its power limits', () => {
    const { physics } = home(JUNE_21);
    physics.setBatteryCommandW(9000);
    expect(physics.step(1000).battery.powerW).toBe(5000);
    physics.setBatteryCommandW(-1234);
    const s = physics.step(1000);
    expect(s.battery.powerW).toBe(-1234);
    expect(s.battery.commandW).toBe(-1234);
  });
});

describe('car', () => {
  it('takes the wallbox power only when plugged in, clamped to its limits', () => {
    const { physics } = home(JUNE_21);
    physics.setBatteryCommandW(0);
    physics.setCarPluggedIn(false);
    physics.setCarPowerW(7000);
    expect(physics.step(1000).car.powerW).toBe(0);
    physics.setCarPluggedIn(true);
    let s = physics.step(1000);
    expect(s.car.powerW).toBe(7000);
    expect(s.gridW).toBeCloseTo(s.loadW - s.pvW + 7000, 9);
    physics.setCarPowerW(20_000);
    expect(physics.step(1000).car.powerW).toBe(11_000);
    physics.setCarPowerW(-20_000);
    s = physics.step(1000);
    expect(s.car.powerW).toBe(-11_000);
  });

  it('stops charging at 100 % and discharging at 0 %', () => {
    const { physics } = home(JUNE_21, { car: { initialSocPct: 99.9 } });
    physics.setCarPluggedIn(true);
    physics.setCarPowerW(11_000);
    let s = steps(physics, 600);
    expect(s.car.socPct).toBe(100);
    expect(s.car.powerW).toBe(0);
    physics.setCarSocPct(0.05);
    physics.setCarPowerW(-11_000);
    s = steps(physics, 600);
    expect(s.car.socPct).toBe(0);
    expect(s.car.powerW).toBe(0);
  });

  it('follows the commuter schedule by default: away on weekday daytime, home evenings and weekends', () => {
    // Wednesday 2024-06-19, local times (CEST = UTC+2).
    const at = (day: number, hour: number, minute = 0): number => Date.UTC(2024, 5, day, hour - 2, minute);
    const plugged = (ts: number): boolean => home(ts).physics.state().car.pluggedIn;
    expect(plugged(at(19, 7, 29))).toBe(true);
    expect(plugged(at(19, 7, 31))).toBe(false);
    expect(plugged(at(19, 12))).toBe(false);
    expect(plugged(at(19, 17, 29))).toBe(false);
    expect(plugged(at(19, 17, 31))).toBe(true);
    expect(plugged(at(22, 12))).toBe(true); // Saturday
  });

  it('comes home emptier: driving drains the SoC while away', () => {
    const { physics } = home(JUNE_21, { car: { initialSocPct: 60, awayDrainW: 700 } });
    physics.setCarPluggedIn(false);
    const s = steps(physics, 10, HOUR);
    expect(s.car.socPct).toBeCloseTo(60 - (7000 / 60_000) * 100, 9);
  });
});

describe('PV', () => {
  it('is zero at night and strong at noon in June in Utrecht', () => {
    const night = home(JUNE_21).physics.state();
    expect(night.pvAvailableW).toBe(0);
    expect(night.pvW).toBe(0);
    // Solar noon in Utrecht is about 11:41 UTC; even under heavy cloud a 6 kWp roof gives something.
    const cloudy = home(JUNE_21 + 11 * HOUR + 41 * 60_000).physics.state();
    expect(cloudy.pvAvailableW).toBeGreaterThan(500);
    const clear = home(JUNE_21 + 11 * HOUR + 41 * 60_000, { pv: { clouds: false } }).physics.state();
    expect(clear.pvAvailableW).toBeGreaterThan(4500);
    expect(clear.pvAvailableW).toBeLessThanOrEqual(6000);
    const december = home(Date.UTC(2024, 11, 21, 11, 41), { pv: { clouds: false } }).physics.state();
    expect(december.pvAvailableW).toBeGreaterThan(1000);
    expect(december.pvAvailableW).toBeLessThan(clear.pvAvailableW);
  });

  it('is capped by the curtailment limit', () => {
    const { physics } = home(JUNE_21 + 11 * HOUR, { pv: { clouds: false } });
    physics.setPvLimitW(1000);
    const s = physics.step(1000);
    expect(s.pvAvailableW).toBeGreaterThan(3000);
    expect(s.pvW).toBe(1000);
    expect(s.pvLimitW).toBe(1000);
    physics.setPvLimitW(null);
    expect(physics.step(1000).pvW).toBeGreaterThan(3000);
  });
});

describe('household load', () => {
  it('has a night base load of a few hundred watts and 2 kW spikes around breakfast and dinner', () => {
    // Wednesday 2024-06-19 from 00:00 local.
    const { physics } = home(Date.UTC(2024, 5, 18, 22), { seed: 3 });
    const byHour: number[][] = Array.from({ length: 24 }, () => []);
    // 2-s steps: a kettle (2.5-4 min) still shows up in 75 or more of them.
    for (let i = 0; i < 43_200; i++) byHour[Math.floor(i / 1800)]?.push(physics.step(2000).loadW);
    const window = (from: number, to: number): number[] => byHour.slice(from, to).flat();
    const night = window(1, 5);
    const mean = night.reduce((a, b) => a + b, 0) / night.length;
    expect(mean).toBeGreaterThan(200);
    expect(mean).toBeLessThan(450);
    expect(Math.max(...night)).toBeLessThan(700);
    expect(Math.max(...window(6, 9))).toBeGreaterThan(2000);
    expect(Math.max(...window(17, 20))).toBeGreaterThan(1200);
  });
});

describe('grid connection', () => {
  it('drops the voltage under import and lifts it under export', () => {
    const { physics } = home(JUNE_21);
    physics.setBatteryCommandW(0);
    physics.setCarPluggedIn(false);
    physics.setPvOverrideW(0);
    physics.setLoadOverrideW(0);
    const idle = physics.step(1000).phases.map((p) => p.voltageV);
    physics.setLoadOverrideW(15_000);
    const loaded = physics.step(1000).phases;
    loaded.forEach((p, i) => expect(p.voltageV).toBeLessThan((idle[i] ?? 0) - 4));
    loaded.forEach((p) => expect(p.currentA).toBeCloseTo(5000 / p.voltageV, 9));
    physics.setLoadOverrideW(0);
    physics.setPvOverrideW(6000);
    physics.step(1000).phases.forEach((p, i) => {
      expect(p.voltageV).toBeGreaterThan(idle[i] ?? Infinity);
      expect(p.powerW).toBeCloseTo(-2000, 9);
    });
  });

  it('blows the fuse after 60 s above 1.45 x 25 A, not before, and at once above 2 x', () => {
    const { physics } = home(JUNE_21);
    physics.setBatteryCommandW(0);
    physics.setCarPluggedIn(false);
    physics.setPvOverrideW(0);
    physics.setLoadOverrideW(3 * 37 * 230);
    let s = steps(physics, 60);
    expect(Math.min(...s.phases.map((p) => p.currentA))).toBeGreaterThan(36.25);
    expect(s.fuseTripped).toBe(false);
    s = steps(physics, 1);
    expect(s.fuseTripped).toBe(true);

    physics.resetFuse();
    physics.setLoadOverrideW(3 * 34 * 230);
    expect(steps(physics, 3600).fuseTripped).toBe(false);

    physics.setLoadOverrideW(3 * 51 * 230);
    expect(steps(physics, 1).fuseTripped).toBe(true);
  });
});

describe('timing', () => {
  it('steps once per second of site time between start() and stop()', () => {
    const { physics, clock } = home(JUNE_21);
    physics.start();
    clock.advance(5000);
    expect(physics.state().ts).toBe(JUNE_21 + 5000);
    physics.stop();
    clock.advance(5000);
    expect(physics.state().ts).toBe(JUNE_21 + 5000);
  });

  it('rejects non-finite commands', () => {
    const { physics } = home(JUNE_21);
    expect(() => physics.setCarPowerW(Number.NaN)).toThrow(RangeError);
    expect(() => physics.setBatteryCommandW(Infinity)).toThrow(RangeError);
    expect(() => physics.step(-1)).toThrow(RangeError);
  });
});
