/**
 * What the car should do, from the user's mode (before the safety rules of
 * car-safety.ts and the site limits). Smart mode follows the optimiser's plan
 * for this slot; without a plan it falls back to rules: solar surplus, full
 * power when the departure gets close, and V2H for what the home battery
 * cannot cover.
 */
import type { CarSettings } from '../common/car.js';
import type { PlanSlot } from '../common/plan.js';
import { energyToTargetWh, latestFullPowerStartMs } from './car-deadline.js';
import { followPlan } from './car-plan.js';

export interface CarTargetInput {
  readonly nowMs: number;
  readonly settings: CarSettings;
  readonly connected: boolean;
  readonly socPct: number | null;
  readonly capacityWh: number;
  readonly maxChargeW: number;
  readonly minChargeW: number;
  /** The car setpoint in force now (W). */
  readonly setpointW: number;
  /** Next departure (epoch ms), null when the user set none. */
  readonly departureMs: number | null;
  readonly planSlot: PlanSlot | null;
  readonly homeW: number;
  readonly pvW: number;
  /** What the home battery can still discharge now (W). */
  readonly batteryAvailableW: number;
}

export interface CarTarget {
  readonly powerW: number;
  readonly reason: string;
}

/** Changes smaller than this are not written to a slow charger: it would only churn. */
export const carDeadbandW = 300;
/** Start charging this long before the latest possible moment, for losses and taper. */
const departureMarginMs = 30 * 60_000;

const kW = (w: number): string => `${(w / 1000).toFixed(1)} kW`;

export function carTarget(i: CarTargetInput): CarTarget {
  if (!i.connected) return { powerW: 0, reason: 'car not plugged in' };
  switch (i.settings.mode) {
    case 'off':
      return { powerW: 0, reason: 'car charging off' };
    case 'fast':
      return { powerW: i.maxChargeW, reason: `car charging fast at ${kW(i.maxChargeW)}` };
    case 'solar':
      return solar(i);
    case 'smart':
      return i.planSlot !== null ? followPlan({ ...i, planSlot: i.planSlot }) : smartRules(i);
  }
}

function solar(i: CarTargetInput): CarTarget {
  const surplusW = i.pvW - i.homeW;
  if (surplusW < i.minChargeW) {
    // Keep the minimum through a short dip only when still close to it.
    if (i.setpointW > 0 && surplusW > i.minChargeW - carDeadbandW) return { powerW: i.minChargeW, reason: 'car charging from solar surplus at the minimum' };
    return { powerW: 0, reason: 'car waiting for solar surplus' };
  }
  const wantW = Math.min(surplusW, i.maxChargeW);
  const powerW = Math.abs(wantW - i.setpointW) < carDeadbandW ? i.setpointW : Math.round(wantW / 100) * 100;
  return { powerW, reason: `car charging from solar surplus at ${kW(powerW)}` };
}

/**
 * The lowest SoC the car may be discharged to now and still reach the target
 * by the departure at full charging power (never below the user's minimum).
 */
export function dischargeFloorPct(i: Pick<CarTargetInput, 'nowMs' | 'settings' | 'capacityWh' | 'maxChargeW' | 'departureMs'>): number {
  if (i.departureMs === null) return i.settings.minSocPct;
  const hours = Math.max(0, i.departureMs - i.nowMs - departureMarginMs) / 3_600_000;
  const chargeablePct = ((i.maxChargeW * hours) / i.capacityWh) * 100;
  return Math.max(i.settings.minSocPct, i.settings.targetSocPct - chargeablePct);
}

function smartRules(i: CarTargetInput): CarTarget {
  if (i.socPct === null) {
    // Some chargers report the car's SoC only during a session (the Quasar
    // among them): a short session at the minimum power lets the plan start
    // from a real value instead of a guess.
    return { powerW: i.minChargeW, reason: 'car charging briefly to learn its state of charge' };
  }
  const needWh = energyToTargetWh(i.socPct, i.settings.targetSocPct, i.capacityWh);
  if (i.departureMs !== null && needWh !== null && needWh > 0 && i.maxChargeW > 0) {
    if (i.nowMs >= latestFullPowerStartMs(i.departureMs, needWh, i.maxChargeW) - departureMarginMs) {
      return { powerW: i.maxChargeW, reason: `car charging at ${kW(i.maxChargeW)} to reach ${i.settings.targetSocPct} % by ${i.settings.readyBy ?? ''}` };
    }
  }
  const sun = solar(i);
  if (sun.powerW > 0) return sun;
  // V2H: the car covers what the home battery cannot, down to the floor that still reaches the target.
  if (i.settings.v2h && i.socPct !== null && i.socPct > dischargeFloorPct(i)) {
    // 100 W stay on the grid so that meter lag never turns V2H into export (see car-safety.ts).
    const uncoveredW = Math.floor(Math.max(0, i.homeW - i.pvW - i.batteryAvailableW - 100) / 100) * 100;
    if (uncoveredW >= 200) return { powerW: -uncoveredW, reason: `car powering the home (V2H) at ${kW(uncoveredW)}` };
  }
  return { powerW: 0, reason: 'car waiting for solar surplus or a cheaper hour' };
}
