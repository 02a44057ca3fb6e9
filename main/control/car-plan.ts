/**
 * Smart mode with a plan: the car follows the optimiser's power for this
 * slot, corrected for what the plan could not know.
 *
 * - The SoC is unknown (the Quasar reports it only during a session): a short
 *   session at the minimum power lets the next plan start from a real value
 *   (the planner re-plans as soon as the SoC is known) instead of a guess.
 * - Charging stops once the car holds both the plan's SoC for the end of this
 *   slot and the user's target: the rest of the slot would overshoot.
 * - V2H without V2G: the plan sized the discharge for the forecast home load;
 *   the car covers the real load when it is higher than forecast and the home
 *   battery cannot (the kettle), and car-safety.ts keeps it from exporting.
 * - The departure comes first: once full power is only just enough to reach
 *   the target in time, the car charges at full power whatever the slot says.
 *   A plan counts on the charger delivering what it planned; a car that takes
 *   less (taper near full, a cold battery), a plan made from an estimated SoC,
 *   or a plan left short by a solve that ran out of budget would otherwise
 *   miss the departure by a little.
 */
import { departureNeedsFullPower, energyToTargetWh } from './car-deadline.js';
import type { CarTarget, CarTargetInput } from './car-target.js';

/** The V2H margin kept on the grid so that meter lag never turns into export (as in the rules). */
const v2hMarginW = 100;

export function followPlan(i: CarTargetInput & { readonly planSlot: NonNullable<CarTargetInput['planSlot']> }): CarTarget {
  const slot = i.planSlot;
  if (i.socPct === null) {
    return { powerW: i.minChargeW, reason: 'car charging briefly to learn its state of charge' };
  }
  const needWh = energyToTargetWh(i.socPct, i.settings.targetSocPct, i.capacityWh) ?? 0;
  if (slot.carW < i.maxChargeW && departureNeedsFullPower(i.nowMs, i.departureMs, needWh, i.maxChargeW)) {
    return { powerW: i.maxChargeW, reason: `car charging at full power: needed now to reach ${i.settings.targetSocPct} % by the departure` };
  }
  if (slot.carW > 0 && i.socPct >= i.settings.targetSocPct && slot.carSocPct !== null && i.socPct >= slot.carSocPct) {
    return { powerW: 0, reason: `car at ${Math.round(i.socPct)} %: reached the plan's charge for this slot` };
  }
  if (slot.carW < 0 && !i.settings.v2g) {
    const uncoveredW = Math.floor(Math.max(0, i.homeW - i.pvW - i.batteryAvailableW - v2hMarginW) / 100) * 100;
    if (uncoveredW > -slot.carW) return { powerW: -uncoveredW, reason: `${slot.reason}; car covering the home load above the forecast` };
  }
  return { powerW: slot.carW, reason: slot.reason };
}
