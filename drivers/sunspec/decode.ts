/**
 * Generic SunSpec decoder: a model definition plus the model's registers give
 * named points with their scale factors applied. Knows no model by heart.
 */
import { HubError } from '../../main/common/errors.js';
import { findInScopes, layoutModel, type ModelLayout, type PointSlot } from './layout.js';
import type { ModelDef, PointType } from './model-types.js';
import { decodeRaw, type RawValue } from './point-codec.js';

export interface DecodedPoint {
  readonly slot: PointSlot;
  /** As on the wire (signed/unsigned integer, float, text); null when unimplemented. */
  readonly raw: RawValue | null;
  /** Exponent applied (0 for points without a scale factor); null when the scale factor itself is unimplemented. */
  readonly sf: number | null;
  /** raw × 10^sf; null when the point or its scale factor is unimplemented. */
  readonly value: RawValue | null;
  /** enum: the symbol's name; bitfield: the names of the set bits; otherwise empty. */
  readonly symbols: readonly string[];
}

export interface DecodedModel {
  readonly id: number;
  /** L as the device reports it. */
  readonly length: number;
  readonly layout: ModelLayout;
  readonly points: ReadonlyMap<string, DecodedPoint>;
}

const scaledTypes: ReadonlySet<PointType> = new Set(['int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'acc16', 'acc32', 'acc64', 'count']);

/**
 * `regs` starts at the model's ID register. A device whose model is shorter
 * than our definition (an older revision) gets null for the missing points;
 * extra registers (a newer revision) are ignored.
 */
export function decodeModel(def: ModelDef, regs: ArrayLike<number>): DecodedModel {
  const id = regs[0];
  const length = regs[1];
  if (id !== def.id || length === undefined) {
    throw new HubError('device_protocol', `expected SunSpec model ${def.id}, found ${id === undefined ? 'nothing' : `model ${id}`}`);
  }
  const available = Math.min(regs.length, length + 2);
  const rawAt = (slot: PointSlot): RawValue | null => {
    if (slot.offset + slot.def.size > available) return null;
    return decodeRaw(slot.def.type, Array.prototype.slice.call(regs, slot.offset, slot.offset + slot.def.size) as number[]);
  };
  const layout = layoutModel(def, {
    length,
    countOf: (slot) => {
      const raw = rawAt(slot);
      return typeof raw === 'number' ? raw : null;
    },
  });

  const raws = new Map<string, RawValue | null>();
  for (const slot of layout.slots) raws.set(slot.path, rawAt(slot));

  const points = new Map<string, DecodedPoint>();
  for (const slot of layout.slots) {
    const raw = raws.get(slot.path) ?? null;
    const sf = resolveScale(def, layout, slot, raws);
    points.set(slot.path, { slot, raw, sf, value: scaled(slot, raw, sf), symbols: symbolsOf(slot, raw) });
  }
  return { id: def.id, length, layout, points };
}

function resolveScale(def: ModelDef, layout: ModelLayout, slot: PointSlot, raws: ReadonlyMap<string, RawValue | null>): number | null {
  const sf = slot.def.sf;
  if (sf === undefined) return 0;
  if (typeof sf === 'number') return sf;
  const sfSlot = findInScopes(layout.byPath, slot.scopes, sf);
  if (sfSlot === undefined) throw new Error(`model ${def.id}: point ${slot.path} refers to unknown scale factor ${sf}`);
  const raw = raws.get(sfSlot.path);
  return typeof raw === 'number' ? raw : null;
}

function scaled(slot: PointSlot, raw: RawValue | null, sf: number | null): RawValue | null {
  if (raw === null || typeof raw === 'string' || !scaledTypes.has(slot.def.type)) return raw;
  if (sf === null) return null;
  return applyScale(raw, sf);
}

/** raw × 10^sf, dividing for negative exponents so that 985 × 10^-3 is 0.985 and not 0.9850000000000001. */
export function applyScale(raw: number, sf: number): number {
  return sf < 0 ? raw / 10 ** -sf : raw * 10 ** sf;
}

function symbolsOf(slot: PointSlot, raw: RawValue | null): readonly string[] {
  const symbols = slot.def.symbols;
  if (symbols === undefined || typeof raw !== 'number') return [];
  if (slot.def.type.startsWith('bitfield')) {
    // Bitfield symbols give bit numbers.
    return symbols.filter((s) => Math.floor(raw / 2 ** s.value) % 2 === 1).map((s) => s.name);
  }
  const match = symbols.find((s) => s.value === raw);
  return match === undefined ? [] : [match.name];
}

/** The scaled numeric value at `path`; null when unimplemented, not a number, or not in this model. */
export function numberAt(model: DecodedModel, path: string): number | null {
  const v = model.points.get(path)?.value;
  return typeof v === 'number' ? v : null;
}

export function stringAt(model: DecodedModel, path: string): string | null {
  const v = model.points.get(path)?.value;
  return typeof v === 'string' ? v : null;
}
