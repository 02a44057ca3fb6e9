/**
 * SML byte stream (an eHZ meter's IR interface) -> meter readings: OBIS
 * 1.8.0 / 2.8.0 energy, 16.7.0 net power (signed: > 0 import), per-phase
 * power 36/56/76.7.0, voltage 32/52/72.7.0 and current 31/51/71.7.0. A meter
 * without PIN entry sends only the energy registers: that frame has no power
 * and is reported as such.
 */
import type { FrameDecoder, FrameOutcome } from '../p1/frame-decoder.js';
import { splitSigned } from '../p1/meter-reading.js';
import type { MeterPhase, MeterReading } from '../p1/meter-reading.js';
import { SmlFramer } from './sml-framer.js';
import { readLists } from './sml-messages.js';
import type { SmlEntry } from './sml-messages.js';
import { SmlError } from './sml-tlv.js';

/** DLMS units, as SML uses them. */
const UNIT: Readonly<Record<string, number>> = { W: 27, Wh: 30, A: 33, V: 35 };

type Field = 'energyImportWh' | 'energyExportWh' | 'powerW' | 'powerImportW' | 'powerExportW' | `l${1 | 2 | 3}.${'powerW' | 'voltageV' | 'currentA'}`;
const OBJECTS: Readonly<Record<string, { readonly field: Field; readonly unit: string }>> = {
  '1.8.0': { field: 'energyImportWh', unit: 'Wh' },
  '2.8.0': { field: 'energyExportWh', unit: 'Wh' },
  '16.7.0': { field: 'powerW', unit: 'W' },
  '1.7.0': { field: 'powerImportW', unit: 'W' },
  '2.7.0': { field: 'powerExportW', unit: 'W' },
  '36.7.0': { field: 'l1.powerW', unit: 'W' },
  '56.7.0': { field: 'l2.powerW', unit: 'W' },
  '76.7.0': { field: 'l3.powerW', unit: 'W' },
  '32.7.0': { field: 'l1.voltageV', unit: 'V' },
  '52.7.0': { field: 'l2.voltageV', unit: 'V' },
  '72.7.0': { field: 'l3.voltageV', unit: 'V' },
  '31.7.0': { field: 'l1.currentA', unit: 'A' },
  '51.7.0': { field: 'l2.currentA', unit: 'A' },
  '71.7.0': { field: 'l3.currentA', unit: 'A' },
};

export class SmlDecoder implements FrameDecoder<MeterReading> {
  private readonly framer = new SmlFramer();

  get droppedBytes(): number {
    return this.framer.droppedBytes;
  }

  push(chunk: Uint8Array): FrameOutcome[] {
    return this.framer.push(chunk).map((f) => (f.ok ? decodeSmlPayload(f.payload) : f));
  }

  reset(): void {
    this.framer.reset();
  }
}

/** One SML file's messages (between start and end sequence, padding removed). */
export function decodeSmlPayload(payload: Buffer): FrameOutcome {
  try {
    const lists = readLists(payload);
    if (lists.length === 0) return { ok: false, kind: 'format', error: 'SML file without a GetListResponse' };
    const values: Partial<Record<Field, number>> = {};
    let meterId: string | null = null;
    for (const list of lists) {
      if (list.serverId !== null) meterId = list.serverId.toString('hex').toUpperCase();
      for (const e of list.entries) {
        const error = put(values, e);
        if (error !== null) return { ok: false, kind: 'format', error };
      }
    }
    return { ok: true, reading: toReading(values, meterId) };
  } catch (err) {
    if (err instanceof SmlError) return { ok: false, kind: 'format', error: `SML: ${err.message}` };
    throw err;
  }
}

function put(values: Partial<Record<Field, number>>, e: SmlEntry): string | null {
  // Electricity (A = 1), any channel B; the key is C.D.E.
  if (e.obis.length !== 6 || e.obis[0] !== 1) return null;
  const key = `${e.obis[2]}.${e.obis[3]}.${e.obis[4]}`;
  const object = OBJECTS[key];
  if (object === undefined) return null;
  const code = `1-${e.obis[1]}:${key}`;
  if (typeof e.value !== 'number') return e.value === null ? null : `${code}: value is not a number`;
  if (e.unit !== null && e.unit !== UNIT[object.unit]) return `${code}: unit ${e.unit} where ${object.unit} belongs`;
  values[object.field] = e.scaler < 0 ? e.value / 10 ** -e.scaler : e.value * 10 ** e.scaler;
  return null;
}

function toReading(v: Partial<Record<Field, number>>, meterId: string | null): MeterReading {
  const n = (x: number | undefined): number | null => x ?? null;
  const power = v.powerW !== undefined ? splitSigned(v.powerW) : { powerImportW: n(v.powerImportW), powerExportW: n(v.powerExportW) };
  const phases: MeterPhase[] = ([1, 2, 3] as const).map((i) => ({ voltageV: n(v[`l${i}.voltageV`]), currentA: n(v[`l${i}.currentA`]), ...splitSigned(n(v[`l${i}.powerW`])) }));
  return { meterId, timestampMs: null, ...power, energyImportWh: n(v.energyImportWh), energyExportWh: n(v.energyExportWh), phases, tariff: null };
}
