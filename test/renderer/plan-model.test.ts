import { describe, expect, it } from 'vitest';
import type { Plan, PlanSlot } from '../../main/common/plan.js';
import { planSeries, tickLabel } from '../../renderer/src/plan/planModel.js';
import { sessionPlan, shiftTime } from '../../renderer/src/car/sessionModel.js';

const q = 15 * 60_000;
const t0 = Date.parse('2026-08-15T16:00:00Z');

function slot(i: number, o: Partial<PlanSlot> = {}): PlanSlot {
  return {
    startMs: t0 + i * q,
    endMs: t0 + (i + 1) * q,
    importPerKWh: 0.2,
    exportPerKWh: 0.1,
    priceEstimated: false,
    pvForecastW: 1000,
    loadForecastW: 500,
    gridW: 0,
    batteryW: 0,
    carW: 0,
    pvLimitW: null,
    batterySocPct: 50,
    carSocPct: 40,
    carPluggedIn: true,
    costEur: 0,
    reason: 'r',
    ...o,
  };
}

function plan(slots: PlanSlot[]): Plan {
  return { createdMs: t0, status: 'optimal', solveMs: 1, slots, costEur: 0, flags: [], summary: 's' };
}

describe('plan series', () => {
  it('starts at the current slot, in kW, with gaps where the car is away', () => {
    const s = planSeries(plan([slot(0), slot(1, { carW: 7400, carPluggedIn: true }), slot(2, { carPluggedIn: false })]), t0 + q + 1);
    expect(s.slots).toHaveLength(2);
    expect(s.nowIndex).toBe(0);
    expect(s.carKw[0]).toBe(7.4);
    expect(Number.isNaN(s.carSoc[1])).toBe(true);
  });

  it('labels the axis every few hours and names the day at midnight', () => {
    expect(tickLabel('06:00', 'Sun', 3)).toBe('06');
    expect(tickLabel('07:00', 'Sun', 3)).toBeNull();
    expect(tickLabel('06:15', 'Sun', 3)).toBeNull();
    expect(tickLabel('00:00', 'Sun', 3)).toBe('Sun');
  });
});

describe('car session', () => {
  it('adds up the planned charging until the departure and prices it', () => {
    const slots = [slot(0), slot(1, { carW: 4000, importPerKWh: 0.1, carSocPct: 50 }), slot(2, { carW: 4000, importPerKWh: 0.3, carSocPct: 60 }), slot(3, { carW: -2000 }), slot(4, { carW: 4000 })];
    const s = sessionPlan(plan(slots), t0, t0 + 4 * q);
    expect(s?.chargeWh).toBeCloseTo(2000);
    expect(s?.chargeCost).toBeCloseTo(0.1 + 0.3);
    expect(s?.dischargeWh).toBeCloseTo(500);
    expect(s?.chargeFromMs).toBe(t0 + q);
    expect(s?.chargeToMs).toBe(t0 + 3 * q);
    expect(s?.endSocPct).toBe(40);
  });

  it('has no session without a plan or a plugged-in car', () => {
    expect(sessionPlan(null, t0, null)).toBeNull();
    expect(sessionPlan(plan([slot(0, { carPluggedIn: false })]), t0, null)).toBeNull();
  });

  it('shifts a departure time across midnight', () => {
    expect(shiftTime('23:45', 15)).toBe('00:00');
    expect(shiftTime('00:10', -60)).toBe('23:10');
    expect(shiftTime('07:30', 15)).toBe('07:45');
  });
});
