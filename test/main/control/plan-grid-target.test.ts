/** How the battery follows a plan slot when the house does not do what the forecast said. */
import { describe, expect, it } from 'vitest';
import type { CarSettings } from '../../../main/common/car.js';
import { noLimits } from '../../../main/common/limits.js';
import type { PlanSlot } from '../../../main/common/plan.js';
import { decide } from '../../../main/control/controller.js';
import type { ControlInput } from '../../../main/control/controller.js';
import { planGridTargetW } from '../../../main/control/plan-grid-target.js';

// planGridTargetW(planned grid, planned battery (> 0 discharging), actual residual = home + car - PV).
describe('planGridTargetW', () => {
  it('holds the plan when the forecast was right', () => {
    expect(planGridTargetW(-3000, -2000, -5000)).toBe(-3000); // surplus: 2 kW stored, 3 kW exported
    expect(planGridTargetW(1500, 0, 1500)).toBe(1500); // battery kept for later: import
    expect(planGridTargetW(0, 1200, 1200)).toBe(0); // self-consumption
    expect(planGridTargetW(4000, -3000, 1000)).toBe(4000); // charging from the grid at a cheap hour
  });

  it('does not sell stored energy to keep up a planned export when a cloud comes', () => {
    // Planned: 5 kW surplus, 2 kW into the battery, 3 kW exported. The surplus drops to 1 kW.
    // Holding -3 kW would discharge the battery 2 kW into the grid; instead the export shrinks.
    expect(planGridTargetW(-3000, -2000, -1000)).toBe(0);
    // Less of a drop: the export shrinks first, the battery keeps charging as planned.
    expect(planGridTargetW(-3000, -2000, -4000)).toBe(-2000);
    // PV gone entirely, house 800 W: the battery covers the house instead of importing.
    expect(planGridTargetW(-3000, -2000, 800)).toBe(0);
  });

  it('stores surplus the plan did not expect instead of exporting it', () => {
    expect(planGridTargetW(-3000, -2000, -7000)).toBe(-3000);
    expect(planGridTargetW(1500, 0, -500)).toBe(0);
    expect(planGridTargetW(0, 1200, -300)).toBe(0);
  });

  it('covers an unexpected deficit only where the plan discharges or self-consumes', () => {
    // Self-consuming: the kettle is covered by the battery.
    expect(planGridTargetW(0, 1200, 3200)).toBe(0);
    // Discharging but importing the rest (battery rationed for the peak): imports no more than planned.
    expect(planGridTargetW(500, 2000, 4000)).toBe(500);
    // Battery idle at a cheap hour, saved for the evening: the kettle comes from the grid.
    expect(planGridTargetW(1500, 0, 3500)).toBe(3500);
    // Charging from the grid: the charge goes on, the grid takes the kettle.
    expect(planGridTargetW(4000, -3000, 3000)).toBe(6000);
  });

  it('never exports battery energy unless the plan exports it on purpose', () => {
    // Discharging for the house, whose load drops: the discharge drops with it.
    expect(planGridTargetW(500, 2000, 200)).toBe(0);
    expect(planGridTargetW(0, 2000, 200)).toBe(0);
    // A planned discharge into the grid at a price peak is held.
    expect(planGridTargetW(-4000, 5000, 2000)).toBe(-4000);
    expect(planGridTargetW(-4000, 5000, 500)).toBe(-4000);
  });
});

describe('decide in smart mode with a plan', () => {
  const smart: CarSettings = { mode: 'smart', minSocPct: 30, targetSocPct: 80, readyBy: null, v2h: false, v2g: false };
  const noon = Date.parse('2026-06-21T12:00:00Z');
  const plannedSurplus: PlanSlot = {
    startMs: noon - 60_000, endMs: noon + 840_000, importPerKWh: 0.3, exportPerKWh: 0.05, priceEstimated: false, pvForecastW: 6000, loadForecastW: 1000,
    gridW: -3000, batteryW: -2000, carW: 0, pvLimitW: null, batterySocPct: 60, carSocPct: null, carPluggedIn: false, costEur: 0, reason: 'storing solar surplus',
  };
  const input: ControlInput = {
    nowMs: noon, limits: { fuseA: 25, phases: 3, voltageV: 230, exportLimitW: null, fuseMarginA: 1 }, gridLimits: noLimits,
    phasePowerW: null, phaseVoltageV: null, batterySocPct: 50, batteryMaxChargeW: 5000, batteryMaxDischargeW: 5000, batteryReserveSocPct: 10,
    carW: 0, carConnected: false, carSocPct: null, car: smart, carCapacityWh: 60_000, carMaxChargeW: 11_000, carMaxDischargeW: 0, carMinChargeW: 1400,
    carDepartureMs: null, carSetpointW: 0, carChangeInFlight: false, planSlot: plannedSurplus, staleReasons: [], pvLimitW: null, raiseHeadroomW: null,
    gridW: 0, pvW: 0, batteryW: 0, batterySetpointW: null,
  };

  /** Ticks against a plant whose meter shows the last setpoint; returns the settled grid and battery powers. */
  function settle(pvW: number, homeW: number): { gridW: number; batteryW: number } {
    let batteryW = -2000;
    for (let i = 0; i < 20; i++) {
      const gridW = homeW - pvW - batteryW;
      const out = decide({ ...input, pvW, gridW, batteryW, batterySetpointW: batteryW });
      batteryW = out.batteryW ?? 0;
    }
    return { gridW: homeW - pvW - batteryW, batteryW };
  }

  it('lets a cloud shrink the planned export instead of discharging the battery into the grid', () => {
    // Forecast 6 kW PV, a cloud leaves 2 kW: the battery still charges, but only from what there is.
    const cloud = settle(2000, 1000);
    expect(cloud.batteryW).toBeLessThanOrEqual(0);
    expect(cloud.gridW).toBeGreaterThan(-50);
    expect(cloud.gridW).toBeLessThan(50);
  });

  it('stores sun the forecast missed and keeps the planned export', () => {
    const bright = settle(8000, 1000);
    expect(bright.gridW).toBeCloseTo(-3000, -2);
    expect(bright.batteryW).toBeCloseTo(-4000, -2);
  });
});
