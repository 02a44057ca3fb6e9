/**
 * The P1 simulator's telegrams against the real captures: same objects in the
 * same order, same fixed widths, and values our parser reads back exactly.
 */
import { describe, expect, it } from 'vitest';
import { parseTelegram } from '../../../drivers/p1/parser.js';
import type { P1Reading } from '../../../drivers/p1/parser.js';
import { formatP1Telegram } from '../../../drivers/sim/p1-server.js';
import type { P1TelegramFields } from '../../../drivers/sim/p1-server.js';
import { fixture } from './fixtures.js';

const fields: P1TelegramFields = {
  ts: Date.UTC(2024, 5, 21, 10, 0, 5, 600),
  registersWh: { importT1: 3_512_345.9, importT2: 2_987_654, exportT1: 812_345, exportT2: 1_654_321 },
  tariff: 2,
  gridW: -2345.4,
  phases: [
    { voltageV: 231.26, currentA: 3.4, powerW: 785.6 },
    { voltageV: 233.04, currentA: 6.6, powerW: -1540.2 },
    { voltageV: 232.5, currentA: 6.8, powerW: -1590.8 },
  ],
  gas: { ts: Date.UTC(2024, 5, 21, 10, 0), volumeM3: 4321.1239 },
};

function read(text: string): P1Reading {
  const r = parseTelegram(text);
  if (!r.ok) throw new Error(r.error);
  return r.reading;
}

const codes = (text: string): string[] => [...text.matchAll(/^(\d+-\d+:\d+\.\d+\.\d+)\(/gm)].map((m) => m[1] ?? '');

describe('formatP1Telegram', () => {
  it('sends the objects of a real DSMR 5 meter, in its order', () => {
    const real = codes(fixture('nl-iskra-v5')).filter((c) => !c.startsWith('0-2:'));
    expect(codes(formatP1Telegram(fields))).toEqual(real);
  });

  it('writes the fixed widths and units real meters write', () => {
    const t = formatP1Telegram(fields);
    expect(t.startsWith('/SIM5\\2SCALE-HUB-P1\r\n\r\n1-3:0.2.8(50)\r\n')).toBe(true);
    expect(t).toMatch(/\r\n!([0-9A-F]{4})\r\n$/);
    expect(t.split('\r\n').slice(0, -1).every((line) => !line.includes('\n'))).toBe(true);
    expect(t).toContain('0-0:1.0.0(240621120005S)\r\n');
    expect(t).toContain('1-0:1.8.1(003512.345*kWh)\r\n');
    expect(t).toContain('1-0:1.8.2(002987.654*kWh)\r\n');
    expect(t).toContain('1-0:2.8.1(000812.345*kWh)\r\n');
    expect(t).toContain('1-0:2.8.2(001654.321*kWh)\r\n');
    expect(t).toContain('0-0:96.14.0(0002)\r\n');
    expect(t).toContain('1-0:1.7.0(00.000*kW)\r\n');
    expect(t).toContain('1-0:2.7.0(02.345*kW)\r\n');
    expect(t).toContain('1-0:32.7.0(231.3*V)\r\n');
    expect(t).toContain('1-0:31.7.0(003*A)\r\n');
    expect(t).toContain('1-0:51.7.0(007*A)\r\n');
    expect(t).toContain('1-0:21.7.0(00.786*kW)\r\n');
    expect(t).toContain('1-0:42.7.0(01.540*kW)\r\n');
    expect(t).toContain('1-0:62.7.0(01.591*kW)\r\n');
    expect(t).toContain('0-1:24.1.0(003)\r\n');
    expect(t).toContain('0-1:24.2.1(240621120000S)(04321.123*m3)\r\n');
  });

  it('reads back through the parser with a valid CRC', () => {
    const r = read(formatP1Telegram(fields));
    expect(r.crcChecked).toBe(true);
    expect(r.timestampMs).toBe(Date.UTC(2024, 5, 21, 10, 0, 5));
    expect(r.meterId).toBe('E0000000000000000');
    expect(r.powerImportW).toBe(0);
    expect(r.powerExportW).toBe(2345);
    expect(r.energyImportWh).toBe(3_512_345 + 2_987_654);
    expect(r.energyExportWh).toBe(812_345 + 1_654_321);
    expect(r.phases.map((p) => p.voltageV)).toEqual([231.3, 233, 232.5]);
    expect(r.phases.map((p) => p.currentA)).toEqual([3, 7, 7]);
    expect(r.phases.map((p) => (p.powerImportW ?? 0) - (p.powerExportW ?? 0))).toEqual([786, -1540, -1591]);
    expect(r.gas).toEqual({ channel: 1, volumeM3: 4321.123, timestampMs: Date.UTC(2024, 5, 21, 10, 0) });
  });

  it('writes a wrong CRC when asked to', () => {
    const r = parseTelegram(formatP1Telegram(fields, { corruptCrc: true }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind).toBe('crc');
  });

  it('uses the winter flag in winter', () => {
    expect(formatP1Telegram({ ...fields, ts: Date.UTC(2024, 0, 15, 6, 30) })).toContain('0-0:1.0.0(240115073000W)');
  });
});
