/**
 * The car's safety rules, applied to every target whatever its source (the
 * user's mode, the plan, a flexibility request): never discharge below the
 * minimum SoC or with an unknown SoC, never discharge when the user forbade
 * it, V2H never exports the car's energy, and the charger's limits hold.
 */
import type { CarSettings } from '../common/car.js';

export interface CarSafetyInput {
  readonly targetW: number;
  readonly settings: CarSettings;
  readonly socPct: number | null;
  readonly maxChargeW: number;
  /** 0 when the charger cannot discharge. */
  readonly maxDischargeW: number;
  readonly minChargeW: number;
  /** Home load not covered by PV now (W, >= 0): the most V2H-only may discharge. */
  readonly homeDeficitW: number;
}

export interface CarSafetyResult {
  readonly powerW: number;
  /** Set when a rule changed the target. */
  readonly note: string | null;
}

/** Stop discharging this far above the minimum so that rounding and lag cannot cross it. */
const minSocMarginPct = 0.5;

export function applyCarSafety(i: CarSafetyInput): CarSafetyResult {
  let w = i.targetW;
  if (w > 0) {
    w = Math.min(w, i.maxChargeW);
    if (w < i.minChargeW) w = 0;
    return { powerW: w, note: w === i.targetW ? null : `car charging limited to ${w} W by the charger` };
  }
  if (w === 0) return { powerW: 0, note: null };
  const { settings } = i;
  if (!settings.v2h && !settings.v2g) return { powerW: 0, note: 'car discharge not allowed (V2H and V2G are off)' };
  if (i.maxDischargeW <= 0) return { powerW: 0, note: 'this charger cannot discharge the car' };
  if (i.socPct === null) return { powerW: 0, note: 'car discharge stopped: state of charge unknown' };
  if (i.socPct <= settings.minSocPct + minSocMarginPct) return { powerW: 0, note: `car discharge stopped at the minimum of ${settings.minSocPct} %` };
  w = Math.max(w, -i.maxDischargeW);
  if (!settings.v2g) {
    // V2H only: the car covers the home, never the grid.
    const capW = Math.max(0, i.homeDeficitW - 100);
    if (-w > capW) return { powerW: -Math.floor(capW / 100) * 100, note: 'V2H only: car discharge limited to the home load' };
  }
  return { powerW: w, note: null };
}
