/** The TIC decoder on the real Linky captures (values in test/fixtures/tic/README.md) and on made-up frames. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TicDecoder } from '../../../drivers/tic/tic-decoder.js';
import type { TicMeterReading } from '../../../drivers/tic/tic-decoder.js';
import { historiqueGroup, standardGroup, ticFrame } from '../../../drivers/sim/tic-frames.js';
import type { FrameOutcome } from '../../../drivers/p1/frame-decoder.js';

const capture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/tic/${name}.bin`, import.meta.url));

function only(out: FrameOutcome<TicMeterReading>[]): TicMeterReading {
  expect(out).toHaveLength(1);
  const first = out[0];
  if (first === undefined || !first.ok) throw new Error(`expected a reading, got ${JSON.stringify(first)}`);
  return first.reading;
}

describe('TIC decoder on real captures', () => {
  it('historique, single phase, BASE contract', () => {
    const r = only(new TicDecoder().push(capture('linky-historique-base-mono')));
    expect(r.mode).toBe('historique');
    expect(r.meterId).toBe('012345678910');
    expect([r.powerImportW, r.powerExportW]).toEqual([2390, 0]);
    expect(r.energyImportWh).toBe(123_456_789);
    expect(r.phases).toEqual([{ voltageV: null, currentA: 11, powerImportW: null, powerExportW: null }]);
    expect(r.groups).toMatchObject({ OPTARIF: 'BASE', ISOUSC: '30', IMAX: '090', MOTDETAT: '000000' });
  });

  it('standard, single phase, BASE contract', () => {
    const r = only(new TicDecoder().push(capture('linky-standard-base-mono')));
    expect(r.mode).toBe('standard');
    expect(r.meterId).toBe('012345678910');
    // H240210121355: winter, UTC+1.
    expect(r.timestampMs).toBe(Date.UTC(2024, 1, 10, 11, 13, 55));
    expect([r.powerImportW, r.powerExportW]).toEqual([263, 0]);
    expect([r.energyImportWh, r.energyExportWh]).toEqual([3_519_702, null]);
    expect(r.phases).toEqual([{ voltageV: 242, currentA: 1, powerImportW: null, powerExportW: null }]);
    expect(r.tariff).toMatchObject({ tariffIndicator: 'BASE', tempoToday: null, tempoTomorrow: null });
    expect(r.groups).toMatchObject({ PREF: '06', CCASN: '00108', NTARF: '01', STGE: '003A0000' });
  });

  it('reads a capture cut into single bytes with noise around it', () => {
    const stream = Buffer.concat([Buffer.from('xx\r\n'), capture('linky-standard-base-mono'), Buffer.from([0x0a, 0x41]), capture('linky-historique-base-mono')]);
    const d = new TicDecoder();
    const out: FrameOutcome<TicMeterReading>[] = [];
    for (const b of stream) out.push(...d.push(Buffer.from([b])));
    expect(out.map((o) => (o.ok ? o.reading.powerImportW : o.error))).toEqual([263, 2390]);
  });

  it('drops the whole frame when one group checksum fails', () => {
    const bytes = capture('linky-standard-base-mono');
    const at = bytes.indexOf('SINSTS\t') + 9;
    bytes[at] = 0x39;
    const out = new TicDecoder().push(bytes);
    expect(out).toEqual([{ ok: false, kind: 'crc', error: expect.stringMatching(/^checksum mismatch in group "SINSTS"/) as unknown }]);
  });

  it('drops a frame the meter interrupts with EOT', () => {
    const bytes = capture('linky-historique-base-mono');
    const cut = Buffer.concat([bytes.subarray(0, 40), Buffer.from([0x04]), bytes]);
    const out = new TicDecoder().push(cut);
    expect(out.map((o) => (o.ok ? 'ok' : o.error))).toEqual(['frame interrupted by the meter (EOT)', 'ok']);
  });
});

describe('TIC tariff periods and producers', () => {
  it('historique Tempo: PTEC gives the period and today, DEMAIN tomorrow', () => {
    const frame = ticFrame([
      historiqueGroup('ADCO', '021728123456'),
      historiqueGroup('OPTARIF', 'BBR('),
      historiqueGroup('BBRHCJB', '001234567'),
      historiqueGroup('BBRHPJB', '001000000'),
      historiqueGroup('BBRHCJW', '000100000'),
      historiqueGroup('BBRHPJW', '000200000'),
      historiqueGroup('BBRHCJR', '000010000'),
      historiqueGroup('BBRHPJR', '000020000'),
      historiqueGroup('PTEC', 'HPJW'),
      historiqueGroup('DEMAIN', 'ROUG'),
      historiqueGroup('IINST1', '004'),
      historiqueGroup('IINST2', '002'),
      historiqueGroup('IINST3', '001'),
      historiqueGroup('PAPP', '01640'),
    ]);
    const r = only(new TicDecoder().push(frame));
    expect(r.energyImportWh).toBe(1_234_567 + 1_000_000 + 100_000 + 200_000 + 10_000 + 20_000);
    expect(r.tariff).toMatchObject({ tariffIndicator: 'HPJW', tempoToday: 'white', tempoTomorrow: 'red' });
    expect(r.phases.map((p) => p.currentA)).toEqual([4, 2, 1]);
  });

  it('historique HP/HC: the padding dots of PTEC are dropped', () => {
    const r = only(new TicDecoder().push(ticFrame([historiqueGroup('ADCO', '021728123456'), historiqueGroup('HCHC', '000100000'), historiqueGroup('HCHP', '000200000'), historiqueGroup('PTEC', 'HC..'), historiqueGroup('PAPP', '00500')])));
    expect(r.tariff?.tariffIndicator).toBe('HC');
    expect(r.energyImportWh).toBe(300_000);
  });

  it('standard producer: injection registers and Tempo colours from STGE', () => {
    const frame = ticFrame([
      standardGroup('ADSC', '041876097534'),
      standardGroup('DATE', '', 'E240621120000'),
      standardGroup('LTARF', '    HC  BLEU    '),
      standardGroup('EAST', '012345678'),
      standardGroup('EAIT', '001234567'),
      standardGroup('IRMS1', '005'),
      standardGroup('URMS1', '238'),
      standardGroup('SINSTS', '00000'),
      standardGroup('SINSTI', '02750'),
      standardGroup('STGE', ((3 << 24) | (1 << 26)).toString(16).toUpperCase().padStart(8, '0')),
    ]);
    const r = only(new TicDecoder().push(frame));
    expect(r.timestampMs).toBe(Date.UTC(2024, 5, 21, 10, 0, 0));
    expect([r.powerImportW, r.powerExportW, r.energyImportWh, r.energyExportWh]).toEqual([0, 2750, 12_345_678, 1_234_567]);
    expect(r.tariff).toMatchObject({ tariffIndicator: 'HC  BLEU', tempoToday: 'red', tempoTomorrow: 'blue' });
  });

  it('refuses a frame cut by a stray STX (it does not start with the address)', () => {
    const bytes = capture('linky-historique-base-mono');
    const at = bytes.indexOf('\r\nPAPP');
    bytes[at] = 0x02;
    const out = new TicDecoder().push(bytes);
    expect(out.map((o) => (o.ok ? 'ok' : o.error))).toEqual(['frame without ETX (a new STX came first)', 'frame does not start with ADCO: cut or damaged']);
  });

  it('refuses a frame whose power is not a number, even with valid checksums', () => {
    const out = new TicDecoder().push(ticFrame([standardGroup('ADSC', '041876097534'), standardGroup('SINSTS', '0x100')]));
    expect(out).toEqual([{ ok: false, kind: 'format', error: 'SINSTS: not a number: "0x100"' }]);
  });
});
