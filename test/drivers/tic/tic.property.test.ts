/**
 * Properties of the TIC decoder: it never throws, a reading only comes from
 * a frame whose every group checksum holds (checked here independently), and
 * a changed digit is always caught (the 6-bit sum cannot miss a change of
 * less than 64).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TicDecoder } from '../../../drivers/tic/tic-decoder.js';

const captures = ['linky-historique-base-mono', 'linky-standard-base-mono'].map((n) => readFileSync(new URL(`../../fixtures/tic/${n}.bin`, import.meta.url)));

/** Every group of every STX..ETX frame in `b` passes its checksum (per Enedis' two rules). */
function allGroupsValid(frame: string): boolean {
  return frame
    .split('\r')
    .map((g) => g.replace(/^\n/, ''))
    .filter((g) => g.length > 0)
    .every((g) => {
      const standard = g.includes('\t');
      const upTo = standard ? g.length - 1 : g.length - 2;
      let s = 0;
      for (let i = 0; i < upTo; i++) s += g.charCodeAt(i);
      return ((s & 0x3f) + 0x20) === g.charCodeAt(g.length - 1);
    });
}

describe('TIC decoder properties', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 800 }), (bytes) => {
        new TicDecoder().push(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts a mutated frame only when all its groups still check', () => {
    fc.assert(
      fc.property(fc.constantFrom(...captures), fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 127 }) }), { minLength: 1, maxLength: 4 }), (capture, changes) => {
        const b = Buffer.from(capture);
        for (const c of changes) b[1 + (c.at % (b.length - 2))] = c.byte;
        const accepted = new TicDecoder().push(b).filter((o) => o.ok).length;
        // The frames as the line cuts them: STX to the next ETX with no STX between (a mutated
        // byte may end a frame early; a shorter frame whose every group checks is still a frame).
        const frames = b
          .toString('latin1')
          .split('\x02')
          .slice(1)
          .filter((segment) => segment.includes('\x03'))
          .map((segment) => segment.slice(0, segment.indexOf('\x03')));
        expect(accepted).toBeLessThanOrEqual(frames.filter(allGroupsValid).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('catches every change of one digit into another', () => {
    fc.assert(
      fc.property(fc.constantFrom(...captures), fc.nat(), fc.integer({ min: 1, max: 9 }), (capture, at, delta) => {
        const b = Buffer.from(capture);
        const digits = [...b.keys()].filter((i) => (b[i] ?? 0) >= 0x30 && (b[i] ?? 0) <= 0x39 && b[i + 1] !== 0x0d);
        const pos = digits[at % digits.length] ?? 0;
        b[pos] = 0x30 + ((((b[pos] ?? 0x30) - 0x30) + delta) % 10);
        expect(new TicDecoder().push(b).some((o) => o.ok)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
