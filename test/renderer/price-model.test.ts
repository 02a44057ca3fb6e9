import { describe, expect, it } from 'vitest';
import type { PriceSlot, TariffSchedule } from '../../main/common/tariff.js';
import { priceLevels, priceNow } from '../../renderer/src/home/priceModel.js';

const q = 15 * 60_000;
const t0 = Date.parse('2026-08-15T10:00:00Z');

function schedule(prices: readonly number[]): TariffSchedule {
  const slots: PriceSlot[] = prices.map((p, i) => ({ startMs: t0 + i * q, endMs: t0 + (i + 1) * q, importPerKWh: p, exportPerKWh: p / 2, source: 'dayahead' }));
  return { currency: 'EUR', slots, demandCharges: [], name: 'test' };
}

describe('price levels', () => {
  it('splits the window into cheap, normal and expensive thirds', () => {
    const level = priceLevels([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(level(0.1)).toBe('cheap');
    expect(level(0.35)).toBe('normal');
    expect(level(0.6)).toBe('expensive');
  });

  it('calls a fixed tariff flat, not cheap or expensive', () => {
    expect(priceLevels([0.25, 0.25, 0.25])(0.25)).toBe('flat');
  });
});

describe('price now', () => {
  it('finds the current slot and ranks it within the next 24 hours', () => {
    const now = priceNow(schedule([0.3, 0.1, 0.5, 0.2, 0.4]), t0 + q + 60_000);
    expect(now?.slot.importPerKWh).toBe(0.1);
    expect(now?.level).toBe('cheap');
    expect(now?.cheapest.importPerKWh).toBe(0.1);
    expect(now?.dearest.importPerKWh).toBe(0.5);
    // The window starts at the current slot.
    expect(now?.window).toHaveLength(4);
    expect(now?.levels).toHaveLength(4);
  });

  it('has nothing to say without a schedule or beyond it', () => {
    expect(priceNow(null, t0)).toBeNull();
    expect(priceNow(schedule([0.2]), t0 + 10 * q)).toBeNull();
  });
});
