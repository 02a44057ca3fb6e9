import { describe, expect, it } from 'vitest';
import { parsePriceDocument } from '../../../../main/tariffs/parsers/detect.js';
import { parsePriceCsv } from '../../../../main/tariffs/parsers/price-csv.js';
import { fixture } from '../fixtures.js';

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

describe('price CSV', () => {
  it('reads one zone column of an hourly UTC file, skipping empty cells', () => {
    const doc = parsePriceCsv(fixture('prices-csv/epex-style-utc.csv'), { column: 'NL' });
    expect(doc.points.map((p) => [hhmm(p.startMs), hhmm(p.endMs), p.perKWh])).toEqual([
      ['22:00', '23:00', 0.0951],
      ['23:00', '00:00', 0.088],
      ['00:00', '01:00', -0.0015],
    ]);
  });

  it('reads the ENTSO-E export with local times and the repeated hour when clocks go back', () => {
    const doc = parsePriceCsv(fixture('prices-csv/entsoe-export-dst.csv'), { timeZone: 'Europe/Amsterdam' });
    expect(doc.points.map((p) => [new Date(p.startMs).toISOString(), p.perKWh])).toEqual([
      ['2025-10-25T23:00:00.000Z', 0.07],
      ['2025-10-26T00:00:00.000Z', 0.065],
      ['2025-10-26T01:00:00.000Z', 0.06],
    ]);
  });

  it('reads semicolons, decimal commas and per-kWh units', () => {
    const doc = parsePriceCsv(fixture('prices-csv/semicolon-decimal-comma.csv'));
    expect(doc.points.map((p) => p.perKWh)).toEqual([0.215, 0.2275, 0.2301]);
    expect(doc.points[2]?.endMs).toBe(Date.parse('2026-01-05T05:45:00Z'));
  });

  it('is recognised by the format detector', () => {
    expect(parsePriceDocument(fixture('prices-csv/semicolon-decimal-comma.csv')).format).toBe('csv');
    expect(parsePriceDocument(fixture('entsoe/a44-nl-15min-a03.xml')).format).toBe('entsoe-xml');
    expect(parsePriceDocument(fixture('nordpool/dayahead-no1-nok.json')).format).toBe('nordpool-json');
  });

  it('rejects unreadable times and prices', () => {
    expect(() => parsePriceCsv('time,price\nyesterday,1\n')).toThrow(/cannot read time/);
    expect(() => parsePriceCsv('time,price\n2026-01-01T00:00:00Z,abc\n2026-01-01T01:00:00Z,2\n')).toThrow(/not a number/);
    expect(() => parsePriceCsv('a,b\n1,2\n')).toThrow(/no time column/);
  });
});
