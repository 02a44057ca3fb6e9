/**
 * The per-tick decision: from one set of measurements to car, battery and PV
 * setpoints. Pure and synchronous so it can be tested without devices.
 *
 * Order of concerns, each able to override the one before:
 *   1. the car's mode or the plan (car-target.ts),
 *   2. the car's safety rules: minimum SoC, V2H/V2G permissions (car-safety.ts),
 *   3. the battery balances the grid towards zero, or follows the plan's slot,
 *   4. the main fuse and import caps (fuse-guard.ts),
 *   5. §14a dimming of controllable devices (controllable-limit.ts),
 *   6. the export cap: car discharge first, then PV curtailment,
 *   7. the failsafe on stale data: car stopped, battery back to autonomous.
 * See main/control/README.md for the reasoning.
 */
import type { CarSettings } from '../common/car.js';
import type { ActiveLimits } from '../common/limits.js';
import type { PlanSlot } from '../common/plan.js';
import { applyCarSafety } from './car-safety.js';
import { carDeadbandW, carTarget } from './car-target.js';
import { guardControllable } from './controllable-limit.js';
import { planGridTargetW } from './plan-grid-target.js';
import { fuseHeadroomW, guardFuse } from './fuse-guard.js';
import type { SiteLimits } from './site-limits.js';

export interface ControlInput {
  readonly nowMs: number;
  readonly limits: SiteLimits;
  /** Limits from utilities and grid operators in force now. */
  readonly gridLimits: ActiveLimits;
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
  readonly car: CarSettings;
  readonly carCapacityWh: number;
  readonly carMaxChargeW: number;
  /** 0 when the charger cannot discharge. */
  readonly carMaxDischargeW: number;
  readonly carMinChargeW: number;
  /** Next departure (epoch ms) from the user's "ready by", null for none. */
  readonly carDepartureMs: number | null;
  /** The car setpoint the controller last wrote (W). */
  readonly carSetpointW: number;
  /** True while a slow charger is still executing the last change, and a few seconds after (readings settle). */
  readonly carChangeInFlight: boolean;
  /** The optimiser's slot for now (smart mode), null without a plan. */
  readonly planSlot: PlanSlot | null;
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
  /**
   * True when the car target comes from the mode's own rules alone (no safety
   * rule, limit or mode change forced it): a stop or reversal of that kind may
   * wait a few seconds to be sure it is not a reading glitch (see control-loop.ts).
   */
  readonly carSoft: boolean;
}

/**
 * Share of the remaining battery error corrected per tick. With the meter
 * reading up to two ticks behind the setpoint, an integral loop is stable for
 * gains below about 0.6; 0.5 settles a 2 kW step within ~100 W in 5 ticks.
 */
export const batteryGain = 0.5;
/** Battery corrections smaller than this are not made (W): meter resolution and noise. */
const batteryDeadbandW = 25;

const kW = (w: number): string => `${(w / 1000).toFixed(1)} kW`;

export function decide(input: ControlInput): ControlOutput {
  if (input.staleReasons.length > 0) {
    return {
      batteryW: null,
      carW: 0,
      // Blind, an export cap is best held where it was; the inverter reverts by itself if the hub dies.
      pvLimitW: exportLimitW(input) === null ? null : input.pvLimitW,
      failsafe: true,
      failsafeReasons: input.staleReasons,
      limiting: [],
      headroomW: null,
      carSoft: false,
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
  const limiting: string[] = [];

  // 1-2. The car.
  const wanted = carTarget({
    nowMs: input.nowMs,
    settings: input.car,
    connected: input.carConnected,
    socPct: input.carSocPct,
    capacityWh: input.carCapacityWh,
    maxChargeW: input.carMaxChargeW,
    minChargeW: input.carMinChargeW,
    setpointW: input.carSetpointW,
    departureMs: input.carDepartureMs,
    planSlot: input.planSlot,
    homeW,
    pvW,
    batteryAvailableW: batteryDischargeLimitW(input),
  });
  const homeDeficitW = Math.max(0, homeW - pvW);
  const safe = applyCarSafety({
    targetW: wanted.powerW,
    settings: input.car,
    socPct: input.carSocPct,
    maxChargeW: input.carMaxChargeW,
    maxDischargeW: input.carMaxDischargeW,
    minChargeW: input.carMinChargeW,
    homeDeficitW,
  });
  if (safe.note !== null && wanted.powerW !== 0) limiting.push(safe.note);
  let carTargetW = safe.powerW;
  const sameDirection = Math.sign(carTargetW) === Math.sign(input.carSetpointW) && carTargetW !== 0;
  if (sameDirection && (input.carChangeInFlight || Math.abs(carTargetW - input.carSetpointW) < carDeadbandW)) {
    // A slow charger still following the last change, or a change too small to
    // matter, keeps its setpoint (it would only churn); stops and direction
    // changes go through at once, and measured violations are cut below.
    carTargetW = input.carSetpointW;
  }
  if (carTargetW < 0 && !input.car.v2g && gridW < -50) {
    // V2H must never export: a measured export is taken off the car at once.
    // From the car's measured power, not its setpoint: a slow charger still
    // following an earlier change would otherwise be cut again on every tick.
    const capW = Math.min(0, carW - gridW) + 0;
    if (carTargetW < capW) {
      carTargetW = capW;
      limiting.push('V2H only: car discharge reduced, the house was exporting');
    }
  }

  // 3. The battery balances the grid towards zero, or follows the plan in smart mode (plan-grid-target.ts).
  const residualW = homeW + carW - pvW;
  const plan = input.car.mode === 'smart' ? input.planSlot : null;
  const gridTargetW = plan === null ? 0 : planGridTargetW(plan.gridW, plan.batteryW, residualW);
  const surplusW = gridTargetW - residualW;
  let wantBatteryW = -surplusW;
  // In fast mode the battery covers the house but is not drained into the car.
  if (input.car.mode === 'fast' && surplusW < 0) wantBatteryW = Math.max(0, homeW - pvW);
  // The home battery is not charged from the car (V2H is for the house, not a transfer).
  if (carW < 0) wantBatteryW = Math.max(wantBatteryW, -Math.max(0, pvW - homeW));
  const stepW = wantBatteryW - batteryNowW;
  const batteryTargetW = clampBattery(Math.abs(stepW) < batteryDeadbandW ? batteryNowW : batteryNowW + batteryGain * stepW, input);

  // 4. Fuse and import caps.
  const phasePowerW = input.phasePowerW ?? new Array<number>(input.limits.phases).fill(gridW / input.limits.phases);
  const measured = {
    limits: input.limits,
    phasePowerW,
    phaseVoltageV: input.phaseVoltageV ?? phasePowerW.map(() => null),
    carW,
    batteryW,
    importLimitW: input.gridLimits.importLimitW,
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
  limiting.push(...fuse.notes);

  // 5. §14a.
  const dimmed = guardControllable({
    limitW: input.gridLimits.controllableLimitW,
    carTargetW: fuse.carTargetW,
    batteryTargetW: fuse.batteryTargetW,
    pvSurplusW: Math.max(0, pvW - homeW),
    carMinChargeW: input.carMinChargeW,
  });
  if (dimmed.note !== null) limiting.push(dimmed.note);
  carTargetW = dimmed.carTargetW;
  const finalBatteryW = dimmed.batteryTargetW;

  // 6. Export cap: V2G discharge first, then PV. It counts what the battery
  // will absorb once settled, not this tick's half-way step.
  const settledBatteryW = finalBatteryW > batteryTargetW ? finalBatteryW : clampBattery(wantBatteryW, input);
  const capW = exportLimitW(input);
  if (capW !== null && carTargetW < 0) {
    const exportW = pvW - (homeW + carTargetW - settledBatteryW);
    if (exportW > capW) {
      carTargetW = Math.min(0, carTargetW + (exportW - capW));
      limiting.push(`export cap ${kW(capW)}: car discharge limited to ${kW(-carTargetW)}`);
    }
  }
  const pvLimitW = exportCap(capW, input.pvLimitW, homeW + carTargetW - settledBatteryW, pvW, limiting);

  const carSoft = input.carConnected && input.car.mode !== 'off' && limiting.length === 0;
  const reasons = [input.carConnected ? carReason(wanted.reason, carTargetW, wanted.powerW) : null, batteryReason(finalBatteryW)];
  return {
    batteryW: finalBatteryW,
    carW: carTargetW,
    pvLimitW,
    failsafe: false,
    failsafeReasons: [],
    limiting,
    headroomW,
    carSoft,
    decision: capitalise(reasons.filter((r): r is string => r !== null).join(', ')),
  };
}

function carReason(wantedReason: string, finalW: number, wantedW: number): string {
  if (finalW === wantedW) return wantedReason;
  if (finalW > 0) return `car charging at ${kW(finalW)} (limited)`;
  if (finalW < 0) return `car discharging at ${kW(-finalW)} (limited)`;
  return `${wantedReason} (held at 0 by a limit)`;
}

function batteryReason(w: number): string {
  if (w < -50) return `battery charging at ${kW(-w)}`;
  if (w > 50) return `battery covering the home at ${kW(w)}`;
  return 'battery idle';
}

function exportLimitW(input: ControlInput): number | null {
  const caps = [input.limits.exportLimitW, input.gridLimits.exportLimitW].filter((c): c is number => c !== null);
  return caps.length === 0 ? null : Math.min(...caps);
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
function exportCap(capW: number | null, currentLimitW: number | null, demandW: number, pvW: number, limiting: string[]): number | null {
  if (capW === null) return null;
  const exportW = pvW - demandW;
  const limitW = Math.max(0, Math.round(capW + demandW));
  const binding = currentLimitW === null ? exportW > capW : !(pvW < currentLimitW - 300 && exportW <= capW);
  if (!binding) return null;
  limiting.push(`export cap ${kW(capW)}: PV limited to ${kW(limitW)}`);
  return limitW;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}
