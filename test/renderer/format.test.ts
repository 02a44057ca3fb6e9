import { describe, expect, it } from 'vitest';
import { formatKw, formatPct, roundTo } from '../../renderer/src/format.js';

describe('formatKw', () => {
  it('shows watts as kilowatts with one decimal', () => {
    expect(formatKw(1234)).toBe('1.2');
    expect(formatKw(1250)).toBe('1.3');
    expect(formatKw(0)).toBe('0.0');
    expect(formatKw(11_000)).toBe('11.0');
    expect(formatKw(9_960)).toBe('10.0');
  });

  it('keeps the sign of real negative values but never prints -0.0', () => {
    expect(formatKw(-3_456)).toBe('-3.5');
    expect(formatKw(-49)).toBe('0.0');
    expect(formatKw(-0)).toBe('0.0');
  });

  it('returns null for unknown or broken values instead of a misleading zero', () => {
    expect(formatKw(null)).toBeNull();
    expect(formatKw(Number.NaN)).toBeNull();
    expect(formatKw(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('uses no digit grouping (fixed-width numbers) and the locale decimal mark', () => {
    expect(formatKw(12_345_678)).toBe('12345.7');
    expect(formatKw(1234, 'de')).toBe('1,2');
  });
});

describe('formatPct', () => {
  it('rounds to whole percent and clamps to 0..100', () => {
    expect(formatPct(54.4)).toBe('54');
    expect(formatPct(54.5)).toBe('55');
    expect(formatPct(100.4)).toBe('100');
    expect(formatPct(-2)).toBe('0');
    expect(formatPct(null)).toBeNull();
  });
});

describe('roundTo', () => {
  it('never returns negative zero', () => {
    expect(Object.is(roundTo(-0.04, 1), 0)).toBe(true);
  });
});

describe('locale formats', () => {
  it('formats money and prices per locale and currency', async () => {
    const { formatMoney, formatPrice, formatKwh, formatTime } = await import('../../renderer/src/format.js');
    expect(formatMoney(1.234, 'EUR', 'nl-NL')).toMatch(/€\s?1,23/);
    expect(formatMoney(1234.5, 'HUF', 'hu-HU')).toMatch(/1\s?235\sFt/);
    expect(formatMoney(12.3, 'NOK', 'nb-NO')).toMatch(/12,30\skr/);
    expect(formatPrice(0.2345, 'EUR', 'de-DE')).toMatch(/0,235\s€/);
    expect(formatKwh(12_345, 'sv-SE')).toBe('12,3');
    expect(formatKwh(123_456, 'en-GB')).toBe('123');
    expect(formatTime(Date.parse('2026-08-15T10:05:00Z'), 'en-GB', 'Europe/Amsterdam')).toBe('12:05');
  });
});
