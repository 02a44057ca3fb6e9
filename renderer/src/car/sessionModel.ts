/**
 * The car's part of the optimiser's plan until the departure: how much it
 * will charge (and give back with V2H/V2G), when, at what expected cost, and
 * the state of charge it will have. Pure, unit-tested.
 */
import type { Plan, PlanSlot } from '../../../main/common/plan.js';

export interface SessionPlan {
  /** Plan slots from now to the departure (or 24 h), while the car is plugged in. */
  readonly slots: readonly PlanSlot[];
  readonly chargeWh: number;
  readonly dischargeWh: number;
  /** Import price paid for the planned charging energy (site currency). */
  readonly chargeCost: number;
  /** First and last slot with planned charging, null when none. */
  readonly chargeFromMs: number | null;
  readonly chargeToMs: number | null;
  /** Planned state of charge at the departure (end of the last slot before it). */
  readonly endSocPct: number | null;
}

const hourMs = 3_600_000;
const horizonMs = 24 * hourMs;
/** Below this a planned car power is noise, not a session. */
const minActiveW = 50;

export function sessionPlan(plan: Plan | null, nowMs: number, departureMs: number | null): SessionPlan | null {
  if (plan === null) return null;
  const until = departureMs ?? nowMs + horizonMs;
  const slots = plan.slots.filter((s) => s.endMs > nowMs && s.startMs < until && s.carPluggedIn);
  if (slots.length === 0) return null;
  let chargeWh = 0;
  let dischargeWh = 0;
  let chargeCost = 0;
  let chargeFromMs: number | null = null;
  let chargeToMs: number | null = null;
  for (const s of slots) {
    // The slot now has partly passed: count only what is left of it.
    const h = (s.endMs - Math.max(s.startMs, nowMs)) / hourMs;
    if (s.carW > minActiveW) {
      const wh = s.carW * h;
      chargeWh += wh;
      chargeCost += (wh / 1000) * s.importPerKWh;
      chargeFromMs ??= s.startMs;
      chargeToMs = s.endMs;
    } else if (s.carW < -minActiveW) {
      dischargeWh += -s.carW * h;
    }
  }
  const last = [...slots].reverse().find((s) => s.carSocPct !== null);
  return { slots, chargeWh, dischargeWh, chargeCost, chargeFromMs, chargeToMs, endSocPct: last?.carSocPct ?? null };
}

/** "HH:MM" +/- minutes, wrapping around midnight. */
export function shiftTime(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number);
  const total = ((((h ?? 0) * 60 + (m ?? 0) + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
