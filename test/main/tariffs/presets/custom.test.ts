import { describe, expect, it } from 'vitest';
import { custom, customParams } from '../../../../main/tariffs/presets/custom.js';
import { billInput, hour, monthIntervals } from '../month.js';

const tz = 'Europe/Amsterdam';

describe('custom time-of-use tariff', () => {
  it('bills a month with a weekday evening peak window (hand-computed)', () => {
    const preset = custom(
      customParams.parse({ importPerKWh: 0.25, exportPerKWh: 0.05, fixedPerMonth: 5, timeOfUse: [{ window: '17:00-21:00', weekdays: [1, 2, 3, 4, 5], importPerKWh: 0.4 }] }),
      tz,
    );
    // June 2026: 22 weekdays. 1 kW all month = 720 kWh, of which 22 × 4 = 88 kWh at 0.40, 632 at 0.25.
    const m = monthIntervals('2026-06-15T12:00:00Z', tz, (l) => ({ importWh: 250, exportWh: hour(l) === 13 ? 100 : 0 }));
    const bill = preset.bill(billInput(m));
    // 88 × 0.40 + 632 × 0.25 = 35.2 + 158 = 193.2; export 30 × 0.4 kWh × 0.05 = 0.60; fixed 5.
    expect(bill.lines.map((l) => l.amount)).toEqual([193.2, -0.6, 5]);
    expect(bill.total).toBe(197.6);
  });
});
