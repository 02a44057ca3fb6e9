/** The HAN decoder against real captures; expected values from test/fixtures/han/README.md. */
import { describe, expect, it } from 'vitest';
import { HanDecoder, mergeHan } from '../../../drivers/han/han-decoder.js';
import type { HanMeterReading } from '../../../drivers/han/han-decoder.js';
import type { FrameOutcome } from '../../../drivers/p1/frame-decoder.js';
import { hdlcFixture, llcFixture } from './fixtures.js';

function only(out: FrameOutcome<HanMeterReading>[]): HanMeterReading {
  expect(out).toHaveLength(1);
  const first = out[0];
  if (first === undefined || !first.ok) throw new Error(`expected a reading, got ${JSON.stringify(first)}`);
  return first.reading;
}

describe('HAN decoder on complete HDLC frames', () => {
  it('Aidon NO list 1: 1661 W import (0x7D inside the frame, not stuffed)', () => {
    const r = only(new HanDecoder().push(hdlcFixture('aidon-no-list1')));
    expect(r.powerImportW).toBe(1661);
    expect(r.powerExportW).toBeNull();
  });

  it('Kaifa NO list 1: 5502 W import (0x7E as the last data byte)', () => {
    const r = only(new HanDecoder().push(hdlcFixture('kaifa-no-list1')));
    expect(r.powerImportW).toBe(5502);
  });

  it('Kamstrup 3-phase list: power, currents, voltages, ids and clock', () => {
    const r = only(new HanDecoder().push(hdlcFixture('kamstrup-3p-list1')));
    expect(r.listId).toBe('Kamstrup_V0001');
    expect(r.meterId).toBe('5706567326590407');
    expect(r.powerImportW).toBe(826);
    expect(r.powerExportW).toBe(0);
    expect(r.phases.map((p) => p.currentA)).toEqual([2.37, 0.89, 0.75]);
    expect(r.phases.map((p) => p.voltageV)).toEqual([232, 233, 236]);
    // 2022-01-24 18:58:50, deviation not specified: no time zone is guessed.
    expect(r.timestampMs).toBeNull();
    expect(r.unknownObis).toEqual(['1-1:3.7.0.255', '1-1:4.7.0.255']);
  });

  it('finds frames split into single bytes and concatenated with noise', () => {
    const stream = Buffer.concat([Buffer.from([0x00, 0x7e, 0x12]), hdlcFixture('aidon-no-list1'), hdlcFixture('kaifa-no-list1'), Buffer.from([0xff]), hdlcFixture('kamstrup-3p-list1')]);
    const d = new HanDecoder();
    const out: FrameOutcome<HanMeterReading>[] = [];
    for (const b of stream) out.push(...d.push(Buffer.from([b])));
    expect(out.map((o) => (o.ok ? o.reading.powerImportW : o.error))).toEqual([1661, 5502, 826]);
  });

  it('drops a frame with a damaged byte as an FCS error', () => {
    const frame = hdlcFixture('kamstrup-3p-list1');
    frame[100] = (frame[100] ?? 0) ^ 0x01;
    const out = new HanDecoder().push(frame);
    expect(out).toEqual([{ ok: false, kind: 'crc', error: expect.stringMatching(/^HDLC FCS mismatch/) as unknown }]);
  });
});

describe('HAN decoder on information fields (list 3 and the Swedish list)', () => {
  it('Aidon NO list 3', () => {
    const out = new HanDecoder().decodeInfo(llcFixture('aidon-no-list3'));
    if (!out.ok) throw new Error(out.error);
    const r = out.reading;
    expect(r.listId).toBe('AIDON_V0001');
    expect(r.meterId).toBe('7359992892587665');
    expect(r.timestampMs).toBe(Date.UTC(2020, 0, 21, 16, 0, 0));
    expect([r.powerImportW, r.powerExportW]).toEqual([280, 0]);
    expect(r.phases.map((p) => p.currentA)).toEqual([1.3, null, 0.9]);
    expect(r.phases.map((p) => p.voltageV)).toEqual([227.6, 230.3, 230.9]);
    expect(r.energyImportWh).toBe(22_721_380);
    expect(r.energyExportWh).toBe(0);
  });

  it('Kaifa NO list 3 (positional)', () => {
    const out = new HanDecoder().decodeInfo(llcFixture('kaifa-no-list3'));
    if (!out.ok) throw new Error(out.error);
    const r = out.reading;
    expect(r.listId).toBe('KFM_001');
    expect(r.meterId).toBe('6970631402614476');
    expect([r.powerImportW, r.powerExportW]).toEqual([4904, 0]);
    expect(r.phases.map((p) => p.currentA)).toEqual([14.571, 15.643, 9.525]);
    expect(r.phases.map((p) => p.voltageV)).toEqual([219.3, 0, 220.5]);
    expect([r.energyImportWh, r.energyExportWh]).toEqual([79_591_144, 0]);
  });

  it('Aidon SE list (27 items, signed currents, per-phase power)', () => {
    const out = new HanDecoder().decodeInfo(llcFixture('aidon-se-list'));
    if (!out.ok) throw new Error(out.error);
    const r = out.reading;
    expect([r.powerImportW, r.powerExportW]).toEqual([1122, 0]);
    expect(r.phases.map((p) => p.powerImportW)).toEqual([0, 1122, 0]);
    expect(r.phases.map((p) => p.powerExportW)).toEqual([0, 0, 0]);
    expect(r.phases.map((p) => p.currentA)).toEqual([0, 7.5, 0]);
    expect(r.phases.map((p) => p.voltageV)).toEqual([230.7, 249.9, 230.8]);
    expect([r.energyImportWh, r.energyExportWh]).toEqual([10_049_926, 8]);
    expect(r.meterId).toBeNull();
  });
});

describe('mergeHan', () => {
  it('keeps a full list while short lists update the power', () => {
    const full = new HanDecoder().decodeInfo(llcFixture('aidon-no-list3'));
    const short = new HanDecoder().push(hdlcFixture('aidon-no-list1'))[0];
    if (!full.ok || short?.ok !== true) throw new Error('fixtures');
    const merged = mergeHan(full.reading, short.reading);
    expect(merged.powerImportW).toBe(1661);
    expect(merged.powerExportW).toBe(0);
    expect(merged.energyImportWh).toBe(22_721_380);
    expect(merged.phases[0]?.voltageV).toBe(227.6);
    expect(merged.meterId).toBe('7359992892587665');
  });
});

describe('encrypted P1 stream (Luxembourg Smarty)', () => {
  it('decrypts a bare general-glo-ciphering frame into a DSMR telegram and reads it', async () => {
    const { readFileSync } = await import('node:fs');
    const { encipherGlo } = await import('../../../drivers/han/glo-ciphering.js');
    const telegram = readFileSync(new URL('../../fixtures/p1/nl-iskra-v5.txt', import.meta.url));
    const keys = { encryptionKey: Buffer.from('000102030405060708090A0B0C0D0E0F', 'hex'), authenticationKey: Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex') };
    const frame = encipherGlo(telegram, keys, Buffer.from('SAG12345', 'latin1'), 42);
    const noise = Buffer.from([0x00, 0x55]);
    const out = new HanDecoder(keys).push(Buffer.concat([noise, frame, frame.subarray(0, 20)]));
    const r = only(out);
    expect([r.powerImportW, r.meterId, r.energyImportWh]).toEqual([244, 'K8EG004046395507', 6825]);
    const tampered = Buffer.from(frame);
    tampered[40] = (tampered[40] ?? 0) ^ 1;
    expect(new HanDecoder(keys).push(tampered)).toEqual([{ ok: false, kind: 'decrypt', error: 'authentication tag mismatch: wrong key or damaged frame' }]);
  });
});
