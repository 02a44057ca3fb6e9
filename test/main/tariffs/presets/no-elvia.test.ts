import { describe, expect, it } from 'vitest';
import { localParts } from '../../../../main/tariffs/local-calendar.js';
import { noElvia, noElviaParams } from '../../../../main/tariffs/presets/no-elvia.js';
import { peaksMonth } from './peaks-month.js';

const tz = 'Europe/Oslo';
const preset = noElvia(noElviaParams.parse({}), tz);

describe('NO Elvia preset', () => {
  it('bills February 2026 with capacity step 3 from the mean of three daily peaks', () => {
    const bill = preset.bill(peaksMonth(tz, 0.8));
    // spot 693 × 0.80 × 1.25 = 693.00; day fee 341 × 0.4355 = 148.5055;
    // night/weekend fee 352 × 0.373 = 131.296; mean peak 6 kW -> step 5-10 kW = 270 NOK.
    expect(bill.lines.map((l) => l.amount)).toEqual([693, 148.51, 131.3, 270, 0]);
    expect(bill.lines[3]?.quantity).toBe(6);
    expect(bill.total).toBe(1242.81);
  });

  it('charges the night rate on weekends and from 22:00', () => {
    const price = (iso: string): number | undefined => {
      const t = Date.parse(iso);
      return preset.slotPrice({ startMs: t, endMs: t + 900_000, local: localParts(t, tz), energyPerKWh: 1, tempo: null, importedWhThisMonth: 0 })?.importPerKWh;
    };
    expect(price('2026-02-04T10:00:00+01:00')).toBeCloseTo(1.25 + 0.4355, 6); // Wednesday
    expect(price('2026-02-04T22:00:00+01:00')).toBeCloseTo(1.25 + 0.373, 6);
    expect(price('2026-02-07T10:00:00+01:00')).toBeCloseTo(1.25 + 0.373, 6); // Saturday
  });

  it('rejects a step table whose fees do not match its bounds', () => {
    expect(() => noElviaParams.parse({ stepUpperW: [2000], stepPerMonth: [1, 2, 3] })).toThrow(/one entry more/);
  });
});
