/**
 * Main-fuse protection, per phase.
 *
 * Two rules, because the meter and the charger are read at different moments
 * (a P1 telegram and a Modbus poll can be a second apart, so "house load =
 * meter - car" is briefly wrong whenever the car's power changes):
 *   - Raising the car is predictive: only into the headroom the fuse had over
 *     the last few seconds (the smallest of them), never counting on the
 *     battery, which stops within a second at its reserve while a slow
 *     charger needs 10-20 s to follow a cut.
 *   - Cutting is corrective: only an overload the meter actually measures
 *     cuts the car (by the overload), and the battery discharges by the same
 *     amount at once to cover the seconds until the charger follows.
 * Order as the brief says: car charging first, then battery charging, then the
 * battery discharges to carry the house. A grid operator's import cap is
 * treated like the fuse, on the total instead of per phase.
 */
import type { SiteLimits } from './site-limits.js';

export interface PhaseMeasurement {
  readonly limits: SiteLimits;
  /** Measured grid power per phase (W, > 0 import). */
  readonly phasePowerW: readonly number[];
  readonly phaseVoltageV: readonly (number | null)[];
  /** Measured car and battery power now (W, signs as in the snapshot). */
  readonly carW: number;
  readonly batteryW: number;
  /** A total import cap from the grid operator or aggregator (W), null for none. */
  readonly importLimitW: number | null;
}

export interface FuseInput extends PhaseMeasurement {
  /** Wanted targets. */
  readonly carTargetW: number;
  readonly batteryTargetW: number;
  /** The car setpoint in force now. */
  readonly carSetpointW: number;
  /** Smallest headroom of the last few seconds (see fuseHeadroomW); the car is raised only into it. */
  readonly raiseHeadroomW: number;
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

function phaseMaxW(m: PhaseMeasurement, i: number): number {
  return (m.limits.fuseA - m.limits.fuseMarginA) * (m.phaseVoltageV[i] ?? m.limits.voltageV);
}

/**
 * How much "car minus battery" power (W) the phases can carry on top of the
 * load that is neither car nor battery. Car and battery are symmetric
 * three-phase on a three-phase site.
 */
export function fuseHeadroomW(m: PhaseMeasurement): number {
  return Math.min(phaseHeadroomW(m), importHeadroomW(m));
}

function phaseHeadroomW(m: PhaseMeasurement): number {
  const phases = Math.max(1, m.phasePowerW.length);
  const share = (m.carW - m.batteryW) / phases;
  let headroomW = Number.POSITIVE_INFINITY;
  for (let i = 0; i < phases; i++) headroomW = Math.min(headroomW, (phaseMaxW(m, i) - ((m.phasePowerW[i] ?? 0) - share)) * phases);
  return headroomW;
}

function importHeadroomW(m: PhaseMeasurement): number {
  return m.importLimitW === null ? Number.POSITIVE_INFINITY : m.importLimitW - (totalW(m) - (m.carW - m.batteryW));
}

/** Which limit binds, for the notes the user reads. */
function limitName(m: PhaseMeasurement): string {
  return importHeadroomW(m) < phaseHeadroomW(m) ? 'grid import limit' : 'main fuse';
}

function totalW(m: PhaseMeasurement): number {
  return m.phasePowerW.reduce((a, b) => a + b, 0);
}

/** Measured overload now (W over all phases, as symmetric power, or over the import cap); 0 when within every limit. */
export function fuseOverloadW(m: PhaseMeasurement): number {
  const phases = Math.max(1, m.phasePowerW.length);
  let worst = 0;
  for (let i = 0; i < phases; i++) worst = Math.max(worst, (m.phasePowerW[i] ?? 0) - phaseMaxW(m, i));
  const overImportW = m.importLimitW === null ? 0 : totalW(m) - m.importLimitW;
  return Math.max(worst * phases, overImportW);
}

const kW = (w: number): string => `${(w / 1000).toFixed(1)} kW`;

export function guardFuse(input: FuseInput): FuseResult {
  const notes: string[] = [];
  const name = limitName(input);
  let car = input.carTargetW;
  if (car > input.carSetpointW) {
    const allowed = Math.max(input.carSetpointW, Math.floor(input.raiseHeadroomW / 100) * 100);
    if (car > allowed) {
      car = allowed < input.carMinChargeW ? 0 : allowed;
      notes.push(`${name}: car charging limited to ${kW(car)}`);
    }
  }
  let battery = input.batteryTargetW;
  const overloadW = fuseOverloadW(input);
  if (overloadW > 0) {
    if (car > 0) {
      const cut = Math.max(0, Math.min(car, input.carW - overloadW));
      car = cut < input.carMinChargeW ? 0 : Math.floor(cut / 100) * 100;
      notes.push(`${name}: car charging cut to ${kW(car)}`);
    }
    const neededW = input.batteryW + overloadW;
    if (battery < neededW) {
      const wasCharging = battery < 0;
      battery = Math.min(input.batteryMaxDischargeW, neededW);
      notes.push(wasCharging && battery <= 0 ? `${name}: battery charging reduced` : `${name}: battery discharging to stay within it`);
      if (battery < neededW) notes.push(`${name}: household load exceeds it by ${kW(neededW - battery)}`);
    }
  }
  return { carTargetW: car, batteryTargetW: Math.round(battery), notes };
}
