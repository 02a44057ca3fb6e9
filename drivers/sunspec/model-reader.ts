/**
 * Reads one SunSpec model's registers the way field devices tolerate:
 *
 * - Requests start and end on point boundaries (SunSpec servers may refuse
 *   a read that starts inside a point: pysunspec2 issue 16), and are never
 *   longer than the unit's limit (some devices reject long reads).
 * - A range the device answers with exception 2 or 3 (SMA refuses parts of
 *   its map; some devices report a model length they do not serve) is split
 *   in two on a point boundary until the readable parts are found; the parts
 *   it never serves read as "not implemented". What was learned is kept, so
 *   the next read goes straight to the readable parts.
 * - A model that needs several requests is read with its scale factors
 *   before and after the values; if a scale factor changed in between
 *   (SolarEdge changes W_SF with the power) the model is read again, and if
 *   it keeps changing the read fails instead of pairing a value with the
 *   wrong exponent.
 */
import { HubError } from '../../main/common/errors.js';
import { ModbusExceptionError } from '../transports/modbus-errors.js';
import type { ModbusUnit } from '../transports/modbus-types.js';
import type { DiscoveredModel } from './discovery.js';
import { layoutModel, type PointSlot } from './layout.js';
import { modelDefinition } from './model-registry.js';
import { ModelMovedError } from './model-moved.js';
import { unimplementedRegisters } from './point-codec.js';

export interface RegisterRange {
  /** From the model's ID register. */
  readonly offset: number;
  readonly count: number;
}

interface ReadPlan {
  readonly chunks: readonly RegisterRange[];
  readonly skipped: readonly RegisterRange[];
}

export interface ModelReaderOptions {
  /** Largest read in one request (the device's limit), 1..125. */
  readonly maxRegistersPerRead: number;
  /** Requests one model read may spend finding the readable parts. */
  readonly maxSplitRequests?: number;
}

/** Exceptions that mean "not this range" rather than "not now". */
const rangeRejections = new Set([2, 3]);
const scaleReadAttempts = 2;

export class ModelReader {
  private readonly unit: ModbusUnit;
  private readonly maxRegs: number;
  private readonly maxSplitRequests: number;
  private readonly plans = new Map<string, ReadPlan>();
  /** Requests sent, for figures and counters. */
  requests = 0;

  constructor(unit: ModbusUnit, options: ModelReaderOptions) {
    this.unit = unit;
    this.maxRegs = options.maxRegistersPerRead;
    this.maxSplitRequests = options.maxSplitRequests ?? 256;
  }

  /** Ranges of `model` the device refused to serve so far (read as "not implemented"). */
  skippedRanges(model: DiscoveredModel): readonly RegisterRange[] {
    return this.plans.get(planKey(model))?.skipped ?? [];
  }

  /** The model's `length + 2` registers, ID first. */
  async read(model: DiscoveredModel): Promise<Uint16Array> {
    const shape = modelShape(model);
    let plan = this.plans.get(planKey(model)) ?? { chunks: initialChunks(shape.bounds, model.length + 2, this.maxRegs), skipped: [] };
    for (let attempt = 1; ; attempt++) {
      const out = new Uint16Array(model.length + 2);
      plan = await this.readPlan(model, plan, shape, out);
      this.plans.set(planKey(model), plan);
      if (plan.skipped.some((r) => r.offset === 0)) {
        throw new ModelMovedError(`model ${model.id} at ${model.address}: the device no longer serves its header`);
      }
      if (out[0] !== model.id || out[1] !== model.length) {
        throw new ModelMovedError(`expected model ${model.id} (L ${model.length}) at ${model.address}, found id ${out[0] ?? '?'} (L ${out[1] ?? '?'})`);
      }
      // One request: the scale factors were read first, so reading them again last brackets every value.
      const sfChunks = plan.chunks.length > 1 ? plan.chunks.filter((c) => containsAny(c, shape.sfOffsets)) : [];
      if (sfChunks.length === 0) return out;
      const again = new Uint16Array(model.length + 2);
      for (const c of sfChunks) again.set(await this.get(model.address + c.offset, c.count), c.offset);
      if (shape.sfOffsets.every((o) => !sfChunks.some((c) => containsAny(c, [o])) || again[o] === out[o])) return out;
      if (attempt >= scaleReadAttempts) {
        throw new HubError('device_protocol', `model ${model.id} at ${model.address}: scale factors changed while it was read in ${plan.chunks.length} parts`, {
          retryable: true,
        });
      }
    }
  }

  private async readPlan(model: DiscoveredModel, plan: ReadPlan, shape: ModelShape, out: Uint16Array): Promise<ReadPlan> {
    const chunks: RegisterRange[] = [];
    const skipped: RegisterRange[] = [...plan.skipped];
    const budget = { left: this.maxSplitRequests };
    // Scale factors first (see read()), then the rest in address order.
    const ordered = [...plan.chunks.filter((c) => containsAny(c, shape.sfOffsets)), ...plan.chunks.filter((c) => !containsAny(c, shape.sfOffsets))];
    for (const chunk of ordered) chunks.push(...(await this.readRange(model, chunk, shape, out, skipped, budget)));
    chunks.sort((a, b) => a.offset - b.offset);
    for (const range of skipped) fillUnimplemented(out, range, shape.slots);
    return { chunks, skipped };
  }

  /** Reads `range` into `out`, splitting it while the device rejects it; returns the parts that were read. */
  private async readRange(
    model: DiscoveredModel,
    range: RegisterRange,
    shape: ModelShape,
    out: Uint16Array,
    skipped: RegisterRange[],
    budget: { left: number },
  ): Promise<RegisterRange[]> {
    try {
      out.set(await this.get(model.address + range.offset, range.count), range.offset);
      return [range];
    } catch (err) {
      if (!(err instanceof ModbusExceptionError && rangeRejections.has(err.exceptionCode)) || budget.left <= 0) throw err;
      const mid = splitPoint(shape.bounds, range);
      if (mid === null) {
        skipped.push(range);
        return [];
      }
      budget.left -= 2;
      const left = await this.readRange(model, { offset: range.offset, count: mid - range.offset }, shape, out, skipped, budget);
      const right = await this.readRange(model, { offset: mid, count: range.offset + range.count - mid }, shape, out, skipped, budget);
      return [...left, ...right];
    }
  }

  private get(address: number, count: number): Promise<Uint16Array> {
    this.requests++;
    return this.unit.readHoldingRegisters(address, count);
  }
}

interface ModelShape {
  /** Offsets where a read may start or end (point boundaries), ascending, 0 and the end included. */
  readonly bounds: readonly number[];
  readonly sfOffsets: readonly number[];
  readonly slots: readonly PointSlot[];
}

function modelShape(model: DiscoveredModel): ModelShape {
  const total = model.length + 2;
  const def = modelDefinition(model.id);
  if (def === undefined) return { bounds: Array.from({ length: total + 1 }, (_, i) => i), sfOffsets: [], slots: [] };
  const layout = layoutModel(def, { length: model.length, countOf: () => null, countsFillLength: true });
  const bounds = new Set<number>([0, total]);
  for (const slot of layout.slots) {
    if (slot.offset < total) bounds.add(slot.offset);
    if (slot.offset + slot.def.size < total) bounds.add(slot.offset + slot.def.size);
  }
  return {
    bounds: [...bounds].sort((a, b) => a - b),
    sfOffsets: layout.slots.filter((s) => s.def.type === 'sunssf' && s.offset < total).map((s) => s.offset),
    slots: layout.slots,
  };
}

/** Greedy: as long as allowed, ending on a point boundary (or mid-point only when one point is longer than the limit). */
function initialChunks(bounds: readonly number[], total: number, maxRegs: number): RegisterRange[] {
  const chunks: RegisterRange[] = [];
  let start = 0;
  while (start < total) {
    let end = start + Math.min(maxRegs, total - start);
    if (end < total) {
      const boundary = [...bounds].reverse().find((b) => b > start && b <= end);
      if (boundary !== undefined) end = boundary;
    }
    chunks.push({ offset: start, count: end - start });
    start = end;
  }
  return chunks;
}

/** The point boundary nearest the middle of `range`, strictly inside it; null for a single point. */
function splitPoint(bounds: readonly number[], range: RegisterRange): number | null {
  const inside = bounds.filter((b) => b > range.offset && b < range.offset + range.count);
  if (inside.length === 0) return null;
  const middle = range.offset + range.count / 2;
  return inside.reduce((best, b) => (Math.abs(b - middle) < Math.abs(best - middle) ? b : best));
}

function fillUnimplemented(out: Uint16Array, range: RegisterRange, slots: readonly PointSlot[]): void {
  out.fill(0xffff, range.offset, range.offset + range.count);
  for (const slot of slots) {
    if (slot.offset >= range.offset && slot.offset + slot.def.size <= range.offset + range.count) {
      out.set(unimplementedRegisters(slot.def.type, slot.def.size), slot.offset);
    }
  }
}

function containsAny(range: RegisterRange, offsets: readonly number[]): boolean {
  return offsets.some((o) => o >= range.offset && o < range.offset + range.count);
}

function planKey(model: DiscoveredModel): string {
  return `${model.id}@${model.address}/${model.length}`;
}
