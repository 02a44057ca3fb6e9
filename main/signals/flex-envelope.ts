/**
 * The flexibility envelope: per slot, how far the site could move its grid
 * power away from the plan, up (import more: charge harder, stop
 * discharging) and down (import less / export more: discharge, stop
 * charging), within the battery's and charger's power, the car's
 * permissions, the fuse and the grid limits. Aggregators bid it; it promises
 * power, not energy (a long request may still hit a state-of-charge limit).
 */
import type { FlexEnvelope, FlexEnvelopeSlot } from '../common/flex.js';
import type { ActiveLimits } from '../common/limits.js';
import type { Plan } from '../common/plan.js';
import type { SiteSnapshot } from '../common/snapshot.js';

export interface FlexCapabilities {
  readonly batteryMaxChargeW: number;
  readonly batteryMaxDischargeW: number;
  readonly batteryReserveSocPct: number;
  readonly carMaxChargeW: number;
  readonly carMaxDischargeW: number;
  readonly fuseLimitW: number;
}

interface SlotState {
  readonly startMs: number;
  readonly endMs: number;
  readonly gridW: number;
  readonly batteryW: number;
  readonly batterySocPct: number | null;
  readonly carW: number;
  readonly carPluggedIn: boolean;
  readonly carSocPct: number | null;
}

const slotMs = 15 * 60_000;

function envelopeSlot(s: SlotState, cap: FlexCapabilities, snap: SiteSnapshot, limits: ActiveLimits): FlexEnvelopeSlot {
  const batteryFull = s.batterySocPct !== null && s.batterySocPct >= 99;
  const batteryEmpty = s.batterySocPct === null || s.batterySocPct <= cap.batteryReserveSocPct;
  const batteryUpW = batteryFull ? Math.max(0, s.batteryW) : s.batteryW + cap.batteryMaxChargeW;
  const batteryDownW = batteryEmpty ? Math.max(0, -s.batteryW) : cap.batteryMaxDischargeW - s.batteryW;
  const carUpW = s.carPluggedIn && snap.car.mode !== 'off' ? Math.max(0, cap.carMaxChargeW - s.carW) : 0;
  // Discharging the car only with V2G permission and above the user's minimum.
  const carMayDischarge = s.carPluggedIn && snap.car.v2g && s.carSocPct !== null && s.carSocPct > snap.car.minSocPct;
  const carDownW = Math.max(0, s.carW) + (carMayDischarge ? cap.carMaxDischargeW + Math.min(0, s.carW) : 0);

  const importCapW = Math.min(cap.fuseLimitW, limits.importLimitW ?? Number.POSITIVE_INFINITY);
  let upW = Math.max(0, Math.min(Math.max(0, batteryUpW) + carUpW, importCapW - s.gridW));
  if (limits.controllableLimitW !== null) {
    // §14a: car and battery charging together may not draw more than the limit from the grid.
    const chargingNowW = Math.max(0, s.carW) + Math.max(0, -s.batteryW);
    upW = Math.min(upW, Math.max(0, limits.controllableLimitW - chargingNowW));
  }
  const exportCapW = limits.exportLimitW ?? Number.POSITIVE_INFINITY;
  const downW = Math.max(0, Math.min(Math.max(0, batteryDownW) + carDownW, s.gridW + exportCapW));
  return { startMs: s.startMs, endMs: s.endMs, plannedGridW: s.gridW, upW: Math.round(upW), downW: Math.round(downW) };
}

/** From the plan's slots; without a plan, the next hour at the current state. */
export function flexEnvelope(plan: Plan | null, snap: SiteSnapshot, cap: FlexCapabilities, nowMs: number): FlexEnvelope {
  const limits = snap.limits;
  const slots: SlotState[] =
    plan !== null && plan.slots.some((s) => s.endMs > nowMs)
      ? plan.slots
          .filter((s) => s.endMs > nowMs)
          .map((s) => ({ startMs: s.startMs, endMs: s.endMs, gridW: s.gridW, batteryW: s.batteryW, batterySocPct: s.batterySocPct, carW: s.carW, carPluggedIn: s.carPluggedIn, carSocPct: s.carSocPct }))
      : [0, 1, 2, 3].map((i) => {
          const start = Math.floor(nowMs / slotMs) * slotMs + i * slotMs;
          return {
            startMs: start,
            endMs: start + slotMs,
            gridW: snap.grid.powerW ?? 0,
            batteryW: snap.battery.powerW ?? 0,
            batterySocPct: snap.battery.socPct,
            carW: snap.wallbox.powerW ?? 0,
            carPluggedIn: snap.car.pluggedIn,
            carSocPct: snap.car.socPct,
          };
        });
  return { createdMs: nowMs, slots: slots.map((s) => envelopeSlot(s, cap, snap, limits)) };
}
