/**
 * Every price slot the tariff has shown, kept for a week: the schedule only
 * runs from now on, while estimating prices beyond it needs yesterday's.
 * Estimates (forecast or fallback slots from the tariff itself) count as
 * estimates in the plan too.
 */
import type { PriceSlot, TariffSchedule } from '../../common/tariff.js';

const keepMs = 8 * 86_400_000;

export class PriceBook {
  private readonly slots = new Map<number, PriceSlot>();

  add(schedule: TariffSchedule | null, nowMs: number): void {
    if (schedule !== null) for (const s of schedule.slots) this.slots.set(s.startMs, s);
    for (const key of this.slots.keys()) if (key < nowMs - keepMs) this.slots.delete(key);
  }

  /** A known price (not an estimate) for the slot starting at `startMs`, or null. */
  known(startMs: number): { importPerKWh: number; exportPerKWh: number } | null {
    const s = this.slots.get(startMs);
    return s === undefined || s.source === 'forecast' || s.source === 'fallback' ? null : s;
  }

  /** Any price the tariff gave for the slot, estimates included. */
  any(startMs: number): PriceSlot | null {
    return this.slots.get(startMs) ?? null;
  }
}
