/** Properties of the SML decoder: never throws; no reading from a file whose CRC fails. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SmlDecoder } from '../../../drivers/sml/sml-decoder.js';
import { smlFile } from '../../../drivers/sim/sml-frames.js';

const file = smlFile(Buffer.from('0A01454D480000B8D6C3', 'hex'), [
  { obis: '1.0.1.8.0.255', unit: 30, scaler: -1, value: 224_624_136 },
  { obis: '1.0.16.7.0.255', unit: 27, scaler: 0, value: -1520, signed: true, bytes: 4 },
  { obis: '1.0.36.7.0.255', unit: 27, scaler: 0, value: -500, signed: true, bytes: 4 },
]);

describe('SML decoder properties', () => {
  it('never throws on random bytes, with or without a start sequence', () => {
    const start = Buffer.from([0x1b, 0x1b, 0x1b, 0x1b, 1, 1, 1, 1]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, withStart) => {
        new SmlDecoder().push(withStart ? Buffer.concat([start, bytes]) : bytes);
      }),
      { numRuns: 1500 },
    );
  });

  it('rejects every single-byte change of a file', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const b = Buffer.from(file);
        const pos = 8 + (at % (b.length - 8));
        b[pos] = ((b[pos] ?? 0) + delta) & 0xff;
        expect(new SmlDecoder().push(b).some((o) => o.ok)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutated payloads that still carry a valid CRC', async () => {
    const { smlTransport } = await import('../../../drivers/sim/sml-frames.js');
    const body = file.subarray(8, file.length - 8);
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 }), (changes) => {
        const b = Buffer.from(body);
        for (const c of changes) b[c.at % b.length] = c.byte;
        const out = new SmlDecoder().push(smlTransport(b));
        expect(out.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1500 },
    );
  });
});
