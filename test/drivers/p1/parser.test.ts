import { describe, expect, it } from 'vitest';
import { crc16Arc } from '../../../drivers/p1/crc16.js';
import { parseTelegram } from '../../../drivers/p1/parser.js';
import type { P1ParseResult, P1Reading } from '../../../drivers/p1/parser.js';
import { fixture, withValidCrc } from './fixtures.js';

function ok(result: P1ParseResult): P1Reading {
  if (!result.ok) throw new Error(`expected a reading, got: ${result.error}`);
  return result.reading;
}

function failure(result: P1ParseResult): { kind: string; error: string } {
  if (result.ok) throw new Error('expected an error, got a reading');
  return result;
}

describe('parseTelegram on real captures', () => {
  it('reads the NL DSMR 5.0 Iskra telegram', () => {
    const r = ok(parseTelegram(fixture('nl-iskra-v5')));
    expect(r.crcChecked).toBe(true);
    expect(r.header).toBe('ISk5\\2MT382-1000');
    expect(r.manufacturer).toBe('ISk');
    expect(r.version).toBe('50');
    expect(r.timestampMs).toBe(Date.UTC(2017, 0, 2, 18, 20, 2));
    expect(r.meterId).toBe('K8EG004046395507');
    expect(r.tariff).toBe(2);
    expect(r.powerImportW).toBe(244);
    expect(r.powerExportW).toBe(0);
    expect([r.energyImportT1Wh, r.energyImportT2Wh, r.energyImportWh]).toEqual([4426, 2399, 6825]);
    expect([r.energyExportT1Wh, r.energyExportT2Wh, r.energyExportWh]).toEqual([2444, 0, 2444]);
    expect(r.phases.map((p) => p.voltageV)).toEqual([230, 230, 229]);
    expect(r.phases.map((p) => p.currentA)).toEqual([0.48, 0.44, 0.86]);
    expect(r.phases.map((p) => p.powerImportW)).toEqual([70, 32, 142]);
    expect(r.phases.map((p) => p.powerExportW)).toEqual([0, 0, 0]);
    expect(r.gas).toEqual({ channel: 1, volumeM3: 0.107, timestampMs: Date.UTC(2017, 0, 2, 15, 10, 5) });
    expect(r.mbus).toEqual([
      { channel: 1, deviceType: 3, equipmentId: '2222ABCD123456789', timestampMs: Date.UTC(2017, 0, 2, 15, 10, 5), value: 0.107, unit: 'm3' },
      { channel: 2, deviceType: 3, equipmentId: null, timestampMs: null, value: null, unit: null },
    ]);
    expect(r.raw['0-0:96.7.21']).toEqual(['00013']);
    expect(r.raw['1-0:99.97.0']).toEqual(['0', '0-0:96.7.19']);
    expect(r.raw['0-0:96.13.0']).toEqual(['']);
  });

  it('reads the NL DSMR 3 Iskra telegram: no CRC, gas value on a continuation line', () => {
    const r = ok(parseTelegram(fixture('nl-iskra-v3')));
    expect(r.crcChecked).toBe(false);
    expect(r.version).toBeNull();
    expect(r.timestampMs).toBeNull();
    expect(r.meterId).toBe('K8EG004046395507');
    expect(r.tariff).toBe(2);
    expect(r.powerImportW).toBe(1190);
    expect(r.powerExportW).toBe(0);
    expect([r.energyImportT1Wh, r.energyImportT2Wh, r.energyImportWh]).toEqual([12_345_678, 12_345_678, 24_691_356]);
    expect([r.energyExportT1Wh, r.energyExportT2Wh, r.energyExportWh]).toEqual([12_345_678, 12_345_678, 24_691_356]);
    expect(r.phases.every((p) => p.voltageV === null && p.currentA === null)).toBe(true);
    // 2009-02-12 16:00 local, winter time (no flag in DSMR 3).
    expect(r.gas).toEqual({ channel: 1, volumeM3: 1.001, timestampMs: Date.UTC(2009, 1, 12, 15, 0, 0) });
    expect(r.raw['0-0:17.0.0']).toEqual(['016*A']);
  });

  it('reads the BE Fluvius 1.7.1 telegram: gas on 24.2.3, water on channel 2', () => {
    const r = ok(parseTelegram(fixture('be-fluvius-v171')));
    expect(r.crcChecked).toBe(true);
    expect(r.manufacturer).toBe('FLU');
    expect(r.version).toBe('50217');
    expect(r.timestampMs).toBe(Date.UTC(2020, 4, 12, 11, 54, 9));
    expect(r.meterId).toBe('1SAG3101021605');
    expect(r.tariff).toBe(1);
    expect([r.powerImportW, r.powerExportW]).toEqual([0, 0]);
    expect([r.energyImportT1Wh, r.energyImportT2Wh, r.energyImportWh]).toEqual([34, 15_758, 15_792]);
    expect([r.energyExportT1Wh, r.energyExportT2Wh, r.energyExportWh]).toEqual([0, 11, 11]);
    expect(r.phases.map((p) => p.voltageV)).toEqual([234.7, 234.7, 234.7]);
    expect(r.phases.map((p) => p.currentA)).toEqual([0, 0, 0]);
    expect(r.gas).toEqual({ channel: 1, volumeM3: 112.384, timestampMs: Date.UTC(2020, 4, 12, 11, 45, 58) });
    expect(r.mbus[1]).toEqual({ channel: 2, deviceType: 7, equipmentId: '8SAG1234567890', timestampMs: Date.UTC(2020, 4, 12, 11, 45, 58), value: 872.234, unit: 'm3' });
    expect(r.raw['1-0:1.6.0']).toEqual(['200509134558S', '02.589*kW']);
    expect(r.raw['0-0:98.1.0']).toHaveLength(12);
  });

  it('reads the SE Landis+Gyr E360 telegram with exact decimal arithmetic', () => {
    const r = ok(parseTelegram(fixture('se-landisgyr-e360')));
    expect(r.crcChecked).toBe(true);
    expect(r.manufacturer).toBe('LGF');
    expect(r.meterId).toBeNull();
    expect(r.timestampMs).toBe(Date.UTC(2022, 1, 4, 10, 6, 50));
    expect(r.powerImportW).toBe(2301);
    expect(r.powerExportW).toBe(0);
    expect(r.energyImportWh).toBe(10_501_076);
    expect(r.energyExportWh).toBe(0);
    expect(r.energyImportT1Wh).toBeNull();
    // 1.011 kW is 1011 W, not the 1010 a float truncation gives.
    expect(r.phases.map((p) => p.powerImportW)).toEqual([622, 667, 1011]);
    expect(r.phases.map((p) => p.powerExportW)).toEqual([0, 0, 0]);
    expect(r.phases.map((p) => p.voltageV)).toEqual([232.1, 233.1, 231.9]);
    expect(r.phases.map((p) => p.currentA)).toEqual([2.8, 2.9, 4.8]);
    expect(r.gas).toBeNull();
    expect(r.raw['1-0:3.8.0']).toEqual(['00001761.087*kVArh']);
  });
});

describe('parseTelegram rejects damaged telegrams', () => {
  it('reports a CRC mismatch, with both values, for one changed byte', () => {
    const good = fixture('nl-iskra-v5');
    const bad = good.replace('1-0:1.7.0(00.244*kW)', '1-0:1.7.0(00.245*kW)');
    expect(bad).not.toBe(good);
    const f = failure(parseTelegram(bad));
    expect(f.kind).toBe('crc');
    expect(f.error).toMatch(/^CRC mismatch: telegram says 6EEE, computed [0-9A-F]{4}$/);
    expect(f.error).not.toContain('computed 6EEE');
  });

  it('reports a wrong CRC field', () => {
    const f = failure(parseTelegram(fixture('se-landisgyr-e360').replace('!8012', '!8013')));
    expect(f).toEqual({ ok: false, kind: 'crc', error: 'CRC mismatch: telegram says 8013, computed 8012' });
  });

  it('accepts lower-case CRC digits (same number)', () => {
    expect(parseTelegram(fixture('nl-iskra-v5').replace('!6EEE', '!6eee')).ok).toBe(true);
  });

  it('rejects a DSMR 5 telegram whose CRC was cut off', () => {
    const f = failure(parseTelegram(fixture('nl-iskra-v5').replace('!6EEE', '!')));
    expect(f.kind).toBe('crc');
    expect(f.error).toBe('CRC missing in a DSMR 5.0 telegram');
  });

  it('rejects a Fluvius telegram whose CRC was cut off', () => {
    expect(failure(parseTelegram(fixture('be-fluvius-v171').replace('!3AD7', '!')))).toEqual({ ok: false, kind: 'crc', error: 'CRC missing in a Fluvius (e-MUCS) telegram' });
  });

  it('rejects a malformed CRC field, and a shortened one as a mismatch', () => {
    expect(failure(parseTelegram(fixture('nl-iskra-v5').replace('!6EEE', '!6EEX'))).error).toMatch(/^malformed CRC field/);
    expect(failure(parseTelegram(fixture('nl-iskra-v5').replace('!6EEE', '!6EE'))).error).toMatch(/^CRC mismatch: telegram says 6EE, computed 6EEE$/);
  });

  it('accepts a CRC written without its leading zeros (1-3 digits)', () => {
    // Vary the gas reading until the CRC is below 0x1000, then write it with three digits.
    for (let i = 0; i < 100_000; i++) {
      const body = fixture('nl-iskra-v5').replace('00000.107*m3', `${String(i).padStart(5, '0')}.107*m3`);
      const signed = body.slice(0, body.indexOf('!') + 1);
      const crc = crc16Arc(signed);
      if (crc >= 0x1000) continue;
      const r = parseTelegram(`${signed}${crc.toString(16).toUpperCase()}\r\n`);
      expect(r.ok).toBe(true);
      return;
    }
    throw new Error('no telegram with a small CRC found');
    expect(failure(parseTelegram(`${fixture('nl-iskra-v5')}/XYZ5`)).kind).toBe('crc');
  });

  it('rejects a wrong unit instead of scaling it wrongly', () => {
    const f = failure(parseTelegram(withValidCrc(fixture('nl-iskra-v5').replace('1-0:1.7.0(00.244*kW)', '1-0:1.7.0(00.244*kWh)'))));
    expect(f).toEqual({ ok: false, kind: 'format', error: '1-0:1.7.0: unit "kWh" is not a power unit' });
  });

  it('reads W where a meter writes W instead of kW', () => {
    const r = ok(parseTelegram(withValidCrc(fixture('nl-iskra-v5').replace('1-0:1.7.0(00.244*kW)', '1-0:1.7.0(00244*W)'))));
    expect(r.powerImportW).toBe(244);
  });

  it('rejects a value without a unit, a bad time stamp, a duplicate register', () => {
    const v5 = fixture('nl-iskra-v5');
    expect(failure(parseTelegram(withValidCrc(v5.replace('1-0:2.7.0(00.000*kW)', '1-0:2.7.0(00.000)')))).error).toBe('1-0:2.7.0: expected "number*unit", got "00.000"');
    expect(failure(parseTelegram(withValidCrc(v5.replace('170102192002W', '171302192002W')))).error).toBe('0-0:1.0.0: bad time stamp "171302192002W"');
    expect(failure(parseTelegram(withValidCrc(v5.replace('1-0:2.7.0(00.000*kW)', '1-0:2.7.0(00.000*kW)\r\n1-0:1.7.0(09.999*kW)')))).error).toBe(
      '1-0:1.7.0 appears more than once',
    );
  });

  it('keeps unknown OBIS objects, even repeated ones, without failing', () => {
    const r = ok(parseTelegram(withValidCrc(fixture('nl-iskra-v5').replace('0-0:96.13.0()', '0-0:96.13.0()\r\n1-0:99.1.0(1)(2)\r\n1-0:99.1.0(3)'))));
    expect(r.raw['1-0:99.1.0']).toEqual(['1', '2']);
    expect(r.powerImportW).toBe(244);
  });

  it.each([
    ['', `telegram does not start with '/': ""`],
    ['hello', `telegram does not start with '/': "hello"`],
    ['/ISk5\\2MT382-1000\r\n\r\n1-0:1.7.0(00.244*kW)\r\n', "telegram has no end mark '!'"],
    ['/\r\n\r\n!', 'bad identification line: ""'],
    ['/ISk5\\2\r\n\r\n1-0:1.7.0\r\n!', 'line without a value: "1-0:1.7.0"'],
    ['/ISk5\\2\r\n\r\n1-0:1.7.0(00.244*kW\r\n!', "unclosed '(' in 1-0:1.7.0"],
    ['/ISk5\\2\r\n\r\nfoo(1)\r\n!', 'bad OBIS code: "foo"'],
    ['/ISk5\\2\r\n\r\n1-0:1.7.0(1*kW)x\r\n!', 'unexpected "x" after 1-0:1.7.0'],
  ])('rejects %j with a clear format error', (text, error) => {
    const f = failure(parseTelegram(text));
    expect(f.error).toBe(error);
  });
});
