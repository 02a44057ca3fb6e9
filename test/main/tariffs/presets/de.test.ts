/**
 * DE, June 2026, hand-computed. Import 250 Wh per quarter except 11:00-15:00,
 * which exports 500 Wh per quarter: 20 kWh a day (6 kWh 00-06, 4 kWh 17-21,
 * 10 kWh otherwise), 600 kWh a month; export 8 kWh a day, 240 kWh a month.
 */
import { describe, expect, it } from 'vitest';
import { localParts } from '../../../../main/tariffs/local-calendar.js';
import { de, deParams } from '../../../../main/tariffs/presets/de.js';
import { billInput, hour, monthIntervals } from '../month.js';

const tz = 'Europe/Berlin';
const module3 = { htPerKWh: 0.14, stPerKWh: 0.09, ntPerKWh: 0.03, htWindows: ['17:00-21:00'], ntWindows: ['00:00-06:00'] };

describe('DE preset', () => {
  it('bills a fixed tariff with §14a modules 1 and 3 (time-variable grid fee)', () => {
    const preset = de(deParams.parse({ contract: 'fixed', workingPricePerKWh: 0.35, gridFeePerKWh: 0.09, basePerMonth: 10, module14a: 'module1+3', module3 }), tz);
    const m = monthIntervals('2026-06-15T12:00:00Z', tz, (l) => (hour(l) >= 11 && hour(l) < 15 ? { importWh: 0, exportWh: 500 } : { importWh: 250 }));
    const bill = preset.bill(billInput(m));
    // NT 0.35 + (0.03 - 0.09) × 1.19 = 0.2786; HT 0.35 + 0.05 × 1.19 = 0.4095; ST 0.35.
    // a day: 6 × 0.2786 + 4 × 0.4095 + 10 × 0.35 = 6.8096; June: 204.288.
    // module 1: -137.43 / 12 × 1.19 = -13.628475; base 10; EEG -240 × 0.0786 = -18.864.
    expect(bill.lines.map((l) => l.amount)).toEqual([204.29, 10, -13.63, -18.86]);
    expect(bill.total).toBe(181.8);
    expect(preset.timeOfUse).toBe(true);
  });

  it('bills a dynamic tariff with §14a module 2 on the separately metered car', () => {
    const preset = de(deParams.parse({ contract: 'dynamic', markupPerKWh: 0.02, taxesAndLeviesPerKWh: 0.045, gridFeePerKWh: 0.09, module14a: 'module2' }), tz);
    // 00:00-04:00 the car charges: 2750 Wh per quarter, 2500 of them through the controllable meter.
    const m = monthIntervals('2026-06-15T12:00:00Z', tz, (l) => {
      if (hour(l) >= 11 && hour(l) < 15) return { importWh: 0, exportWh: 500 };
      if (hour(l) < 4) return { importWh: 2750, controllableWh: 2500 };
      return { importWh: 250 };
    });
    const bill = preset.bill(billInput(m, { energyPerKWh: () => 0.08 }));
    // import 30 × (16 × 2.75 + 64 × 0.25) = 1800 kWh × (0.08 + 0.02 + 0.045 + 0.09) × 1.19 = 503.37;
    // module 2: -1200 kWh × 0.09 × 60 % × 1.19 = -77.112; EEG -18.864.
    expect(bill.lines.map((l) => l.amount)).toEqual([503.37, -77.11, -18.86]);
    expect(bill.total).toBe(407.4);
  });

  it('prices module 3 levels per slot and needs the levels when chosen', () => {
    const preset = de(deParams.parse({ module14a: 'module1+3', module3 }), tz);
    const at = (iso: string): number | undefined => {
      const t = Date.parse(iso);
      return preset.slotPrice({ startMs: t, endMs: t + 900_000, local: localParts(t, tz), energyPerKWh: null, tempo: null, importedWhThisMonth: 0 })?.importPerKWh;
    };
    expect(at('2026-06-01T03:00:00+02:00')).toBeCloseTo(0.2786, 6);
    expect(at('2026-06-01T18:00:00+02:00')).toBeCloseTo(0.4095, 6);
    expect(at('2026-06-01T12:00:00+02:00')).toBeCloseTo(0.35, 6);
    expect(() => deParams.parse({ module14a: 'module1+3' })).toThrow(/module3/);
  });
});
