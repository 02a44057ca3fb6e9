/** A plan's slot as the controller executes it: the car's power, the battery as main/control follows a plan. */
import { departureNeedsFullPower } from '../../../main/control/car-deadline.js';
import type { SlotSchedule } from '../../../main/optimiser/model/decode.js';
import { quarterMs } from '../data/sim-year.js';
import type { BenchSite } from '../site.js';
import type { Command, SimState } from '../sim/strategy.js';

export function commandFromSlot(slot: SlotSchedule, s: SimState, site: BenchSite, targetWh: number): Command {
  return {
    car: { kind: 'power', w: departureChecked(slot.carW, s, site, targetWh) },
    battery: { kind: 'plan', gridW: slot.gridW, batteryW: slot.batteryW },
    pvLimitW: slot.curtailW > 0 ? slot.pvW : null,
  };
}

/**
 * The controller's departure check (car-plan.ts, car-deadline.ts) over a quarter hour: it
 * looks every second, so from the moment in this quarter when full power
 * becomes only just enough, the car charges at full power; the quarter's
 * mean power mixes the two.
 */
function departureChecked(plannedW: number, s: SimState, site: BenchSite, targetWh: number): number {
  const maxW = site.car.maxChargeW;
  if (s.session === null || plannedW >= maxW) return plannedW;
  const needWh = targetWh - s.carWh;
  const endMs = s.nowMs + quarterMs;
  if (!departureNeedsFullPower(endMs, s.session.departureMs, needWh, maxW)) return plannedW;
  // The first moment the check fires, searched to the minute (it fires for good once it does).
  let fromMs = s.nowMs;
  while (fromMs < endMs && !departureNeedsFullPower(fromMs, s.session.departureMs, needWh, maxW)) fromMs += 60_000;
  const share = (endMs - fromMs) / quarterMs;
  return plannedW + share * (maxW - plannedW);
}

/** What runs when a plan fails: the battery on self-consumption, the car at full power to its target. */
export function safeCommand(targetWh: number): Command {
  return { car: { kind: 'full-until', limitWh: targetWh }, battery: { kind: 'grid', gridW: 0, coverCar: false }, pvLimitW: null };
}
