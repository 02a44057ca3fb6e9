/**
 * Day-ahead energy prices by 15-minute slot, from parsed documents (ENTSO-E,
 * Nord Pool, CSV) or utility curves on an energy basis. Hourly prices cover
 * their four quarters; a later document for the same slot replaces the
 * earlier one (a corrected publication).
 */
import { slotMs } from './slots.js';

/** One price interval from a source document: site currency per kWh, excluding VAT and taxes. */
export interface PricePoint {
  readonly startMs: number;
  readonly endMs: number;
  readonly perKWh: number;
}

export interface SlotEnergyPrice {
  readonly perKWh: number;
  readonly source: 'dayahead' | 'utility';
}

/** Keep about 40 days (this month's bill needs its prices) and never more. */
const maxSlots = 40 * 96;

export class DayAheadSeries {
  private readonly bySlot = new Map<number, SlotEnergyPrice>();

  /** Adds points; returns how many slots they set. Points must be slot-aligned (parsers check). */
  add(points: readonly PricePoint[], source: SlotEnergyPrice['source'] = 'dayahead'): number {
    let n = 0;
    for (const p of points) {
      for (let t = p.startMs; t < p.endMs; t += slotMs) {
        this.bySlot.set(t, { perKWh: p.perKWh, source });
        n++;
      }
    }
    this.trim();
    return n;
  }

  at(slotStartMs: number): SlotEnergyPrice | null {
    return this.bySlot.get(slotStartMs) ?? null;
  }

  /** End of the last known slot, or null when empty. */
  lastKnownEndMs(): number | null {
    let last: number | null = null;
    for (const t of this.bySlot.keys()) if (last === null || t > last) last = t;
    return last === null ? null : last + slotMs;
  }

  size(): number {
    return this.bySlot.size;
  }

  private trim(): void {
    if (this.bySlot.size <= maxSlots) return;
    const keys = [...this.bySlot.keys()].sort((a, b) => a - b);
    for (const k of keys.slice(0, keys.length - maxSlots)) this.bySlot.delete(k);
  }
}
