/**
 * evcc-style: the battery keeps the grid at zero (self-consumption), the car
 * charges at full power in the cheapest known quarter hours before its
 * departure, just enough for the target (re-chosen every quarter hour, as
 * evcc's planner does), and otherwise takes the PV surplus when it reaches
 * the charger's minimum. While the car charges from the grid the battery
 * covers only the house (evcc's battery discharge control).
 */
import { quarterMs } from '../data/sim-year.js';
import type { Command, SimState, Strategy, StrategyContext } from '../sim/strategy.js';
import { pricesKnownUntil } from './price-knowledge.js';

export function greedyStrategy(ctx: StrategyContext): Strategy {
  const { year, site, tariff } = ctx;
  const targetWh = (site.car.targetSocPct / 100) * site.car.capacityWh;
  const perSlotWh = site.car.maxChargeW * site.car.chargeEfficiency * (quarterMs / 3_600_000);
  const surplus: Command = { car: { kind: 'surplus' }, battery: { kind: 'grid', gridW: 0, coverCar: true }, pvLimitW: null };
  const planned: Command = { car: { kind: 'power', w: site.car.maxChargeW }, battery: { kind: 'grid', gridW: 0, coverCar: false }, pvLimitW: null };
  return {
    name: 'greedy',
    decide(s: SimState): Command {
      if (s.session === null || s.carWh >= targetWh) return surplus;
      const knownUntil = pricesKnownUntil(s.nowMs, site.timeZone);
      const slots: { i: number; price: number }[] = [];
      for (let ts = s.nowMs, i = s.i; ts < s.session.departureMs; ts += quarterMs, i++) {
        // Unknown prices rank after every known one, latest first (charging late keeps the choice open).
        const price = ts < knownUntil ? tariff.price(year.spotPerKWh[i] ?? 0, ts).importPerKWh : 1e6 - i;
        slots.push({ i, price });
      }
      const needed = Math.ceil((targetWh - s.carWh) / perSlotWh);
      const chosen = slots.sort((a, b) => a.price - b.price || a.i - b.i).slice(0, needed);
      return chosen.some((c) => c.i === s.i) ? planned : surplus;
    },
  };
}
