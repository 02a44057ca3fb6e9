/**
 * The per-tick decision: from one set of measurements to car and battery
 * setpoints. Pure and synchronous so it can be tested without devices.
 *
 * Order of concerns, each able to override the one before:
 *   1. the car's mode (off / solar surplus / fast),
 *   2. the battery drives grid power to zero (self-consumption),
 *   3. the main fuse (car charging cut first, then battery charging),
 *   4. the export cap (PV curtailed when battery and car cannot absorb),
 *   5. the failsafe on stale data (car stopped, battery back to autonomous).
 * See main/control/README.md for the reasoning.
 */
import type { CarMode } from '../common/snapshot.js';
import { fuseHeadroomW, guardFuse } from './fuse-guard.js';
import type { SiteLimits } from './site-limits.js';

export interface ControlInput {
  readonly limits: SiteLimits;
  readonly gridW: number | null;
  readonly phasePowerW: readonly number[] | null;
  readonly phaseVoltageV: readonly (number | null)[] | null;
  readonly pvW: number | null;
  readonly batteryW: number | null;
  readonly batterySocPct: number | null;
  readonly batteryMaxChargeW: number;
  readonly batteryMaxDischargeW: number;
  readonly batteryReserveSocPct: number;
  /** The battery setpoint decided last tick (W), null when the battery was on its own control. */
  readonly batterySetpointW: number | null;
  readonly carW: number | null;
  readonly carConnected: boolean;
  readonly carSocPct: number | null;
  readonly carMode: CarMode;
  readonly carMaxChargeW: number;
  readonly carMinChargeW: number;
  /** The car setpoint the controller last wrote (W). */
  readonly carSetpointW: number;
  /** True while a slow charger is still executing the last change. */
  readonly carChangeInFlight: boolean;
  /** Reasons the data cannot be trusted (stale devices); non-empty means failsafe. */
  readonly staleReasons: readonly string[];
  /** Current PV cap (W), null when not curtailed. */
  readonly pvLimitW: number | null;
  /** Smallest fuse headroom of the last few ticks (W), null if none; this tick's is added. See fuse-guard.ts. */
  readonly raiseHeadroomW: number | null;
}

export interface ControlOutput {
  /** null: hand the battery back to its own control. */
  readonly batteryW: number | null;
  readonly carW: number;
  /** null: no PV cap. */
  readonly pvLimitW: number | null;
  readonly failsafe: boolean;
  readonly failsafeReasons: readonly string[];
  readonly limiting: readonly string[];
  readonly decision: string;
  /** This tick's fuse headroom for car minus battery (W); null in failsafe. */
  readonly headroomW: number | null;
}

/**
 * Share of the remaining battery error corrected per tick. With the meter
 * reading up to two ticks behind the setpoint, an integral loop is stable for
 * gains below about 0.6; 0.5 settles a 2 kW step within ~100 W in 5 ticks.
 */
export const batteryGain = 0.5;
/** Battery corrections smaller than this are not made (W): meter resolution and noise. */
const batteryDeadbandW = 25;

/** Changes smaller than this are not written to a slow charger: it would only churn. */
export const carDeadbandW = 300;

const kW = (w: number): string => `${(w / 1000).toFixed(1)} kW`;

export function decide(input: ControlInput): ControlOutput {
  if (input.staleReasons.length > 0) {
    return {
      batteryW: null,
      carW: 0,
      // Blind, an export cap is best held where it was; the inverter reverts by itself if the hub dies.
      pvLimitW: input.limits.exportLimitW === null ? null : input.pvLimitW,
      failsafe: true,
      failsafeReasons: input.staleReasons,
      limiting: [],
      headroomW: null,
      decision: `Failsafe: ${input.staleReasons.join('; ')}. Car stopped, battery on its own control.`,
    };
  }
  // Not stale means the grid meter, battery and charger all report; the nulls
  // below are only possible for devices the site does not have.
  const gridW = input.gridW ?? 0;
  const pvW = input.pvW ?? 0;
  const batteryW = input.batteryW ?? 0;
  const carW = input.carW ?? 0;
  // The meter and the battery are read at different moments: a battery
  // reading one tick older than the telegram makes "grid + battery" swing
  // from one extreme to the other (a delayed loop with gain 1 is unstable).
  // The balance therefore uses the setpoint the battery was last given, which
  // the meter's reading already reflects, and moves only part of the way to
  // the new target each tick (see batteryGain).
  const batteryNowW = input.batterySetpointW ?? batteryW;
  const homeW = gridW + pvW + batteryNowW - carW;

  let carTargetW = carTarget(input, homeW, pvW);
  const reasons: string[] = [];
  const adjustment = carTargetW > 0 && input.carSetpointW > 0;
  if (input.carChangeInFlight && adjustment) {
    // Hold small-step adjustments while a slow charger follows the last
    // change (it would only churn); a stop or a mode change goes through, and
    // the fuse may always cut.
    carTargetW = input.carSetpointW;
  }

  // Self-consumption: the battery covers the rest so that the grid is at zero.
  // The car's measured power (not its target) is what the grid sees now, so
  // the battery follows the car as a slow charger ramps.
  // In fast mode the battery covers the house but is not drained into the car.
  const surplusW = pvW - homeW - carW;
  const wantBatteryW = input.carMode === 'fast' && surplusW < 0 ? Math.max(0, homeW - pvW) : -surplusW;
  const stepW = wantBatteryW - batteryNowW;
  const batteryTargetW = clampBattery(Math.abs(stepW) < batteryDeadbandW ? batteryNowW : batteryNowW + batteryGain * stepW, input);

  // Without per-phase values, assume the load is spread evenly over the site's phases.
  const phasePowerW = input.phasePowerW ?? new Array<number>(input.limits.phases).fill(gridW / input.limits.phases);
  const measured = {
    limits: input.limits,
    phasePowerW,
    phaseVoltageV: input.phaseVoltageV ?? phasePowerW.map(() => null),
    carW,
    batteryW,
  };
  const headroomW = fuseHeadroomW(measured);
  const fuse = guardFuse({
    ...measured,
    carTargetW,
    batteryTargetW,
    carSetpointW: input.carSetpointW,
    raiseHeadroomW: Math.min(input.raiseHeadroomW ?? Number.POSITIVE_INFINITY, headroomW),
    batteryMaxDischargeW: batteryDischargeLimitW(input),
    carMinChargeW: input.carMinChargeW,
  });
  carTargetW = fuse.carTargetW;
  const limiting = [...fuse.notes];

  // The cap counts what the battery will absorb once it has settled, not this tick's half-way step.
  const settledBatteryW = fuse.batteryTargetW > batteryTargetW ? fuse.batteryTargetW : clampBattery(wantBatteryW, input);
  const pvLimitW = exportCap(input, homeW + carW - settledBatteryW, pvW, limiting);

  if (input.carMode === 'fast' && input.carConnected) reasons.push(`car charging fast at ${kW(carTargetW)}`);
  else if (input.carMode === 'solar' && input.carConnected) reasons.push(carTargetW > 0 ? `car charging from solar surplus at ${kW(carTargetW)}` : 'car waiting for solar surplus');
  else if (input.carConnected) reasons.push('car charging off');
  if (fuse.batteryTargetW < -50) reasons.push(`battery charging at ${kW(-fuse.batteryTargetW)}`);
  else if (fuse.batteryTargetW > 50) reasons.push(`battery covering the home at ${kW(fuse.batteryTargetW)}`);
  else reasons.push('battery idle');

  return {
    batteryW: fuse.batteryTargetW,
    carW: carTargetW,
    pvLimitW,
    failsafe: false,
    failsafeReasons: [],
    limiting,
    headroomW,
    decision: capitalise(reasons.join(', ')),
  };
}

function carTarget(input: ControlInput, homeW: number, pvW: number): number {
  if (!input.carConnected || input.carMode === 'off') return 0;
  if (input.carMode === 'fast') return input.carMaxChargeW;
  // Solar: the surplus after the house, not counting the home battery (the car
  // has priority; the battery takes what the car leaves and smooths clouds).
  const surplusW = pvW - homeW;
  if (surplusW < input.carMinChargeW) {
    // Keep charging at the minimum through a short dip only when still close.
    return input.carSetpointW > 0 && surplusW > input.carMinChargeW - carDeadbandW ? input.carMinChargeW : 0;
  }
  const target = Math.min(surplusW, input.carMaxChargeW);
  return Math.abs(target - input.carSetpointW) < carDeadbandW ? input.carSetpointW : Math.round(target / 100) * 100;
}

function batteryDischargeLimitW(input: ControlInput): number {
  if (input.batterySocPct === null) return 0;
  return input.batterySocPct > input.batteryReserveSocPct ? input.batteryMaxDischargeW : 0;
}

function clampBattery(wantW: number, input: ControlInput): number {
  if (input.batterySocPct === null) return 0;
  const maxChargeW = input.batterySocPct >= 100 ? 0 : input.batteryMaxChargeW;
  // `+ 0` turns -0 into 0: a setpoint of "-0 W" reads as charging in logs and JSON.
  return Math.round(Math.max(-maxChargeW, Math.min(batteryDischargeLimitW(input), wantW))) + 0;
}

/**
 * PV curtailment when export would exceed the cap after the battery and car
 * took what they can: the cap is then the site's demand plus the allowed
 * export. Released once PV no longer reaches it (the cap is not binding).
 */
function exportCap(input: ControlInput, demandW: number, pvW: number, limiting: string[]): number | null {
  const capW = input.limits.exportLimitW;
  if (capW === null) return null;
  const exportW = pvW - demandW;
  const limitW = Math.max(0, Math.round(capW + demandW));
  const binding = input.pvLimitW === null ? exportW > capW : !(pvW < input.pvLimitW - 300 && exportW <= capW);
  if (!binding) return null;
  limiting.push(`export cap ${kW(capW)}: PV limited to ${kW(limitW)}`);
  return limitW;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}
