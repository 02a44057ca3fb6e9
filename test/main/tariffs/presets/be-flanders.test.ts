/**
 * BE Flanders, April 2026, hand-computed.
 * Every quarter imports 125 Wh (0.5 kW) except 12:00-13:00, which exports
 * 250 Wh per quarter; on 10 April 19:00-19:15 the import is 1500 Wh (6 kW).
 * Import: 30 × 92 × 0.125 + (1.5 - 0.125) = 346.375 kWh; export 30 × 1 = 30 kWh.
 */
import { describe, expect, it } from 'vitest';
import { beFlanders, beFlandersParams } from '../../../../main/tariffs/presets/be-flanders.js';
import { localParts } from '../../../../main/tariffs/local-calendar.js';
import { billInput, hour, monthIntervals } from '../month.js';

const tz = 'Europe/Brussels';
const preset = beFlanders(beFlandersParams.parse({ gridPerKWh: 0.065 }), tz);

describe('BE Flanders preset', () => {
  it('bills April 2026 with the capacity tariff on the mean of 12 monthly peaks', () => {
    const m = monthIntervals('2026-04-15T12:00:00Z', tz, (l) => {
      if (hour(l) === 12) return { importWh: 0, exportWh: 250 };
      if (l.day === 10 && l.minuteOfDay === 19 * 60) return { importWh: 1500 };
      return { importWh: 125 };
    });
    // Previous 11 months; 2.0 kW months count as the 2.5 kW floor.
    const previous = [2000, 3000, 3000, 4000, 4000, 4000, 5000, 5000, 3000, 2000, 2500];
    const bill = preset.bill(billInput(m, { previousMonthPeaksW: previous }));
    // energy 346.375 × 0.11 = 38.10125; network 346.375 × 0.065 = 22.514375;
    // mean peak (38 500 + 6 000) / 12 = 3.708333 kW; capacity 40.4 / 12 × 3.708333 = 12.484722;
    // VAT 6 % × 73.100347 = 4.386021; injection -30 × 0.03 = -0.90.
    expect(bill.lines.map((l) => l.amount)).toEqual([38.1, 22.51, 12.48, 0, 4.39, -0.9]);
    expect(bill.lines[3]?.quantity).toBe(6);
    expect(bill.total).toBe(76.58);
  });

  it('tells the optimiser what one more kW of monthly peak costs', () => {
    expect(preset.demandCharges).toEqual([{ kind: 'monthly-peak', intervalMin: 15, perKWPerMonth: (40.4 / 12) * 1.06, floorW: 2500, meanOfLastMonths: 12 }]);
    const p = preset.slotPrice({ startMs: 0, endMs: 900_000, local: localParts(0, tz), energyPerKWh: null, tempo: null, importedWhThisMonth: 0 });
    expect(p?.importPerKWh).toBeCloseTo((0.11 + 0.065) * 1.06, 6);
    expect(p?.exportPerKWh).toBe(0.03);
  });
});
