/** Belgian capacity tariff values and power quality counters, from the real captures. */
import { describe, expect, it } from 'vitest';
import { parseTelegram } from '../../../drivers/p1/parser.js';
import { P1Decoder } from '../../../drivers/p1/p1-decoder.js';
import { fixture, withValidCrc } from './fixtures.js';

describe('P1 extras', () => {
  it('reads the Fluvius e-MUCS demand values: average, month peak and 13-month history', () => {
    const r = parseTelegram(fixture('be-fluvius-v171'));
    if (!r.ok) throw new Error(r.error);
    expect(r.reading.demand).toEqual({
      currentAverageW: 2351,
      monthPeakW: 2589,
      // 2020-05-09 13:45:58 CEST
      monthPeakTs: Date.UTC(2020, 4, 9, 11, 45, 58),
      history: [
        { monthStartMs: Date.UTC(2020, 3, 30, 22), peakTs: Date.UTC(2020, 3, 23, 17, 25, 38), peakW: 3695 },
        { monthStartMs: Date.UTC(2020, 2, 31, 22), peakTs: Date.UTC(2020, 2, 5, 10, 21, 39), peakW: 5980 },
        // The capture flags March stamps as summer time (S): we follow the flag.
        { monthStartMs: Date.UTC(2020, 1, 29, 22), peakTs: Date.UTC(2020, 1, 10, 2, 54, 21), peakW: 4318 },
      ],
    });
  });

  it('exposes them as tariff info of the meter reading', () => {
    const out = new P1Decoder().push(Buffer.from(fixture('be-fluvius-v171'), 'latin1'));
    expect(out).toHaveLength(1);
    const first = out[0];
    if (first?.ok !== true) throw new Error('expected a reading');
    expect(first.reading.tariff).toEqual({
      tariffIndicator: '1',
      capacity15MinAverageW: 2351,
      monthPeakW: 2589,
      monthPeakTs: Date.UTC(2020, 4, 9, 11, 45, 58),
      tempoToday: null,
      tempoTomorrow: null,
    });
  });

  it('reads power failures, sags and swells of the DSMR 5 telegram', () => {
    const r = parseTelegram(fixture('nl-iskra-v5'));
    if (!r.ok) throw new Error(r.error);
    expect(r.reading.events).toEqual({ powerFailures: 13, longPowerFailures: 0, voltageSags: [0, 0, 0], voltageSwells: [0, 0, 0] });
    expect(r.reading.demand).toBeNull();
  });

  it('refuses a telegram whose month peak it cannot read', () => {
    const bad = withValidCrc(fixture('be-fluvius-v171').replace('1-0:1.6.0(200509134558S)(02.589*kW)', '1-0:1.6.0(02.589*kW)'));
    const r = parseTelegram(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^1-0:1\.6\.0: expected \(time stamp\)\(power\)/);
  });
});
