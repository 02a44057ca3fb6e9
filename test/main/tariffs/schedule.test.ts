import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noTariffInputs } from '../../../main/common/tariff-inputs.js';
import type { TariffInputs } from '../../../main/common/tariff-inputs.js';
import { DayAheadSeries } from '../../../main/tariffs/day-ahead-series.js';
import { createPreset } from '../../../main/tariffs/presets/registry.js';
import { buildSchedule } from '../../../main/tariffs/schedule.js';
import type { ScheduleInputs } from '../../../main/tariffs/schedule.js';
import { tariffConfigSchema } from '../../../main/tariffs/tariff-config.js';

const tz = 'Europe/Amsterdam';
const now = Date.parse('2026-03-10T10:07:00Z');
const slot = 900_000;

function inputs(over: Omit<Partial<ScheduleInputs>, 'preset'> & { preset: string; params?: object }): ScheduleInputs {
  const { preset, params, ...rest } = over;
  const config = tariffConfigSchema.parse({ preset, ...(params !== undefined ? { params } : {}) });
  return {
    nowMs: now,
    preset: createPreset(config, tz),
    timeZone: tz,
    horizonH: 48,
    series: new DayAheadSeries(),
    inputs: noTariffInputs,
    fallbackPerKWh: 0.1,
    importedWhThisMonth: 0,
    meterTempo: {},
    ...rest,
  };
}

describe('tariff schedule', () => {
  it('starts at the current quarter and covers known day-ahead prices, then a forecast, then the fallback', () => {
    const series = new DayAheadSeries();
    const from = Date.parse('2026-03-10T10:00:00Z');
    // Known until 22:00 today; yesterday 10:00 to 02:00 known for the forecast.
    series.add([{ startMs: from - 86_400_000, endMs: from - 86_400_000 + 16 * 3_600_000, perKWh: 0.05 }]);
    series.add([{ startMs: from, endMs: from + 12 * 3_600_000, perKWh: 0.2 }]);
    const s = buildSchedule(inputs({ preset: 'nl-dynamic', series }));
    expect(s?.slots[0]?.startMs).toBe(from);
    expect(s?.slots.length).toBe(96); // a day ahead at least
    expect(s?.slots[0]?.source).toBe('dayahead');
    expect(s?.slots[47]?.source).toBe('dayahead');
    // 22:00 today: yesterday 22:00 is known -> forecast; tomorrow morning: nothing -> fallback.
    expect(s?.slots[48]?.source).toBe('forecast');
    expect(s?.slots.at(-1)?.source).toBe('fallback');
    expect(s?.currency).toBe('EUR');
  });

  it('fills a fixed tariff over the whole horizon', () => {
    const s = buildSchedule(inputs({ preset: 'fr', params: { option: 'hphc' } }));
    expect(s?.slots.length).toBe(48 * 4);
    expect(new Set(s?.slots.map((x) => x.source))).toEqual(new Set(['time-of-use']));
  });

  it('lets a utility all-in curve override the preset, and an energy curve feed it', () => {
    const start = Date.parse('2026-03-10T12:00:00Z');
    const curve = (basis: 'all-in' | 'energy', price: number): TariffInputs['utilityCurves'][number] => ({
      id: `u/${basis}`,
      issuer: 'u',
      source: 'mqtt',
      basis,
      currency: 'EUR',
      slots: [0, 1, 2, 3].map((i) => ({ startMs: start + i * slot, endMs: start + (i + 1) * slot, importPerKWh: price, exportPerKWh: null })),
      receivedMs: now,
    });
    const allIn = buildSchedule(inputs({ preset: 'nl-dynamic', inputs: { ...noTariffInputs, utilityCurves: [curve('all-in', 0.99)] } }));
    const at = allIn?.slots.find((x) => x.startMs === start);
    expect(at).toMatchObject({ importPerKWh: 0.99, source: 'utility' });
    const energy = buildSchedule(inputs({ preset: 'nl-dynamic', inputs: { ...noTariffInputs, utilityCurves: [curve('energy', 0.5)] } }));
    expect(energy?.slots.find((x) => x.startMs === start)?.importPerKWh).toBeCloseTo((0.5 + 0.02 + 0.0916) * 1.21, 6);
    // No preset: the all-in curve alone.
    const only = buildSchedule(inputs({ preset: 'none', inputs: { ...noTariffInputs, utilityCurves: [curve('all-in', 0.3)] } }));
    expect(only).toBeNull(); // the curve starts after now: not contiguous from the current slot
  });

  it('marks Tempo prices as forecasts until the colour is known', () => {
    const s = buildSchedule(inputs({ preset: 'fr', params: { option: 'tempo' }, nowMs: Date.parse('2026-01-06T10:00:00+01:00'), meterTempo: { '2026-01-06': 'red' } }));
    expect(s?.slots[0]).toMatchObject({ importPerKWh: 0.6468, source: 'time-of-use' });
    // 7 January is forecast (white on a winter weekday).
    const next = s?.slots.find((x) => x.startMs === Date.parse('2026-01-07T10:00:00+01:00'));
    expect(next).toMatchObject({ importPerKWh: 0.173, source: 'forecast' });
  });

  it('always yields contiguous, aligned, finite slots (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') }), fc.constantFrom('nl-dynamic', 'no-elvia', 'de', 'fr', 'hu-gross', 'be-flanders', 'se-goteborg'), (t, preset) => {
        const s = buildSchedule(inputs({ preset, nowMs: t, horizonH: 24 }));
        if (s === null) return false;
        return s.slots.every((x, i) => x.startMs % slot === 0 && x.endMs - x.startMs === slot && (i === 0 || s.slots[i - 1]?.endMs === x.startMs) && Number.isFinite(x.importPerKWh) && Number.isFinite(x.exportPerKWh));
      }),
      { numRuns: 40 },
    );
  });
});
