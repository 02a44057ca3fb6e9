/**
 * The car's departure arithmetic, shared by the rules (car-target.ts) and
 * plan following (car-plan.ts): how much energy is missing, and from when on
 * only full power still reaches the target in time.
 */

/** Charging efficiency assumed by the plan's departure check: a little below a typical charger's, so it acts in time. */
const backstopEfficiency = 0.9;

/** Energy (Wh) still needed to reach the target, or null when the SoC is unknown. */
export function energyToTargetWh(socPct: number | null, targetSocPct: number, capacityWh: number): number | null {
  return socPct === null ? null : Math.max(0, ((targetSocPct - socPct) / 100) * capacityWh);
}

/** The latest moment (epoch ms) that charging `needWh` at `chargeW` still ends by the departure. */
export function latestFullPowerStartMs(departureMs: number, needWh: number, chargeW: number): number {
  return departureMs - (needWh / chargeW) * 3_600_000;
}

/**
 * True once charging `needWh` more at full power (`maxChargeW`, at the
 * assumed efficiency) only just ends by the departure: from now on, anything
 * less misses it.
 */
export function departureNeedsFullPower(nowMs: number, departureMs: number | null, needWh: number, maxChargeW: number): boolean {
  if (departureMs === null || !(needWh > 0) || !(maxChargeW > 0)) return false;
  return nowMs >= latestFullPowerStartMs(departureMs, needWh, maxChargeW * backstopEfficiency);
}
