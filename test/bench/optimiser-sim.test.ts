/**
 * The optimiser benchmark's simulator: the rules every strategy meets (the
 * charger's minimum, the V2X floor, the fuse) and the book-keeping of
 * departures, on a hand-made day instead of the real year.
 */
import { describe, expect, it } from 'vitest';
import { quarterMs } from '../../bench/optimiser/data/sim-year.js';
import type { SimYear } from '../../bench/optimiser/data/sim-year.js';
import { step } from '../../bench/optimiser/sim/physics.js';
import { simulate } from '../../bench/optimiser/sim/run.js';
import type { Command, Strategy } from '../../bench/optimiser/sim/strategy.js';
import { benchSite } from '../../bench/optimiser/site.js';
import { commandFromSlot } from '../../bench/optimiser/strategies/command.js';
import { noneStrategy } from '../../bench/optimiser/strategies/rules.js';
import type { SlotSchedule } from '../../main/optimiser/model/decode.js';
import { zoneTariff } from '../../bench/optimiser/tariff.js';

const site = benchSite('Europe/Amsterdam');
const hours = 0.25;
const idle: Command = { car: { kind: 'power', w: 0 }, battery: { kind: 'idle' }, pvLimitW: null };

describe('step', () => {
  it('holds nothing between 0 and the charger minimum, and never discharges the car below its V2X minimum', () => {
    const low = step(site, 0, 500, true, 5000, 30_000, { ...idle, car: { kind: 'power', w: 1000 } }, hours);
    expect(low.flows.carW).toBeCloseTo(0, 9);
    const atFloor = (site.car.minSocPct / 100) * site.car.capacityWh;
    const v2g = step(site, 0, 500, true, 5000, atFloor, { ...idle, car: { kind: 'power', w: -6000 } }, hours);
    expect(v2g.flows.carW).toBeCloseTo(0, 9);
    expect(v2g.carWh).toBe(atFloor);
  });

  it('cuts car charging first when the fuse is exceeded', () => {
    const r = step(site, 0, 12_000, true, 5000, 30_000, { ...idle, car: { kind: 'power', w: 11_000 } }, hours);
    expect(r.flows.gridW).toBeLessThanOrEqual(site.importLimitW);
    expect(r.flows.carW).toBeCloseTo(site.importLimitW - 12_000, 6);
  });

  it('follows a plan as the controller does: a cloud shrinks the planned export, stored energy is not sold', () => {
    // Planned: 6 kW PV, 1 kW house, 2 kW into the battery, 3 kW exported. Only 2 kW PV come.
    const plan: Command = { ...idle, battery: { kind: 'plan', gridW: -3000, batteryW: -2000 } };
    const r = step(site, 2000, 1000, false, 5000, 30_000, plan, hours);
    expect(r.flows.batteryW).toBeCloseTo(-1000, 6);
    expect(r.flows.gridW).toBeCloseTo(0, 6);
    // Holding the grid at the planned -3 kW would have discharged the battery into the grid.
    const held = step(site, 2000, 1000, false, 5000, 30_000, { ...idle, battery: { kind: 'grid', gridW: -3000, coverCar: true } }, hours);
    expect(held.flows.batteryW).toBeCloseTo(2000, 6);
  });
});

describe('simulate', () => {
  const startMs = Date.UTC(2026, 0, 5);
  const days = 2;
  const n = (days * 86_400_000) / quarterMs;
  const session = { arrivalMs: startMs + 18 * 3_600_000, departureMs: startMs + 31 * 3_600_000, tripWh: 20_000, truncated: false };
  const year: SimYear = {
    zone: 'NL',
    originMs: startMs,
    startMs,
    endMs: startMs + days * 86_400_000,
    dataEndMs: startMs + days * 86_400_000,
    pvW: new Float64Array(n),
    loadW: new Float64Array(n).fill(400),
    spotPerKWh: new Float64Array(n).fill(0.1),
    sessions: [session],
  };
  const ctx = { year, site, tariff: zoneTariff('NL') };

  it('counts a departure met when the car reaches its target, and bills the energy', () => {
    const r = simulate(ctx, noneStrategy(ctx));
    expect(r.departures).toBe(1);
    expect(r.departuresMet).toBe(1);
    expect(r.missed).toEqual([]);
    // The house (2 days at 400 W) and the 20 kWh trip refilled through the charger's losses.
    expect(r.importKWh).toBeCloseTo(19.2 + 20 / site.car.chargeEfficiency, 1);
    const price = ctx.tariff.price(0.1, startMs).importPerKWh;
    expect(r.billEur).toBeCloseTo(r.importKWh * price, 6);
  });

  it('lists a missed departure with how far short the car was', () => {
    const never: Strategy = { name: 'never', decide: () => idle };
    const r = simulate(ctx, never);
    expect(r.departuresMet).toBe(0);
    expect(r.departuresMissedPossible).toBe(1);
    expect(r.missed).toEqual([{ departure: new Date(session.departureMs).toISOString(), shortKWh: 20 }]);
  });
});

describe('commandFromSlot', () => {
  const slot: SlotSchedule = { importW: 400, exportW: 0, gridW: 400, batteryW: 0, carW: 0, pvW: 0, curtailW: 0, batteryWh: 5000, carWh: 42_000, costEur: 0 };
  const nowMs = Date.UTC(2026, 0, 5, 5);
  const targetWh = 48_000;
  const state = (departureInMin: number) => ({
    i: 0,
    nowMs,
    batteryWh: 5000,
    carWh: 42_000,
    session: { arrivalMs: nowMs - 3_600_000, departureMs: nowMs + departureInMin * 60_000, tripWh: 0, truncated: false },
  });

  it("applies the controller's departure check from the minute it fires", () => {
    // 6 kWh at 11 kW and 90 %: 36.4 min of full power. Departure in 45 min: the check fires 8.6 min
    // into the quarter (at the next whole minute, 9), full power for the remaining 6 of 15 minutes.
    const cmd = commandFromSlot(slot, state(45), site, targetWh);
    expect(cmd.car).toEqual({ kind: 'power', w: (6 / 15) * site.car.maxChargeW });
    // With an hour to go the plan's slot stands.
    expect(commandFromSlot(slot, state(60), site, targetWh).car).toEqual({ kind: 'power', w: 0 });
    // Away, nothing to check.
    expect(commandFromSlot(slot, { ...state(45), session: null }, site, targetWh).car).toEqual({ kind: 'power', w: 0 });
  });
});
