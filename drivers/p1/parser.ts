/**
 * DSMR P1 telegram parser (DSMR 2.2 to 5.0.2, Fluvius e-MUCS, the Swedish
 * variant): a pure function from the telegram text to a typed reading or an
 * explicit error. Bad input never throws. Unknown OBIS objects are kept in
 * `raw`, not rejected: meters add objects all the time.
 *
 * A DSMR 4/5 telegram whose CRC is missing is rejected (a damaged tail must not
 * pass as a DSMR 3 telegram); DSMR 2.2/3 telegrams carry no CRC and are
 * accepted with crcChecked = false.
 */
import {
  MBUS_DEVICE_TYPE,
  MBUS_EQUIPMENT_ID,
  MBUS_GAS,
  MBUS_VALUE,
  MBUS_VALUE_DSMR3,
  METER_ID,
  PHASE_OBJECTS,
  TARIFF,
  TIMESTAMP,
  TOTALS,
  VERSION_BE,
  VERSION_NL,
} from './obis.js';
import type { PhaseField, TotalField } from './obis.js';
import { readDemand, readEvents } from './extras.js';
import type { P1MbusReading, P1ParseResult, P1Reading } from './reading.js';
import { readSyntax } from './syntax.js';
import { parseDsmrTimestamp } from './timestamp.js';
import { decodeHexText, measurement, shiftDecimal } from './values.js';

export type { P1MbusReading, P1ParseResult, P1PhaseReading, P1Reading } from './reading.js';

/** Thrown inside interpret() only, and always caught in parseTelegram(). */
class ParseFailure extends Error {
  constructor(
    readonly kind: 'crc' | 'format',
    message: string,
  ) {
    super(message);
  }
}

export function parseTelegram(text: string): P1ParseResult {
  const syntax = readSyntax(text);
  if (!syntax.ok) return syntax;
  const { header, crcChecked, objects, duplicates } = syntax.value;
  try {
    return { ok: true, reading: interpret(header, crcChecked, objects, duplicates) };
  } catch (err) {
    // Only our own ParseFailure is expected here; anything else is a bug and must surface.
    if (err instanceof ParseFailure) return { ok: false, kind: err.kind, error: err.message };
    throw err;
  }
}

function interpret(header: string, crcChecked: boolean, objects: ReadonlyMap<string, readonly string[]>, duplicates: readonly string[]): P1Reading {
  const raw: Record<string, readonly string[]> = {};
  const totals: Record<TotalField, number | null> = {
    powerImportW: null,
    powerExportW: null,
    energyImportT1Wh: null,
    energyImportT2Wh: null,
    energyImportWh: null,
    energyExportT1Wh: null,
    energyExportT2Wh: null,
    energyExportWh: null,
  };
  const blankPhase = (): Record<PhaseField, number | null> => ({ voltageV: null, currentA: null, powerImportW: null, powerExportW: null });
  const phases = [blankPhase(), blankPhase(), blankPhase()] as const;
  const mbus = new Map<number, { deviceType: number | null; equipmentId: string | null; timestampMs: number | null; value: number | null; unit: string | null }>();
  const channel = (n: number): NonNullable<ReturnType<typeof mbus.get>> => {
    let c = mbus.get(n);
    if (c === undefined) {
      c = { deviceType: null, equipmentId: null, timestampMs: null, value: null, unit: null };
      mbus.set(n, c);
    }
    return c;
  };
  let timestampMs: number | null = null;
  let meterId: string | null = null;
  let tariff: number | null = null;
  let version: string | null = null;

  for (const [code, values] of objects) {
    const total = TOTALS[code];
    const phase = PHASE_OBJECTS[code];
    let m: RegExpExecArray | null;
    if (total !== undefined) {
      totals[total.field] = measured(code, values, total.quantity);
    } else if (phase !== undefined) {
      phases[phase.phase][phase.field] = measured(code, values, phase.quantity);
    } else if (code === TIMESTAMP) {
      timestampMs = stamp(code, single(code, values));
    } else if (code === METER_ID) {
      meterId = optionalText(single(code, values));
    } else if (code === TARIFF) {
      const t = single(code, values);
      if (!/^\d{1,4}$/.test(t)) throw new ParseFailure('format', `${code}: tariff ${JSON.stringify(t)} is not a number`);
      tariff = Number(t);
    } else if (code === VERSION_NL || code === VERSION_BE) {
      version = single(code, values);
    } else if ((m = MBUS_DEVICE_TYPE.exec(code)) !== null) {
      const t = single(code, values);
      if (!/^\d{1,3}$/.test(t)) throw new ParseFailure('format', `${code}: device type ${JSON.stringify(t)} is not a number`);
      channel(Number(m[1])).deviceType = Number(t);
    } else if ((m = MBUS_EQUIPMENT_ID.exec(code)) !== null) {
      channel(Number(m[1])).equipmentId = optionalText(single(code, values));
    } else if ((m = MBUS_VALUE.exec(code)) !== null) {
      const c = channel(Number(m[1]));
      if (c.value === null) {
        if (values.length !== 2) throw new ParseFailure('format', `${code}: expected (time stamp)(value*unit), got ${values.length} values`);
        c.timestampMs = stamp(code, values[0] ?? '');
        Object.assign(c, mbusValue(code, values[1] ?? ''));
      }
    } else if ((m = MBUS_VALUE_DSMR3.exec(code)) !== null) {
      const c = channel(Number(m[1]));
      if (values.length !== 7) throw new ParseFailure('format', `${code}: expected 7 values (DSMR 3 M-Bus form), got ${values.length}`);
      c.timestampMs = stamp(code, values[0] ?? '');
      const value = shiftDecimal(values[6] ?? '', 0);
      if (value === null) throw new ParseFailure('format', `${code}: not a number: ${JSON.stringify(values[6])}`);
      c.value = value;
      c.unit = values[5] ?? null;
    } else {
      raw[code] = values;
    }
  }
  const interpreted = duplicates.filter((c) => raw[c] === undefined);
  if (interpreted.length > 0) throw new ParseFailure('format', `${interpreted.join(', ')} appears more than once`);

  // A DSMR 4/5 meter (and every Fluvius meter, DSMR 5 based) always sends a CRC; without one the tail was lost.
  if (!crcChecked && version !== null && /^\d{2}$/.test(version) && Number(version) >= 40) {
    throw new ParseFailure('crc', `CRC missing in a DSMR ${version[0]}.${version[1]} telegram`);
  }
  if (!crcChecked && objects.has(VERSION_BE)) throw new ParseFailure('crc', 'CRC missing in a Fluvius (e-MUCS) telegram');

  const demand = readDemand(raw);
  if (!demand.ok) throw new ParseFailure('format', demand.error);
  const events = readEvents(raw);
  if (!events.ok) throw new ParseFailure('format', events.error);

  const mbusReadings: P1MbusReading[] = [...mbus.entries()].sort(([a], [b]) => a - b).map(([n, c]) => ({ channel: n, ...c }));
  const gasChannel = mbusReadings.find((c) => c.value !== null && (c.deviceType === MBUS_GAS || (c.deviceType === null && c.unit?.toLowerCase() === 'm3')));

  return {
    header,
    manufacturer: header.slice(0, 3),
    version,
    crcChecked,
    timestampMs,
    meterId,
    tariff,
    ...totals,
    energyImportWh: totals.energyImportWh ?? sumOrNull(totals.energyImportT1Wh, totals.energyImportT2Wh),
    energyExportWh: totals.energyExportWh ?? sumOrNull(totals.energyExportT1Wh, totals.energyExportT2Wh),
    phases,
    mbus: mbusReadings,
    demand: demand.value,
    events: events.value,
    gas: gasChannel === undefined || gasChannel.value === null ? null : { channel: gasChannel.channel, volumeM3: gasChannel.value, timestampMs: gasChannel.timestampMs },
    raw,
  };
}

function single(code: string, values: readonly string[]): string {
  if (values.length !== 1) throw new ParseFailure('format', `${code}: expected one value, got ${values.length}`);
  return values[0] ?? '';
}

function measured(code: string, values: readonly string[], quantity: Parameters<typeof measurement>[1]): number {
  const r = measurement(single(code, values), quantity);
  if ('error' in r) throw new ParseFailure('format', `${code}: ${r.error}`);
  return r.value;
}

function stamp(code: string, text: string): number {
  const ts = parseDsmrTimestamp(text);
  if (ts === null) throw new ParseFailure('format', `${code}: bad time stamp ${JSON.stringify(text)}`);
  return ts;
}

function optionalText(text: string): string | null {
  return text === '' ? null : decodeHexText(text);
}

function mbusValue(code: string, text: string): { value: number; unit: string } {
  const star = text.indexOf('*');
  const value = shiftDecimal(star === -1 ? text : text.slice(0, star), 0);
  if (star === -1 || value === null) throw new ParseFailure('format', `${code}: expected "number*unit", got ${JSON.stringify(text)}`);
  return { value, unit: text.slice(star + 1) };
}

function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}
