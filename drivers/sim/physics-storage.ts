/**
 * Battery physics shared by the home battery and the car: power limits, the
 * energy that fits in one step, and conversion losses. Powers are seen from
 * the AC side with the battery sign (> 0 discharge); losses sit between the AC
 * side and the cells, so charging stores less than it draws and discharging
 * drains more than it delivers.
 */

export interface StorageLimits {
  readonly capacityWh: number;
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  /** Discharge stops here (a hybrid inverter's reserve; 0 for a car, whose minimum the hub enforces). */
  readonly minSocPct: number;
  /** One-way conversion efficiency, sqrt of the round trip. */
  readonly efficiency: number;
}

const MS_PER_HOUR = 3_600_000;

/** The power closest to `requestW` that the storage can deliver for `dtMs` without leaving its SoC bounds. */
export function feasiblePowerW(requestW: number, socPct: number, limits: StorageLimits, dtMs: number): number {
  let p = Math.max(-limits.maxChargeW, Math.min(limits.maxDischargeW, requestW));
  if (p < 0) {
    if (socPct >= 100) return 0;
    if (dtMs > 0) {
      const roomWh = (limits.capacityWh * (100 - socPct)) / 100;
      p = Math.max(p, -roomWh / (limits.efficiency * (dtMs / MS_PER_HOUR)));
    }
  } else if (p > 0) {
    if (socPct <= limits.minSocPct) return 0;
    if (dtMs > 0) {
      const availableWh = (limits.capacityWh * (socPct - limits.minSocPct)) / 100;
      p = Math.min(p, (availableWh * limits.efficiency) / (dtMs / MS_PER_HOUR));
    }
  }
  return p;
}

/** SoC after running at `powerW` (feasible) for `dtMs`. */
export function socAfterPct(socPct: number, powerW: number, limits: StorageLimits, dtMs: number): number {
  const hours = dtMs / MS_PER_HOUR;
  const cellWh = powerW < 0 ? powerW * limits.efficiency * hours : (powerW / limits.efficiency) * hours;
  const next = socPct - (cellWh / limits.capacityWh) * 100;
  // Rounding must not push the SoC a hair past a bound it was stopped at.
  const floor = Math.min(socPct, limits.minSocPct);
  return Math.max(floor, Math.min(100, next));
}
