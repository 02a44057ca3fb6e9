/**
 * Generic SunSpec encoder: engineering values -> registers with the device's
 * scale factor (for writes), and whole model images from raw values (for the
 * simulator and tests). The inverse of decode.ts, from the same definitions.
 */
import { HubError } from '../../main/common/errors.js';
import type { DecodedModel } from './decode.js';
import { layoutModel, type PointSlot } from './layout.js';
import type { ModelDef } from './model-types.js';
import { encodeRaw, type RawValue } from './point-codec.js';

/** Engineering value -> raw integer for scale factor `sf` (rounded: the device can only hold whole steps). */
export function toRaw(value: number, sf: number): number {
  // Divide by a positive power of ten when possible: 0.3 / 10^-2 drifts, 0.3 * 100 does not.
  return Math.round(sf <= 0 ? value * 10 ** -sf : value / 10 ** sf);
}

/** Registers for one point holding `value` (engineering units; null writes "not implemented"). */
export function encodePointValue(slot: PointSlot, value: number | null, sf: number | null): number[] {
  const what = `point ${slot.path}`;
  if (value === null) return encodeRaw(slot.def.type, slot.def.size, null, what);
  if (slot.def.type === 'float32' || slot.def.type === 'float64') return encodeRaw(slot.def.type, slot.def.size, value, what);
  if (slot.def.sf !== undefined && sf === null) {
    throw new HubError('device_protocol', `cannot write ${what}: its scale factor ${String(slot.def.sf)} is not implemented by the device`);
  }
  return encodeRaw(slot.def.type, slot.def.size, toRaw(value, sf ?? 0), what);
}

export interface RegisterWrite {
  /** Offset from the model's ID register. */
  readonly offset: number;
  readonly registers: readonly number[];
}

/**
 * One write covering adjacent points of a decoded model, each with its own
 * scale factor as the device reported it. The points must be contiguous: a
 * write must never touch a point we did not mean to change.
 */
export function encodeWrite(model: DecodedModel, values: Readonly<Record<string, number | null>>): RegisterWrite {
  const slots = Object.keys(values).map((path) => {
    const point = model.points.get(path);
    if (point === undefined) throw new HubError('internal', `model ${model.id} has no point ${path}`);
    return point;
  });
  slots.sort((a, b) => a.slot.offset - b.slot.offset);
  const first = slots[0];
  if (first === undefined) throw new HubError('internal', 'empty SunSpec write');
  const registers: number[] = [];
  let next = first.slot.offset;
  for (const point of slots) {
    if (point.slot.offset !== next) throw new HubError('internal', `model ${model.id}: points to write are not contiguous at ${point.slot.path}`);
    if (point.slot.def.access !== 'RW') throw new HubError('internal', `model ${model.id}: point ${point.slot.path} is read-only`);
    registers.push(...encodePointValue(point.slot, values[point.slot.path] ?? null, point.sf));
    next += point.slot.def.size;
  }
  return { offset: first.slot.offset, registers };
}

export interface ModelImageOptions {
  /** L to report; defaults to what the definition needs for these counts. */
  readonly length?: number;
}

/**
 * A model's registers from raw values keyed by path (scale factors are points
 * like any other). Missing points are written as "not implemented"; ID is the
 * model's and L the layout's unless given.
 */
export function encodeModel(def: ModelDef, raw: Readonly<Record<string, RawValue | null>>, options: ModelImageOptions = {}): Uint16Array {
  const layout = layoutModel(def, {
    ...(options.length === undefined ? {} : { length: options.length }),
    countOf: (slot) => {
      const v = raw[slot.path];
      return typeof v === 'number' ? v : null;
    },
    fillCount: (groupPath) => instancesNamed(raw, groupPath),
  });
  const length = options.length ?? layout.size - 2;
  const out = new Uint16Array(length + 2);
  for (const slot of layout.slots) {
    if (slot.offset + slot.def.size > out.length) break;
    const value = slot.path === 'ID' ? def.id : slot.path === 'L' ? length : (raw[slot.path] ?? null);
    out.set(encodeRaw(slot.def.type, slot.def.size, value, `model ${def.id} point ${slot.path}`), slot.offset);
  }
  return out;
}

/** How many instances of a repeating group the keys name: "module[1].DCW" means at least 2. */
function instancesNamed(raw: Readonly<Record<string, unknown>>, groupPath: string): number {
  let count = 0;
  for (const key of Object.keys(raw)) {
    if (!key.startsWith(`${groupPath}[`)) continue;
    const index = Number.parseInt(key.slice(groupPath.length + 1), 10);
    if (Number.isInteger(index)) count = Math.max(count, index + 1);
  }
  return count;
}
