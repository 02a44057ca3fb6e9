import { describe, expect, it } from 'vitest';
import { parseNordpoolJson } from '../../../../main/tariffs/parsers/nordpool-json.js';
import { fixture } from '../fixtures.js';

describe('Nord Pool day-ahead JSON', () => {
  it('reads 15-minute and hourly entries, skipping a null price instead of reading zero', () => {
    const doc = parseNordpoolJson(fixture('nordpool/dayahead-no1-nok.json'));
    expect(doc.currency).toBe('NOK');
    expect(doc.area).toBe('NO1');
    expect(doc.points.map((p) => p.perKWh)).toEqual([0.8124, 0.8031, 0.79, 0.76555]);
    expect(doc.points.map((p) => (p.endMs - p.startMs) / 60_000)).toEqual([15, 15, 15, 60]);
  });

  it('needs the area when a document has several', () => {
    expect(() => parseNordpoolJson(fixture('nordpool/dayahead-two-areas-eur.json'))).toThrow(/several delivery areas/);
    expect(parseNordpoolJson(fixture('nordpool/dayahead-two-areas-eur.json'), 'SE3').points.map((p) => p.perKWh)).toEqual([0.0412, 0.0399]);
  });

  it('rejects documents that are not day-ahead price JSON', () => {
    expect(() => parseNordpoolJson('{"multiAreaEntries": []}')).toThrow(/currency/);
    expect(() => parseNordpoolJson('[1,2]')).toThrow();
    expect(() => parseNordpoolJson('{')).toThrow(/not JSON/);
    const misaligned = fixture('nordpool/dayahead-no1-nok.json').replace('2026-02-02T23:15:00Z", "deliveryEnd"', '2026-02-02T23:10:00Z", "deliveryEnd"');
    expect(() => parseNordpoolJson(misaligned)).toThrow(/15-minute/);
  });
});
