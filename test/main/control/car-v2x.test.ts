/** The car's V2H/V2G rules, smart mode and grid-operator limits in the controller. */
import { describe, expect, it } from 'vitest';
import type { CarSettings } from '../../../main/common/car.js';
import { noLimits } from '../../../main/common/limits.js';
import type { PlanSlot } from '../../../main/common/plan.js';
import { decide } from '../../../main/control/controller.js';
import type { ControlInput } from '../../../main/control/controller.js';
import { dischargeFloorPct } from '../../../main/control/car-target.js';

const now = Date.parse('2026-01-14T19:00:00Z');
const smart: CarSettings = { mode: 'smart', minSocPct: 30, targetSocPct: 80, readyBy: null, v2h: true, v2g: false };
const base: ControlInput = {
  nowMs: now,
  limits: { fuseA: 25, phases: 3, voltageV: 230, exportLimitW: null, fuseMarginA: 1 },
  gridLimits: noLimits,
  gridW: 0,
  phasePowerW: null,
  phaseVoltageV: null,
  pvW: 0,
  batteryW: 0,
  batterySocPct: 10, // at its reserve: the battery cannot help
  batteryMaxChargeW: 5000,
  batteryMaxDischargeW: 5000,
  batteryReserveSocPct: 10,
  batterySetpointW: 0,
  carW: 0,
  carConnected: true,
  carSocPct: 70,
  car: smart,
  carCapacityWh: 60_000,
  carMaxChargeW: 7400,
  carMaxDischargeW: 7400,
  carMinChargeW: 1400,
  carDepartureMs: null,
  carSetpointW: 0,
  carChangeInFlight: false,
  planSlot: null,
  staleReasons: [],
  pvLimitW: null,
  raiseHeadroomW: null,
};

function slot(carW: number, gridW: number): PlanSlot {
  return {
    startMs: now - 60_000, endMs: now + 840_000, importPerKWh: 0.38, exportPerKWh: 0.1, priceEstimated: false, pvForecastW: 0, loadForecastW: 2000,
    gridW, batteryW: 0, carW, pvLimitW: null, batterySocPct: 10, carSocPct: 65, carPluggedIn: true, costEur: 0, reason: 'discharging car to cover the evening peak at 0.38 EUR/kWh',
  };
}

describe('V2H', () => {
  it('covers the home load the battery cannot, without export', () => {
    // House 2.4 kW, no PV, battery at its reserve. 100 W stay on the grid so that
    // meter lag can never turn V2H into export.
    const out = decide({ ...base, gridW: 2400 });
    expect(out.carW).toBe(-2300);
    expect(out.decision).toMatch(/V2H/);
  });

  it('never discharges below the minimum SoC, nor with an unknown SoC', () => {
    expect(decide({ ...base, gridW: 2400, carSocPct: 30.2 }).carW).toBe(0);
    // Unknown SoC: no discharge (it charges briefly at the minimum to learn it).
    expect(decide({ ...base, gridW: 2400, carSocPct: null }).carW).toBe(1400);
  });

  it('never discharges when the user forbade it', () => {
    expect(decide({ ...base, gridW: 2400, car: { ...smart, v2h: false } }).carW).toBe(0);
    // Even when a plan asks for it.
    expect(decide({ ...base, gridW: 2400, car: { ...smart, v2h: false }, planSlot: slot(-5000, 0) }).carW).toBe(0);
  });

  it('limits a planned discharge to the home load when only V2H is allowed', () => {
    // The plan asks for 5 kW (V2G), but V2G is off: the car only covers the house (2 kW here).
    const out = decide({ ...base, gridW: 2000, planSlot: slot(-5000, -3000) });
    expect(out.carW).toBeGreaterThanOrEqual(-2000);
    expect(out.carW).toBeLessThan(-1500);
    expect(out.limiting.join()).toMatch(/V2H only/);
  });

  it('cuts a measured export from the car once, not again on every tick while a slow charger follows', () => {
    // The car still gives 6 kW (its last setpoint), the house takes 3.5 kW: 2.5 kW go out.
    const tick = { ...base, gridW: -2500, carW: -6000, carSetpointW: -6000, carChangeInFlight: true, planSlot: slot(-6000, -2500) };
    expect(decide(tick).carW).toBe(-3500);
    // Next tick: the charger has not moved yet; the cut stays at the house's 3.5 kW instead of creeping to 0.
    expect(decide({ ...tick, carSetpointW: -3500 }).carW).toBe(-3500);
  });

  it('keeps enough charge to reach the target by the departure', () => {
    // Departure in 3 h, 7.4 kW charger, 60 kWh: 22.2 kWh = 37 % can be recharged in 3 h (less the 30-min margin: 30.8 %).
    const departureMs = now + 3 * 3_600_000;
    const floor = dischargeFloorPct({ nowMs: now, settings: smart, capacityWh: 60_000, maxChargeW: 7400, departureMs });
    expect(floor).toBeCloseTo(80 - 30.83, 1);
    // At 45 % the target is only just reachable: no discharge, it charges now.
    expect(decide({ ...base, gridW: 2400, carSocPct: 45, carDepartureMs: departureMs }).carW).toBe(7400);
    // At 55 % (above the 49.2 % floor) it may still power the house.
    expect(decide({ ...base, gridW: 2400, carSocPct: 55, carDepartureMs: departureMs }).carW).toBe(-2300);
  });

  it('stops discharging first on stale data', () => {
    const out = decide({ ...base, gridW: 2400, carW: -2400, carSetpointW: -2400, staleReasons: ['wallbox (charger): no valid data for 6 s'] });
    expect(out.carW).toBe(0);
    expect(out.failsafe).toBe(true);
  });
});

describe('V2G and the plan', () => {
  const v2g = { ...smart, v2g: true };
  it('follows a planned export when V2G is allowed', () => {
    const out = decide({ ...base, car: v2g, gridW: 2000, planSlot: slot(-5000, -3000) });
    expect(out.carW).toBe(-5000);
    expect(out.decision).toMatch(/evening peak/);
  });

  it('respects an export cap before curtailing PV', () => {
    const out = decide({ ...base, car: v2g, gridW: 2000, planSlot: slot(-5000, -3000), limits: { ...base.limits, exportLimitW: 1000 } });
    // House 2 kW + 1 kW export allowed: the car may give 3 kW.
    expect(out.carW).toBe(-3000);
    expect(out.limiting.join()).toMatch(/export cap 1\.0 kW: car discharge limited/);
  });

  it('charges from the grid when the plan says so, with the battery not discharging into the car', () => {
    const out = decide({ ...base, batterySocPct: 50, car: v2g, gridW: 500, planSlot: slot(7400, 7900) });
    expect(out.carW).toBe(7400);
    // The battery does not discharge into the car: the plan has it idle and imports 7.9 kW.
    expect(out.batteryW).toBeLessThanOrEqual(0);
  });

  it('V2H under a plan: the car covers a load above the forecast the battery cannot', () => {
    // Planned 2 kW of V2H for a 2 kW forecast; the kettle makes it 3.5 kW and the battery is at its reserve.
    const out = decide({ ...base, gridW: 3500, planSlot: slot(-2000, 0) });
    expect(out.carW).toBe(-3400);
    expect(out.decision).toMatch(/above the forecast/);
    // With the battery able to help, the car keeps to the plan and the battery takes the rest.
    expect(decide({ ...base, batterySocPct: 60, gridW: 3500, planSlot: slot(-2000, 0) }).carW).toBe(-2000);
  });

  it('under a plan, learns an unknown SoC first and stops charging once plan and target are reached', () => {
    expect(decide({ ...base, carSocPct: null, planSlot: slot(7400, 7400) }).carW).toBe(1400);
    expect(decide({ ...base, carSocPct: null, planSlot: slot(0, 0) }).carW).toBe(1400);
    // The slot ends at 65 % and the target is 80 %: at 80.2 % the rest of the slot would overshoot.
    expect(decide({ ...base, car: v2g, carSocPct: 80.2, planSlot: slot(7400, 7400) }).carW).toBe(0);
    // Below the target it keeps the plan's power.
    expect(decide({ ...base, car: v2g, carSocPct: 70, planSlot: slot(7400, 7400) }).carW).toBe(7400);
  });

  it('under a plan, charges at full power once that is only just enough for the departure', () => {
    // 70 % -> 80 % of 60 kWh = 6 kWh; at 7.4 kW and 90 % that takes 54 min.
    const late = { ...base, car: v2g, carSocPct: 70, carDepartureMs: now + 50 * 60_000 };
    for (const planned of [slot(3000, 3000), slot(0, 0), slot(-5000, -3000)]) {
      const out = decide({ ...late, planSlot: planned });
      expect(out.carW).toBe(7400);
      expect(out.decision).toMatch(/full power: needed now to reach 80 %/);
    }
    // With time to spare the plan's slot stands (here: charge later, at a cheaper hour).
    expect(decide({ ...late, carDepartureMs: now + 70 * 60_000, planSlot: slot(0, 0) }).carW).toBe(0);
    // At the target nothing more is needed.
    expect(decide({ ...late, carSocPct: 80, planSlot: slot(0, 0) }).carW).toBe(0);
  });

  it('falls back to rules without a plan: full power when the departure gets close', () => {
    // 40 % -> 80 % of 60 kWh = 24 kWh at 7.4 kW = 3.24 h, plus 30 min margin.
    const out = decide({ ...base, car: { ...smart, v2h: false }, carSocPct: 40, carDepartureMs: now + 3.5 * 3_600_000 });
    expect(out.carW).toBe(7400);
    expect(decide({ ...base, car: { ...smart, v2h: false }, carSocPct: 40, carDepartureMs: now + 6 * 3_600_000 }).carW).toBe(0);
  });
});

describe('grid-operator limits', () => {
  it('§14a: caps car plus battery charging from the grid, never below 4.2 kW (the registry clamps)', () => {
    const limits = { ...noLimits, controllableLimitW: 4200 };
    const out = decide({ ...base, car: { ...smart, mode: 'fast' }, gridLimits: limits });
    expect(out.carW).toBe(4200);
    expect(out.limiting.join()).toMatch(/grid operator limit 4\.2 kW/);
  });

  it('an import cap limits the car like the fuse does', () => {
    const limits = { ...noLimits, importLimitW: 5000 };
    const out = decide({ ...base, car: { ...smart, mode: 'fast' }, gridW: 1000, gridLimits: limits });
    expect(out.carW).toBe(4000);
    expect(out.limiting.join()).toMatch(/grid import limit: car charging limited to 4\.0 kW/);
  });

  it('an import cap that is exceeded cuts the car and calls on the battery', () => {
    const limits = { ...noLimits, importLimitW: 5000 };
    const out = decide({ ...base, batterySocPct: 60, car: { ...smart, mode: 'fast' }, gridW: 8000, carW: 7400, carSetpointW: 7400, gridLimits: limits });
    expect(out.carW).toBeLessThanOrEqual(4400);
    expect(out.batteryW).toBeGreaterThan(0);
  });
});
