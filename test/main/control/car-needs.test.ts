import { describe, expect, it } from 'vitest';
import type { EvChargingNeeds } from '../../../drivers/api.js';
import type { CarSettings } from '../../../main/common/car.js';
import { effectiveCar } from '../../../main/control/car-needs.js';
import { CarSocEstimator } from '../../../main/control/car-soc-estimator.js';

const now = Date.parse('2026-03-02T18:00:00Z');
const user: CarSettings = { mode: 'smart', minSocPct: 20, targetSocPct: 80, readyBy: null, v2h: true, v2g: true };
const needs: EvChargingNeeds = {
  departureMs: now + 10 * 3_600_000, energyRequestedWh: 30_000, targetSocPct: 90, minSocPct: 35,
  maxDischargeW: 10_000, maxChargeW: 11_000, capacityWh: 77_000, receivedMs: now - 1000,
};

describe('effectiveCar', () => {
  it("takes the car's departure and target when the user set none, and the stricter minimum", () => {
    const e = effectiveCar(user, needs, now, 'Europe/Amsterdam', 60_000);
    expect(e.departureMs).toBe(now + 10 * 3_600_000);
    expect(e.settings.targetSocPct).toBe(90);
    expect(e.settings.minSocPct).toBe(35);
    expect(e.capacityWh).toBe(77_000);
  });

  it("keeps the user's own goal when set", () => {
    const e = effectiveCar({ ...user, readyBy: '07:30', minSocPct: 50 }, needs, now, 'Europe/Amsterdam', 60_000);
    // 18:00 UTC = 19:00 CET; next 07:30 CET is 06:30 UTC the next day.
    expect(new Date(e.departureMs!).toISOString()).toBe('2026-03-03T06:30:00.000Z');
    expect(e.settings.targetSocPct).toBe(80);
    expect(e.settings.minSocPct).toBe(50);
  });

  it('ignores a departure in the past and works without needs', () => {
    expect(effectiveCar(user, { ...needs, departureMs: now - 1 }, now, 'Europe/Amsterdam', 60_000).departureMs).toBeNull();
    expect(effectiveCar(user, null, now, 'Europe/Amsterdam', 60_000)).toEqual({ settings: user, departureMs: null, capacityWh: 60_000 });
  });
});

describe('CarSocEstimator', () => {
  it('integrates energy from the last reported SoC and flags the estimate; unplugging forgets it', () => {
    const est = new CarSocEstimator();
    expect(est.update(0, true, 50, 0, 60_000)).toEqual({ socPct: 50, estimated: false });
    est.update(1000, true, null, 6000, 60_000);
    // One hour at 6 kW, 92 % into the battery: +5.52 kWh = +9.2 % of 60 kWh.
    const e = est.update(1000 + 3_600_000, true, null, 6000, 60_000);
    expect(e.estimated).toBe(true);
    expect(e.socPct).toBeCloseTo(59.2, 1);
    expect(est.update(2 * 3_600_000, false, null, 0, 60_000)).toEqual({ socPct: null, estimated: false });
    expect(est.update(3 * 3_600_000, true, null, 0, 60_000).socPct).toBeNull();
  });
});
