/**
 * FR Tempo, January 2026, hand-computed. 250 Wh every quarter (1 kW),
 * 744 kWh. Red on 5-7 January, white on 8-10, blue otherwise (31 December
 * 2025 too: its Tempo day covers 1 January until 06:00).
 */
import { describe, expect, it } from 'vitest';
import type { TempoColour } from '../../../../main/common/tariff-inputs.js';
import { localParts } from '../../../../main/tariffs/local-calendar.js';
import { fr, frParams } from '../../../../main/tariffs/presets/fr.js';
import { billInput, monthIntervals } from '../month.js';

const tz = 'Europe/Paris';
const colours: Record<string, TempoColour> = { '2026-01-05': 'red', '2026-01-06': 'red', '2026-01-07': 'red', '2026-01-08': 'white', '2026-01-09': 'white', '2026-01-10': 'white' };

describe('FR presets', () => {
  it('bills Tempo for January 2026 by colour, HP 06-22 and HC 22-06', () => {
    const preset = fr(frParams.parse({ option: 'tempo', subscriptionPerMonth: 20 }), tz);
    const m = monthIntervals('2026-01-15T12:00:00Z', tz, () => ({ importWh: 250 }));
    const bill = preset.bill(billInput(m, { tempoColour: (d) => colours[d] ?? 'blue' }));
    // red: 48 kWh HP × 0.6468 + 24 kWh HC × 0.146 = 34.5504
    // white: 48 × 0.173 + 24 × 0.1391 = 11.6424
    // blue: HP (24 × 16 + 16) 400 × 0.1494 + HC (6 + 24 × 8 + 2) 200 × 0.1232 = 84.40
    expect(bill.lines.map((l) => [l.label, l.amount, l.quantity])).toEqual([
      ['Tempo blue', 84.4, 600],
      ['Tempo white', 11.64, 72],
      ['Tempo red', 34.55, 72],
      ['Subscription', 20, undefined],
      ['Surplus sold', 0, 0],
    ]);
    expect(bill.total).toBe(150.59);
  });

  it('refuses a Tempo bill while a day colour is unknown', () => {
    const preset = fr(frParams.parse({ option: 'tempo' }), tz);
    const m = monthIntervals('2026-01-15T12:00:00Z', tz, () => ({ importWh: 250 }));
    expect(() => preset.bill(billInput(m))).toThrow(/Tempo colour unknown/);
  });

  it('prices HP/HC windows of the contract and Base flat', () => {
    const hphc = fr(frParams.parse({ option: 'hphc', offPeakWindows: ['01:30-07:30', '12:30-14:30'] }), tz);
    const base = fr(frParams.parse({}), tz);
    const at = (p: typeof hphc, iso: string): number | undefined => {
      const t = Date.parse(iso);
      return p.slotPrice({ startMs: t, endMs: t + 900_000, local: localParts(t, tz), energyPerKWh: null, tempo: null, importedWhThisMonth: 0 })?.importPerKWh;
    };
    expect(at(hphc, '2026-01-05T02:00:00+01:00')).toBe(0.1635);
    expect(at(hphc, '2026-01-05T13:00:00+01:00')).toBe(0.1635);
    expect(at(hphc, '2026-01-05T08:00:00+01:00')).toBe(0.2081);
    expect(at(base, '2026-01-05T08:00:00+01:00')).toBe(0.1952);
  });
});
