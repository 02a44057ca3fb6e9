import { describe, expect, it } from 'vitest';
import { parseEntsoeXml } from '../../../../main/tariffs/parsers/entsoe-xml.js';
import { PriceParseError } from '../../../../main/tariffs/parsers/price-document.js';
import { fixture } from '../fixtures.js';

const t = (iso: string): number => Date.parse(iso);

describe('ENTSO-E A44 XML', () => {
  it('reads a 15-minute A03 curve, repeating omitted positions, in EUR per kWh', () => {
    const doc = parseEntsoeXml(fixture('entsoe/a44-nl-15min-a03.xml'));
    expect(doc.currency).toBe('EUR');
    expect(doc.area).toBe('10YNL----------L');
    expect(doc.points.map((p) => p.perKWh)).toEqual([0.0984, 0.09102, 0.0875, 0.0875, -0.00315, 0.08, 0.08, 0.07999]);
    expect(doc.points[0]).toMatchObject({ startMs: t('2025-09-30T22:00Z'), endMs: t('2025-09-30T22:15Z') });
    expect(doc.points.at(-1)).toMatchObject({ startMs: t('2025-09-30T23:45Z'), endMs: t('2025-10-01T00:00Z') });
  });

  it('prefers the 15-minute series where a day is also published hourly', () => {
    const doc = parseEntsoeXml(fixture('entsoe/a44-delu-15min-and-60min.xml'));
    // 22:00-23:00 from the PT15M series, 23:00-00:00 from the PT60M one.
    expect(doc.points.map((p) => [new Date(p.startMs).toISOString().slice(11, 16), p.perKWh])).toEqual([
      ['22:00', 0.104],
      ['22:15', 0.102],
      ['22:30', 0.098],
      ['22:45', 0.096],
      ['23:00', 0.09],
    ]);
    expect(doc.points.at(-1)?.endMs).toBe(t('2025-10-02T00:00Z'));
  });

  it('turns an acknowledgement into an error with its reason', () => {
    expect(() => parseEntsoeXml(fixture('entsoe/acknowledgement-no-data.xml'))).toThrow(/no data: No matching data found/);
  });

  it.each([
    ['not XML', 'hello'],
    ['unclosed element', '<Publication_MarketDocument><type>A44</type>'],
    ['another document type', fixture('entsoe/a44-nl-15min-a03.xml').replace('<type>A44</type>', '<type>A65</type>')],
    ['a price that is not a number', fixture('entsoe/a44-nl-15min-a03.xml').replace('98.40', 'n/a')],
    ['a position outside the period', fixture('entsoe/a44-nl-15min-a03.xml').replace('<position>8</position>', '<position>9</position>')],
    ['another unit', fixture('entsoe/a44-nl-15min-a03.xml').replace('<price_Measure_Unit.name>MWH', '<price_Measure_Unit.name>KWH')],
    ['a DOCTYPE (entity expansion)', `<!DOCTYPE x [<!ENTITY a "b">]>${fixture('entsoe/a44-nl-15min-a03.xml')}`],
  ])('rejects %s with a PriceParseError', (_name, text) => {
    expect(() => parseEntsoeXml(text)).toThrow(PriceParseError);
  });
});
