import { describe, expect, it } from 'vitest';
import { formatDsmrTimestamp, isEuSummerTime, parseDsmrTimestamp } from '../../../drivers/p1/timestamp.js';

describe('DSMR time stamps', () => {
  it('reads the W (UTC+1) and S (UTC+2) flags', () => {
    expect(parseDsmrTimestamp('170102192002W')).toBe(Date.UTC(2017, 0, 2, 18, 20, 2));
    expect(parseDsmrTimestamp('200512135409S')).toBe(Date.UTC(2020, 4, 12, 11, 54, 9));
  });

  it('infers the offset from the EU rule when the flag is missing (DSMR 2.2/3)', () => {
    expect(parseDsmrTimestamp('090212160000')).toBe(Date.UTC(2009, 1, 12, 15, 0, 0));
    expect(parseDsmrTimestamp('090712160000')).toBe(Date.UTC(2009, 6, 12, 14, 0, 0));
  });

  it.each(['', '17010219200', '170102192002X', '171302192002W', '170230120000W', '170102242002W', '170102196002W', 'abcdefghijklW'])('rejects %j', (text) => {
    expect(parseDsmrTimestamp(text)).toBeNull();
  });

  it('knows when summer time starts and ends (last Sundays of March and October, 01:00 UTC)', () => {
    expect(isEuSummerTime(Date.UTC(2024, 2, 31, 0, 59, 59))).toBe(false);
    expect(isEuSummerTime(Date.UTC(2024, 2, 31, 1, 0, 0))).toBe(true);
    expect(isEuSummerTime(Date.UTC(2024, 9, 27, 0, 59, 59))).toBe(true);
    expect(isEuSummerTime(Date.UTC(2024, 9, 27, 1, 0, 0))).toBe(false);
  });

  it('formats as a meter writes and reads back to the same second', () => {
    expect(formatDsmrTimestamp(Date.UTC(2024, 5, 21, 10, 0, 5, 999))).toBe('240621120005S');
    expect(formatDsmrTimestamp(Date.UTC(2024, 0, 2, 23, 30, 0))).toBe('240103003000W');
    for (let ts = Date.UTC(2024, 0, 1); ts < Date.UTC(2025, 0, 1); ts += 77_777_777) {
      expect(parseDsmrTimestamp(formatDsmrTimestamp(ts))).toBe(Math.floor(ts / 1000) * 1000);
    }
  });
});
