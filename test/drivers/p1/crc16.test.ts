import { describe, expect, it } from 'vitest';
import { crc16Arc, formatCrc } from '../../../drivers/p1/crc16.js';
import { fixture } from './fixtures.js';

describe('crc16Arc', () => {
  it('gives the CRC-16/ARC check value for "123456789"', () => {
    expect(crc16Arc('123456789')).toBe(0xbb3d);
    expect(crc16Arc(new TextEncoder().encode('123456789'))).toBe(0xbb3d);
  });

  it('is 0 for no data', () => {
    expect(crc16Arc('')).toBe(0);
  });

  it.each([
    ['nl-iskra-v5', 0x6eee],
    ['be-fluvius-v171', 0x3ad7],
    ['se-landisgyr-e360', 0x8012],
    // DSMR 3 sends no CRC; the fixtures README lists what it would be.
    ['nl-iskra-v3', 0xca2f],
  ] as const)('matches the CRC of %s over "/" ... "!"', (name, expected) => {
    const text = fixture(name);
    expect(crc16Arc(text.slice(0, text.indexOf('!') + 1))).toBe(expected);
  });

  it('formats four upper-case hex digits', () => {
    expect(formatCrc(0x0a)).toBe('000A');
    expect(formatCrc(0x6eee)).toBe('6EEE');
  });
});
