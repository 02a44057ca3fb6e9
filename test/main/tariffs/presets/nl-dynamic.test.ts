/**
 * NL dynamic, January 2026 and January 2027, hand-computed.
 * Every quarter imports 250 Wh (1 kW) except 12:00-14:00, which exports
 * 500 Wh per quarter; day-ahead 0.10 EUR/kWh, 18:00-20:00 0.30.
 * Per day: import 88 × 0.25 = 22 kWh (2 kWh at 0.30, 20 at 0.10); export 8 × 0.5 = 4 kWh at 0.10.
 * January (31 days): import 682 kWh (62 at 0.30, 620 at 0.10), export 124 kWh.
 */
import { describe, expect, it } from 'vitest';
import { localParts } from '../../../../main/tariffs/local-calendar.js';
import { nlDynamic, nlDynamicParams } from '../../../../main/tariffs/presets/nl-dynamic.js';
import { billInput, hour, monthIntervals } from '../month.js';

const tz = 'Europe/Amsterdam';
const preset = nlDynamic(nlDynamicParams.parse({ markupPerKWh: 0.02, fixedPerMonth: 10 }), tz);
const month = (iso: string): ReturnType<typeof monthIntervals> =>
  monthIntervals(iso, tz, (l) => (hour(l) >= 12 && hour(l) < 14 ? { importWh: 0, exportWh: 500 } : { importWh: 250 }));
const dayAhead = (t: number): number => {
  const h = hour(localParts(t, tz));
  return h >= 18 && h < 20 ? 0.3 : 0.1;
};

describe('NL dynamic preset', () => {
  it('bills January 2026 under net metering as computed by hand', () => {
    const bill = preset.bill(billInput(month('2026-01-15T12:00:00Z'), { energyPerKWh: dayAhead }));
    // supply 620 × 0.12 + 62 × 0.32 = 94.24; feed-in 124 × 0.10 = 12.40;
    // energy tax (682 - 124) × 0.0916 = 51.1128; credit -519.80 × 31/365 = -44.1474;
    // VAT 21 % × (94.24 - 12.40 + 51.1128 - 44.1474) = 18.6491; standing charges 10.
    expect(bill.lines.map((l) => l.amount)).toEqual([94.24, -12.4, 51.11, -44.15, 18.65, 10]);
    expect(bill.total).toBe(117.45);
  });

  it('bills January 2027, after net metering, with the feed-in floor', () => {
    const bill = preset.bill(billInput(month('2027-01-15T12:00:00Z'), { energyPerKWh: dayAhead }));
    // supply 94.24; energy tax on all 682 kWh = 62.4712; credit -44.1474;
    // VAT 21 % × (94.24 + 62.4712 - 44.1474) = 23.6384; feed-in max(0.10, 50 % × 0.12) × 124 = 12.40; fixed 10.
    expect(bill.lines.map((l) => l.amount)).toEqual([94.24, 62.47, -44.15, 23.64, -12.4, 10]);
    expect(bill.total).toBe(133.8);
  });

  it('prices a slot all-in, and an export at the import price while net metering lasts', () => {
    const slot = (iso: string, e: number): ReturnType<typeof preset.slotPrice> =>
      preset.slotPrice({ startMs: Date.parse(iso), endMs: Date.parse(iso) + 900_000, local: localParts(Date.parse(iso), tz), energyPerKWh: e, tempo: null, importedWhThisMonth: 0 });
    // (0.10 + 0.02 + 0.0916) × 1.21
    expect(slot('2026-06-01T10:00:00Z', 0.1)?.importPerKWh).toBeCloseTo(0.256036, 6);
    expect(slot('2026-06-01T10:00:00Z', 0.1)?.exportPerKWh).toBeCloseTo((0.1 + 0.0916) * 1.21, 6);
    // From 2027: max(day-ahead, 50 % of the bare supply price), so a negative hour still pays half the (negative) supply price.
    expect(slot('2027-06-01T10:00:00Z', 0.1)?.exportPerKWh).toBeCloseTo(0.1, 6);
    expect(slot('2027-06-01T10:00:00Z', -0.05)?.exportPerKWh).toBeCloseTo(-0.015, 6);
    expect(slot('2027-06-01T10:00:00Z', 0.1)).not.toBeNull();
    expect(preset.slotPrice({ startMs: 0, endMs: 900_000, local: localParts(0, tz), energyPerKWh: null, tempo: null, importedWhThisMonth: 0 })).toBeNull();
  });

  it('refuses to bill a month whose day-ahead prices are missing', () => {
    expect(() => preset.bill(billInput(month('2026-01-15T12:00:00Z')))).toThrow(/no price/);
  });
});
