/**
 * Main-fuse protection. The controller's car and battery targets are checked
 * against the per-phase headroom the meter reports: the car's charging is cut
 * first, then the battery's charging, then the battery discharges to carry the
 * house. The battery acts within a second; a slow charger may take 10-20 s to
 * follow a cut, and meanwhile the battery covers the difference.
 */
import type { SiteLimits } from './site-limits.js';

export interface FuseInput {
  readonly limits: SiteLimits;
  /** Measured grid power per phase (W, > 0 import), or the total split evenly when the meter has no phase values. */
  readonly phasePowerW: readonly number[];
  readonly phaseVoltageV: readonly (number | null)[];
  /** Measured car and battery power now (W, signs as in the snapshot). */
  readonly carW: number;
  readonly batteryW: number;
  /** Wanted targets. */
  readonly carTargetW: number;
  readonly batteryTargetW: number;
  /** Battery limits for this tick (W, positive numbers). */
  readonly batteryMaxDischargeW: number;
  /** Car targets between 0 and this are not possible (charger minimum); such a cut goes to 0. */
  readonly carMinChargeW: number;
}

export interface FuseResult {
  readonly carTargetW: number;
  readonly batteryTargetW: number;
  /** Human-readable notes about what was cut; empty when nothing was. */
  readonly notes: readonly string[];
}

/**
 * How much more "car minus battery" power (W) the phases can take beyond the
 * load that is neither car nor battery. Car and battery are symmetric
 * three-phase on a three-phase site.
 */
export function fuseHeadroomW(input: Pick<FuseInput, 'limits' | 'phasePowerW' | 'phaseVoltageV' | 'carW' | 'batteryW'>): number {
  const { limits } = input;
  const phases = input.phasePowerW.length > 0 ? input.phasePowerW.length : 1;
  const share = (input.carW - input.batteryW) / phases;
  let headroomW = Number.POSITIVE_INFINITY;
  for (let i = 0; i < phases; i++) {
    const voltageV = input.phaseVoltageV[i] ?? limits.voltageV;
    const maxPhaseW = (limits.fuseA - limits.fuseMarginA) * voltageV;
    const baseW = (input.phasePowerW[i] ?? 0) - share;
    headroomW = Math.min(headroomW, (maxPhaseW - baseW) * phases);
  }
  return headroomW;
}

export function guardFuse(input: FuseInput): FuseResult {
  const headroomW = fuseHeadroomW(input);
  const notes: string[] = [];
  // The car's allowance never counts on the battery: a battery that reaches
  // its reserve stops within a second, a slow charger needs up to 20 s to follow a cut.
  let car = input.carTargetW;
  if (car > 0 && car > headroomW) {
    car = Math.max(0, Math.floor(headroomW / 100) * 100);
    if (car < input.carMinChargeW) car = 0;
    notes.push(`main fuse: car charging limited to ${(car / 1000).toFixed(1)} kW`);
  }
  // Whatever the car still draws (it may not have followed yet) plus the house
  // must fit: the battery charges less or discharges to cover the rest.
  const neededBatteryW = Math.max(input.carW, car) - headroomW;
  let battery = input.batteryTargetW;
  if (battery < neededBatteryW) {
    const wasCharging = battery < 0;
    battery = Math.min(input.batteryMaxDischargeW, neededBatteryW);
    notes.push(wasCharging && battery <= 0 ? 'main fuse: battery charging reduced' : 'main fuse: battery discharging to protect the fuse');
    if (battery < neededBatteryW) notes.push(`main fuse: household load exceeds the fuse by ${((neededBatteryW - battery) / 1000).toFixed(1)} kW`);
  }
  return { carTargetW: car, batteryTargetW: Math.round(battery), notes };
}
