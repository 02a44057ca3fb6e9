/**
 * HU gross settlement, April 2026, hand-computed. 125 Wh every quarter
 * except 10:00-14:00, which exports 500 Wh: import 10 kWh a day, 300 kWh;
 * export 8 kWh a day, 240 kWh. With an average consumption of 2520 kWh a
 * year the monthly tier limit is 210 kWh.
 */
import { describe, expect, it } from 'vitest';
import { localParts } from '../../../../main/tariffs/local-calendar.js';
import { huGross, huGrossParams } from '../../../../main/tariffs/presets/hu-gross.js';
import { billInput, hour, monthIntervals } from '../month.js';

const tz = 'Europe/Budapest';
const month = monthIntervals('2026-04-15T12:00:00Z', tz, (l) => (hour(l) >= 10 && hour(l) < 14 ? { importWh: 0, exportWh: 500 } : { importWh: 125 }));

describe('HU gross settlement preset', () => {
  it('bills the two import tiers and the low export price', () => {
    const bill = huGross(huGrossParams.parse({ averageAnnualKWh: 2520 }), tz).bill(billInput(month));
    // 210 × 36 = 7560; 90 × 70 = 6300; export -240 × 5 = -1200.
    expect(bill.lines.map((l) => l.amount)).toEqual([7560, 6300, -1200]);
    expect(bill.total).toBe(12660);
    expect(bill.currency).toBe('HUF');
  });

  it('pays nothing for export in a no-export area, and holds a 0 W export cap', () => {
    const preset = huGross(huGrossParams.parse({ averageAnnualKWh: 2520, noExport: true }), tz);
    expect(preset.bill(billInput(month)).total).toBe(13860);
    expect(preset.exportLimitW).toBe(0);
  });

  it('prices the marginal kWh at the tier the month has reached', () => {
    const preset = huGross(huGrossParams.parse({}), tz);
    const at = (importedWh: number): number | undefined => preset.slotPrice({ startMs: 0, endMs: 900_000, local: localParts(0, tz), energyPerKWh: null, tempo: null, importedWhThisMonth: importedWh })?.importPerKWh;
    expect(at(100_000)).toBe(36);
    expect(at(211_000)).toBe(70);
  });
});
