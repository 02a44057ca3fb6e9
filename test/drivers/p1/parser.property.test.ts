/**
 * Properties over random and mutated input: the parser never throws, and a
 * reading never comes out of a telegram whose CRC does not match its bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Arc } from '../../../drivers/p1/crc16.js';
import { P1Framer } from '../../../drivers/p1/framer.js';
import { parseTelegram } from '../../../drivers/p1/parser.js';
import { fixture, fixtureNames } from './fixtures.js';

const withCrc = ['nl-iskra-v5', 'be-fluvius-v171', 'se-landisgyr-e360'] as const;

/** What an independent check says: does the CRC field after '!' match the bytes up to it? */
function crcFieldMatches(text: string): boolean {
  const bang = text.indexOf('!');
  const field = /^[0-9A-Fa-f]{1,4}/.exec(text.slice(bang + 1));
  return bang !== -1 && field !== null && parseInt(field[0], 16) === crc16Arc(text.slice(0, bang + 1));
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('parser properties', () => {
  it('never throws on arbitrary strings and bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }).map(latin1)), (text) => {
        const r = parseTelegram(text);
        if (r.ok && r.reading.crcChecked) expect(crcFieldMatches(text)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on telegram-shaped noise', () => {
    const token = fc.constantFrom('/', '!', '(', ')', '*', '\r\n', '\n', '1-0:1.7.0', '0-1:24.2.1', '0-0:1.0.0', '1-3:0.2.8', 'kW', 'kWh', 'm3', '.', '0', '9', '230.0', 'ISk5', 'S', 'W', 'FFFF');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 200 }), (tokens) => {
        const text = tokens.join('');
        const r = parseTelegram(text);
        if (r.ok && r.reading.crcChecked) expect(crcFieldMatches(text)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('rejects every single-byte change before the CRC of a real telegram', () => {
    fc.assert(
      fc.property(fc.constantFrom(...withCrc), fc.nat(), fc.integer({ min: 1, max: 255 }), (name, at, delta) => {
        const bytes = Buffer.from(fixture(name), 'latin1');
        const pos = at % (bytes.indexOf(0x21) + 1);
        bytes[pos] = ((bytes[pos] ?? 0) + delta) & 0xff;
        const r = parseTelegram(bytes.toString('latin1'));
        expect(r.ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('never yields a reading from a mutated telegram whose CRC fails', () => {
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'insert', 'delete'), byte: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.constantFrom(...withCrc), fc.array(mutation, { minLength: 1, maxLength: 6 }), (name, mutations) => {
        const bytes = [...Buffer.from(fixture(name), 'latin1')];
        for (const m of mutations) {
          const pos = m.at % (bytes.length + 1);
          if (m.kind === 'replace') bytes[pos] = m.byte;
          else if (m.kind === 'insert') bytes.splice(pos, 0, m.byte);
          else bytes.splice(pos, 1);
        }
        const text = Buffer.from(bytes).toString('latin1');
        const r = parseTelegram(text);
        if (r.ok && r.reading.crcChecked) expect(crcFieldMatches(text)).toBe(true);
        // Mutations that leave the bytes intact (or a CRC field that now matches by chance) may pass; all others fail.
        if (r.ok && !r.reading.crcChecked) expect(text.slice(text.indexOf('!') + 1)).toMatch(/^(\r\n|\n|\r)?$/);
      }),
      { numRuns: 1500 },
    );
  });

  it('framer + parser recover every intact telegram from a chopped, noisy stream', () => {
    const piece = fc.oneof(
      fc.constantFrom(...fixtureNames).map((name) => ({ telegram: fixture(name) })),
      fc.uint8Array({ maxLength: 40 }).map((noise) => ({ noise: latin1(noise).replace(/\//g, '') })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 50 }), (pieces, cuts) => {
        // Noise holds no '/', so it can never start or extend a telegram.
        const stream = Buffer.from(pieces.map((p) => ('telegram' in p ? p.telegram : p.noise)).join(''), 'latin1');
        const framer = new P1Framer();
        const out: string[] = [];
        let pos = 0;
        for (let i = 0; pos < stream.length; i++) {
          const size = cuts[i % cuts.length] ?? 1;
          out.push(...framer.push(stream.subarray(pos, pos + size)));
          pos += size;
        }
        const expected = pieces.flatMap((p) => ('telegram' in p ? [p.telegram] : []));
        expect(out.filter((t) => parseTelegram(t).ok)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
