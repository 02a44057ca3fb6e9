/**
 * The SML decoder on files built by the simulator's encoder: escaping,
 * padding, CRC, units and scalers. No licensed real SML capture is available
 * to us (see test/fixtures/README-sml.md); the encoder follows SML 1.04 and
 * the decoder was checked during development against public eHZ captures.
 */
import { describe, expect, it } from 'vitest';
import type { FrameOutcome } from '../../../drivers/p1/frame-decoder.js';
import type { MeterReading } from '../../../drivers/p1/meter-reading.js';
import { SmlDecoder } from '../../../drivers/sml/sml-decoder.js';
import { smlFile } from '../../../drivers/sim/sml-frames.js';

const ID = Buffer.from('0A01454D480000B8D6C3', 'hex');

function only(out: FrameOutcome[]): MeterReading {
  expect(out).toHaveLength(1);
  const first = out[0];
  if (first === undefined || !first.ok) throw new Error(`expected a reading, got ${JSON.stringify(first)}`);
  return first.reading;
}

const threePhase = [
  { obis: '1.0.1.8.0.255', unit: 30, scaler: -1, value: 224_624_136 },
  { obis: '1.0.2.8.0.255', unit: 30, scaler: -1, value: 12_345 },
  { obis: '1.0.16.7.0.255', unit: 27, scaler: 0, value: -1520, signed: true, bytes: 4 },
  { obis: '1.0.36.7.0.255', unit: 27, scaler: 0, value: -500, signed: true, bytes: 4 },
  { obis: '1.0.56.7.0.255', unit: 27, scaler: 0, value: -520, signed: true, bytes: 4 },
  { obis: '1.0.76.7.0.255', unit: 27, scaler: 0, value: -500, signed: true, bytes: 4 },
  { obis: '1.0.32.7.0.255', unit: 35, scaler: -1, value: 2312, bytes: 2 },
  { obis: '1.0.31.7.0.255', unit: 33, scaler: -2, value: 217, bytes: 2 },
];

describe('SML decoder', () => {
  it('reads energy, signed power and phases with their scalers', () => {
    const r = only(new SmlDecoder().push(smlFile(ID, threePhase)));
    expect(r.meterId).toBe('0A01454D480000B8D6C3');
    expect([r.energyImportWh, r.energyExportWh]).toEqual([22_462_413.6, 1234.5]);
    expect([r.powerImportW, r.powerExportW]).toEqual([0, 1520]);
    expect(r.phases.map((p) => p.powerExportW)).toEqual([500, 520, 500]);
    expect([r.phases[0]?.voltageV, r.phases[0]?.currentA]).toEqual([231.2, 2.17]);
  });

  it('unescapes 1B1B1B1B inside the data', () => {
    // 0x1B1B1B1B as a 4-byte power value lands on a 4-byte boundary in some layouts; try offsets until one does.
    let escaped = 0;
    for (let pad = 0; pad < 4; pad++) {
      const entries = [{ obis: '1.0.1.8.0.255', unit: 30, scaler: 0, value: 7, bytes: 1 + pad }, { obis: '1.0.16.7.0.255', unit: 27, scaler: 0, value: 0x1b1b1b1b, bytes: 4 }];
      const file = smlFile(ID, entries);
      if (file.includes(Buffer.alloc(8, 0x1b))) escaped++;
      const r = only(new SmlDecoder().push(file));
      expect(r.powerImportW).toBe(0x1b1b1b1b);
    }
    expect(escaped).toBeGreaterThan(0);
  });

  it('reads files cut into single bytes with noise between them', () => {
    const file = smlFile(ID, threePhase);
    const stream = Buffer.concat([Buffer.from([0x1b, 0x1b, 0x00, 0x42]), file, Buffer.from('noise'), file]);
    const d = new SmlDecoder();
    const out: FrameOutcome[] = [];
    for (const b of stream) out.push(...d.push(Buffer.from([b])));
    expect(out.map((o) => (o.ok ? o.reading.powerExportW : o.error))).toEqual([1520, 1520]);
  });

  it('drops a file with a damaged byte as a CRC error', () => {
    const file = smlFile(ID, threePhase);
    file[60] = (file[60] ?? 0) ^ 0x10;
    const out = new SmlDecoder().push(file);
    expect(out).toEqual([{ ok: false, kind: 'crc', error: expect.stringMatching(/^SML CRC mismatch: file says [0-9A-F]{4}, computed [0-9A-F]{4}$/) as unknown }]);
  });

  it('refuses a value in the wrong unit and a file without power (PIN not entered)', () => {
    const wrongUnit = new SmlDecoder().push(smlFile(ID, [{ obis: '1.0.16.7.0.255', unit: 30, scaler: 0, value: 5 }]));
    expect(wrongUnit).toEqual([{ ok: false, kind: 'format', error: '1-0:16.7.0: unit 30 where W belongs' }]);
    const energyOnly = only(new SmlDecoder().push(smlFile(ID, [{ obis: '1.0.1.8.0.255', unit: 30, scaler: -1, value: 5 }])));
    expect([energyOnly.powerImportW, energyOnly.energyImportWh]).toEqual([null, 0.5]);
  });
});
