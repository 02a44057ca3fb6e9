import { describe, expect, it } from 'vitest';
import { seGoteborg, seGoteborgParams } from '../../../../main/tariffs/presets/se-goteborg.js';
import { peaksMonth } from './peaks-month.js';

const tz = 'Europe/Stockholm';
const preset = seGoteborg(seGoteborgParams.parse({}), tz);

describe('SE Göteborg Energi preset', () => {
  it('bills February 2026 with the power fee on the mean of three daily peaks', () => {
    const bill = preset.bill(peaksMonth(tz, 0.5));
    // spot 693 × 0.50 = 346.50; transfer 693 × 0.204 = 141.372; energy tax 693 × 0.439 = 304.227;
    // power fee 6 kW × 29 = 174; fixed 118; VAT 25 % × 1084.099 = 271.02475.
    expect(bill.lines.map((l) => l.amount)).toEqual([346.5, 141.37, 304.23, 174, 118, 271.02, 0]);
    expect(bill.total).toBe(1355.12);
    expect(bill.currency).toBe('SEK');
  });

  it('gives the optimiser the power fee incl. VAT', () => {
    expect(preset.demandCharges).toEqual([{ kind: 'top3-daily-peaks', perKWPerMonth: 36.25 }]);
  });
});
