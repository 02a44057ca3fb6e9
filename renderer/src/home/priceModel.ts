/**
 * "Is electricity cheap now?" from the tariff schedule: the current slot's
 * import price ranked among the next 24 hours'. Pure, unit-tested.
 */
import type { PriceSlot, TariffSchedule } from '../../../main/common/tariff.js';

/** flat: a fixed price, nothing to gain by waiting. */
export type PriceLevel = 'cheap' | 'normal' | 'expensive' | 'flat';

export interface PriceNow {
  readonly slot: PriceSlot;
  readonly level: PriceLevel;
  readonly cheapest: PriceSlot;
  readonly dearest: PriceSlot;
  /** The slots from now to 24 h ahead (as far as prices are known). */
  readonly window: readonly PriceSlot[];
  /** Each window slot's level, same order. */
  readonly levels: readonly PriceLevel[];
}

const windowMs = 24 * 3_600_000;
/** Below this spread (site currency/kWh) prices count as flat. */
const flatSpread = 0.005;

export function priceLevels(values: readonly number[]): (v: number) => PriceLevel {
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0] ?? 0;
  const max = sorted.at(-1) ?? 0;
  if (max - min < flatSpread * Math.max(1, Math.abs(max))) return () => 'flat';
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? min;
  const low = at(1 / 3);
  const high = at(2 / 3);
  return (v) => (v <= low ? 'cheap' : v >= high && v > low ? 'expensive' : 'normal');
}

export function priceNow(schedule: TariffSchedule | null, nowMs: number): PriceNow | null {
  if (schedule === null) return null;
  const window = schedule.slots.filter((s) => s.endMs > nowMs && s.startMs < nowMs + windowMs);
  const slot = window.find((s) => s.startMs <= nowMs);
  if (slot === undefined) return null;
  const level = priceLevels(window.map((s) => s.importPerKWh));
  let cheapest = slot;
  let dearest = slot;
  for (const s of window) {
    if (s.importPerKWh < cheapest.importPerKWh) cheapest = s;
    if (s.importPerKWh > dearest.importPerKWh) dearest = s;
  }
  return { slot, level: level(slot.importPerKWh), cheapest, dearest, window, levels: window.map((s) => level(s.importPerKWh)) };
}
