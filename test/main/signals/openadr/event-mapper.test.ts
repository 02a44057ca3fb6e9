import { describe, expect, it } from 'vitest';
import { mapEvent } from '../../../../main/signals/openadr/event-mapper.js';
import { durationMs } from '../../../../main/signals/openadr/oadr-time.js';
import { OadrValidator } from '../../../../main/signals/openadr/oadr-validator.js';
import type { OadrEvent } from '../../../../main/signals/openadr/oadr-types.js';

const now = Date.parse('2026-03-01T10:00:00Z');
const o = { issuer: 'openadr:vtn', siteCurrency: 'EUR' as const, priceBasis: 'energy' as const, nowMs: now, validator: new OadrValidator('3.1.0') };

describe('OpenADR event mapping', () => {
  it('reads ISO durations and the 3.1.0 specials', () => {
    expect(durationMs('PT1H')).toBe(3_600_000);
    expect(durationMs('PT15M')).toBe(900_000);
    expect(durationMs('P1D')).toBe(86_400_000);
    expect(durationMs('P9999Y')).toBe(Number.POSITIVE_INFINITY);
    expect(durationMs('1h')).toBeNull();
  });

  it('lays intervals without their own period end to end from the event start', () => {
    const ev: OadrEvent = {
      id: 'e1',
      programID: 'p',
      intervalPeriod: { start: '2026-03-01T10:00:00Z', duration: 'PT15M' },
      intervals: [0.1, 0.2, 0.3].map((p, id) => ({ id, payloads: [{ type: 'PRICE', values: [p] }] })),
    };
    const m = mapEvent(ev, undefined, o);
    expect(m.curve?.slots.map((s) => [s.startMs - now, s.importPerKWh])).toEqual([
      [0, 0.1],
      [900_000, 0.2],
      [1_800_000, 0.3],
    ]);
    expect(m.curve?.basis).toBe('energy');
    expect(m.endMs).toBe(now + 2_700_000);
  });

  it('treats a limit without duration (or P9999Y, or start 0001-01-01) as from now until further notice', () => {
    const ev: OadrEvent = { id: 'e2', programID: 'p', intervals: [{ id: 0, intervalPeriod: { start: '0001-01-01T00:00:00Z', duration: 'P9999Y' }, payloads: [{ type: 'EXPORT_CAPACITY_LIMIT', values: [2.5] }] }] };
    expect(mapEvent(ev, undefined, o).limits).toEqual([{ id: 'openadr:vtn/e2/0', source: 'openadr', kind: 'export', limitW: 2500, startMs: now, endMs: null, issuer: 'openadr:vtn' }]);
  });

  it('leaves out what it cannot map faithfully, and says why', () => {
    const ev: OadrEvent = {
      id: 'e3',
      programID: 'p',
      payloadDescriptors: [{ payloadType: 'PRICE', units: 'KWH', currency: 'USD' }, { payloadType: 'IMPORT_CAPACITY_LIMIT', units: 'HP' }],
      intervals: [
        { id: 0, intervalPeriod: { start: '2026-03-01T10:00:00Z', duration: 'PT1H' }, payloads: [{ type: 'PRICE', values: [0.2] }] },
        { id: 1, intervalPeriod: { start: '2026-03-01T11:00:00Z', duration: 'PT1H' }, payloads: [{ type: 'IMPORT_CAPACITY_LIMIT', values: [3] }] },
        { id: 2, intervalPeriod: { start: '2026-03-01T12:07:00Z', duration: 'PT5M' }, payloads: [{ type: 'GHG', values: [100] }] },
        { id: 3, intervalPeriod: { start: '2026-03-01T13:00:00Z', duration: 'PT1H' }, payloads: [{ type: 'IMPORT_CAPACITY_LIMIT', values: [-1] }] },
      ],
    };
    const m = mapEvent(ev, undefined, o);
    expect(m.curve).toBeNull();
    expect(m.limits).toHaveLength(0);
    expect(m.problems.join(' | ')).toMatch(/USD.*units HP.*15-minute grid.*>= 0/);
  });
});
