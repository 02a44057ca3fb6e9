/**
 * The installer's look at a SunSpec device (`npm run probe`): where its map
 * is, which models it has, who made it, and every point of every model we
 * have a definition for, with units, or "not available". Reads only: the
 * probe never writes to a device, so it is safe on a running installation.
 */
import { HubError } from '../../main/common/errors.js';
import type { ModbusUnit } from '../transports/modbus-types.js';
import { decodeModel, type DecodedPoint } from './decode.js';
import { discoverSunSpec, type SunSpecIdentity } from './discovery.js';
import { ModelReader, type RegisterRange } from './model-reader.js';
import { modelDefinition } from './model-registry.js';
import { quirkFor } from './vendor-quirks.js';

export interface ProbeReading {
  /** Scaled value; null when the device marks it unimplemented (or the read failed). */
  readonly value: number | string | null;
  readonly units: string | null;
  /** Enum: the state's name; bitfield: the names of the set bits. */
  readonly symbols?: readonly string[];
}

export interface ProbedModel {
  readonly id: number;
  readonly address: number;
  readonly length: number;
  /** The definition's label ("Inverter (Three Phase)"); null for a model we do not ship. */
  readonly label: string | null;
  /** Why its readings are missing (read failed), if they are. */
  readonly error?: string;
  /** Ranges the device refused (read as "not available"). */
  readonly refused?: readonly RegisterRange[];
}

export interface ProbeResult {
  readonly endpoint: string;
  readonly unitId: number;
  readonly base: number;
  readonly models: readonly ProbedModel[];
  readonly identity: SunSpecIdentity | null;
  /** By model id, then point path. */
  readonly readings: Readonly<Record<string, Readonly<Record<string, ProbeReading>>>>;
  /** Known deviations of this vendor, when model 1 names one. */
  readonly vendor: { readonly name: string; readonly notes: readonly string[] } | null;
}

export interface ProbeOptions {
  readonly bases?: readonly number[];
  readonly maxRegistersPerRead?: number;
}

/** Points that are structure, not readings. */
const structural = new Set(['ID', 'L']);

export async function probeSunSpec(unit: ModbusUnit, options: ProbeOptions = {}): Promise<ProbeResult> {
  const reader = new ModelReader(unit, { maxRegistersPerRead: options.maxRegistersPerRead ?? 125 });
  const found = await discoverSunSpec(unit, { reader, ...(options.bases === undefined ? {} : { bases: options.bases }) });
  const models: ProbedModel[] = [];
  const readings: Record<string, Record<string, ProbeReading>> = {};
  for (const m of found.models) {
    const def = modelDefinition(m.id);
    const base = { id: m.id, address: m.address, length: m.length, label: def?.label ?? def?.group.label ?? def?.group.name ?? null };
    if (def === undefined) {
      models.push(base);
      continue;
    }
    try {
      const decoded = decodeModel(def, await reader.read(m));
      const points: Record<string, ProbeReading> = {};
      for (const [path, point] of decoded.points) {
        if (structural.has(path) || point.slot.def.type === 'sunssf' || point.slot.def.type === 'pad') continue;
        points[path] = reading(point);
      }
      // Several instances of one model (two batteries): the first keeps the plain id.
      const key = readings[String(m.id)] === undefined ? String(m.id) : `${m.id}@${m.address}`;
      readings[key] = points;
      const refused = reader.skippedRanges(m);
      models.push(refused.length > 0 ? { ...base, refused } : base);
    } catch (err) {
      if (!(err instanceof HubError) || err.code === 'device_unreachable') throw err;
      models.push({ ...base, error: err.message });
    }
  }
  const quirk = quirkFor(found.identity?.manufacturer);
  return {
    endpoint: unit.endpoint ?? `${unit.host}:${unit.port}`,
    unitId: unit.unitId,
    base: found.base,
    models,
    identity: found.identity,
    readings,
    vendor: quirk === undefined ? null : { name: quirk.vendor, notes: quirk.notes },
  };
}

function reading(point: DecodedPoint): ProbeReading {
  const units = point.slot.def.units ?? null;
  const hasSymbols = point.slot.def.symbols !== undefined;
  return hasSymbols ? { value: point.value, units, symbols: point.symbols } : { value: point.value, units };
}
