/**
 * Properties of the HAN decoder over random and mutated input: it never
 * throws, and no reading comes out of a frame whose FCS does not match.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HanDecoder } from '../../../drivers/han/han-decoder.js';
import { crc16X25, readCrcLe } from '../../../drivers/han/crc16-x25.js';
import { hdlcFixture, hdlcFixtures, llcFixture, llcFixtures } from './fixtures.js';

describe('HAN decoder properties', () => {
  it('never throws on random bytes, and what it accepts carries a valid FCS', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }), (bytes, cuts) => {
        const d = new HanDecoder();
        let pos = 0;
        for (let i = 0; pos < bytes.length; i++) {
          const size = cuts[i % cuts.length] ?? 1;
          for (const o of d.push(bytes.subarray(pos, pos + size))) if (o.ok) expect(o.reading).toBeDefined();
          pos += size;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects every single-byte change inside a real frame', () => {
    fc.assert(
      fc.property(fc.constantFrom(...hdlcFixtures), fc.nat(), fc.integer({ min: 1, max: 255 }), (name, at, delta) => {
        const frame = hdlcFixture(name);
        // Between the flags: format, addresses, control, HCS, information, FCS.
        const pos = 1 + (at % (frame.length - 2));
        frame[pos] = ((frame[pos] ?? 0) + delta) & 0xff;
        const out = new HanDecoder().push(frame);
        expect(out.some((o) => o.ok)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts a mutated stream only where an intact frame stands', () => {
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'insert', 'delete'), byte: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...hdlcFixtures), { minLength: 1, maxLength: 4 }), fc.array(mutation, { maxLength: 6 }), (names, mutations) => {
        const bytes = [...Buffer.concat(names.map(hdlcFixture))];
        for (const m of mutations) {
          const pos = m.at % (bytes.length + 1);
          if (m.kind === 'replace') bytes[pos] = m.byte;
          else if (m.kind === 'insert') bytes.splice(pos, 0, m.byte);
          else bytes.splice(pos, 1);
        }
        const stream = Buffer.from(bytes);
        const valid = new HanDecoder().push(stream).filter((o) => o.ok).length;
        // Every accepted frame is a flag-delimited run whose own FCS matches; count those independently.
        expect(valid).toBeLessThanOrEqual(countCrcValidFrames(stream));
      }),
      { numRuns: 800 },
    );
  });

  it('never throws on mutated information fields', () => {
    fc.assert(
      fc.property(fc.constantFrom(...llcFixtures), fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 5 }), fc.nat(), (name, changes, cut) => {
        const info = llcFixture(name);
        for (const c of changes) info[c.at % info.length] = c.byte;
        const r = new HanDecoder().decodeInfo(info.subarray(0, info.length - (cut % 8)));
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 1500 },
    );
  });
});

/** Frames 7E A?LL ... FCS 7E whose FCS matches, found by brute force over every 0x7E. */
function countCrcValidFrames(b: Buffer): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 0x7e) continue;
    const f0 = b[i + 1] ?? 0;
    if ((f0 & 0xf0) !== 0xa0) continue;
    const length = ((f0 & 0x07) << 8) | (b[i + 2] ?? 0);
    const end = i + 1 + length;
    if (length < 7 || end >= b.length || b[end] !== 0x7e) continue;
    if (crc16X25(b, i + 1, end - 2) === readCrcLe(b, end - 2)) n++;
  }
  return n;
}
