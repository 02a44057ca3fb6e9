/**
 * One simulated SunSpec device (one Modbus unit id): a register image built
 * from the same model definitions the driver decodes with, so the simulator
 * and the driver cannot drift apart on a register address.
 *
 * Read-only points are refreshed from the physics; writable (RW) points hold
 * what the client wrote. A write touching any register that is not part of a
 * writable point is refused with exception 2 (illegal data address), as real
 * devices do. `faults` makes the unit misbehave the way field devices do
 * (tests switch them on and off while the driver runs).
 */
import { decodeModel, type DecodedModel } from '../sunspec/decode.js';
import { encodeModel } from '../sunspec/encode.js';
import { layoutModel, type ModelLayout } from '../sunspec/layout.js';
import { requireModelDefinition } from '../sunspec/model-registry.js';
import type { ModelDef } from '../sunspec/model-types.js';
import { encodeRaw, type RawValue } from '../sunspec/point-codec.js';
import { sunsMarker } from '../sunspec/discovery.js';

export type RawPoints = Readonly<Record<string, RawValue | null>>;

/** Thrown by the server vector: modbus-serial answers with this exception code. */
export class SimModbusException extends Error {
  readonly modbusErrorCode: number;

  constructor(code: number, message: string) {
    super(message);
    this.modbusErrorCode = code;
  }
}

export const illegalDataAddress = 2;
export const illegalDataValue = 3;

/** Field misbehaviour, all off by default. */
export interface SimFaults {
  /** Reads longer than this are refused with exception 3 (illegal data value). */
  maxReadRegisters: number | null;
  /** Reads touching any of these absolute address ranges are refused with exception 2. */
  rejectRanges: { readonly address: number; readonly count: number }[];
  /** Writes are acknowledged but neither stored nor applied (a device that silently ignores remote control). */
  ignoreWrites: boolean;
  /** Every write is refused with this exception code (a device in local-only mode); null: off. */
  refuseWrites: number | null;
  /** The unit does not answer at all (requests time out). */
  silent: boolean;
  /** Real ms before each answer. */
  responseDelayMs: number;
}

export function noFaults(): SimFaults {
  return { maxReadRegisters: null, rejectRanges: [], ignoreWrites: false, refuseWrites: null, silent: false, responseDelayMs: 0 };
}

export interface SimWrite {
  /** The model as it reads after the write. */
  readonly model: DecodedModel;
  /** Paths of the points the write touched. */
  readonly written: ReadonlySet<string>;
}

export interface SimModelSpec {
  readonly id: number;
  /** Raw values of the writable points at power-up. */
  readonly initial?: RawPoints;
  /** Raw values the device measures now; points left out keep their registers. */
  measure?(): RawPoints;
  /** Applies a client write; throw SimModbusException to refuse it (the registers roll back). */
  onWrite?(write: SimWrite): void;
}

interface PlacedModel {
  readonly spec: SimModelSpec;
  readonly def: ModelDef;
  readonly layout: ModelLayout;
  readonly address: number;
  readonly end: number;
}

export class SimSunSpecUnit {
  readonly base: number;
  readonly faults: SimFaults = noFaults();
  private readonly regs: Uint16Array;
  /** The register image at power-up, for reboots. */
  private readonly powerUp: Uint16Array;
  private readonly models: readonly PlacedModel[];
  /** True for each register that belongs to a writable point. */
  private readonly writable: Uint8Array;

  constructor(base: number, specs: readonly SimModelSpec[]) {
    this.base = base;
    const placed: PlacedModel[] = [];
    const images: Uint16Array[] = [];
    let address = base + 2;
    for (const spec of specs) {
      const def = requireModelDefinition(spec.id);
      const image = encodeModel(def, { ...spec.initial, ...spec.measure?.() });
      const layout = layoutModel(def, { length: image.length - 2, countOf: () => null, countsFillLength: true });
      placed.push({ spec, def, layout, address, end: address + image.length });
      images.push(image);
      address += image.length;
    }
    // "SunS", the models, then the end marker (id 0xFFFF, length 0).
    this.regs = new Uint16Array(address + 2 - base);
    this.regs.set(sunsMarker, 0);
    placed.forEach((m, i) => this.regs.set(images[i] ?? [], m.address - base));
    this.regs.set([0xffff, 0], address - base);
    this.models = placed;
    this.powerUp = this.regs.slice();
    this.writable = new Uint8Array(this.regs.length);
    for (const m of placed) {
      for (const slot of m.layout.slots) {
        if (slot.def.access === 'RW') this.writable.fill(1, m.address - base + slot.offset, m.address - base + slot.offset + slot.def.size);
      }
    }
  }

  /** Models as placed: id, address of the ID register, L. */
  modelMap(): { id: number; address: number; length: number }[] {
    return this.models.map((m) => ({ id: m.spec.id, address: m.address, length: m.end - m.address - 2 }));
  }

  /** Back to the power-up image (a reboot forgets every remote setting). */
  reset(): void {
    this.regs.set(this.powerUp);
    this.refresh();
  }

  /** Address of model `id`'s ID register (first instance), for tests. */
  addressOf(id: number): number | undefined {
    return this.models.find((m) => m.spec.id === id)?.address;
  }

  /** Re-reads the physics into the read-only points. */
  refresh(): void {
    for (const m of this.models) {
      const values = m.spec.measure?.();
      if (values !== undefined) this.setPoints(m, values);
    }
  }

  /** Overwrites points of model `id` from the device side (e.g. a control reverting after its timeout). */
  setModelPoints(id: number, values: RawPoints): void {
    const m = this.models.find((x) => x.spec.id === id);
    if (m !== undefined) this.setPoints(m, values);
  }

  decoded(id: number): DecodedModel | undefined {
    const m = this.models.find((x) => x.spec.id === id);
    return m === undefined ? undefined : this.decode(m);
  }

  read(address: number, count: number): number[] {
    const max = this.faults.maxReadRegisters;
    if (max !== null && count > max) throw new SimModbusException(illegalDataValue, `reads of more than ${max} registers are not supported`);
    if (this.faults.rejectRanges.some((r) => address < r.address + r.count && r.address < address + count)) {
      throw new SimModbusException(illegalDataAddress, `registers ${address}..${address + count - 1} cannot be read`);
    }
    const start = address - this.base;
    if (start < 0 || start + count > this.regs.length) {
      throw new SimModbusException(illegalDataAddress, `registers ${address}..${address + count - 1} are outside the SunSpec map`);
    }
    return Array.from(this.regs.subarray(start, start + count));
  }

  write(address: number, values: readonly number[]): void {
    const start = address - this.base;
    for (let i = 0; i < values.length; i++) {
      if (start + i < 0 || start + i >= this.regs.length || this.writable[start + i] !== 1) {
        throw new SimModbusException(illegalDataAddress, `register ${address + i} is not writable`);
      }
    }
    if (this.faults.refuseWrites !== null) throw new SimModbusException(this.faults.refuseWrites, 'remote control is off');
    if (this.faults.ignoreWrites) return;
    const before = this.regs.slice();
    this.regs.set(values, start);
    try {
      for (const m of this.models) {
        if (m.address >= address + values.length || m.end <= address) continue;
        const written = new Set(
          m.layout.slots.filter((s) => m.address + s.offset < address + values.length && m.address + s.offset + s.def.size > address).map((s) => s.path),
        );
        m.spec.onWrite?.({ model: this.decode(m), written });
      }
    } catch (err) {
      this.regs.set(before);
      throw err;
    }
  }

  private decode(m: PlacedModel): DecodedModel {
    return decodeModel(m.def, this.regs.subarray(m.address - this.base, m.end - this.base));
  }

  private setPoints(m: PlacedModel, values: RawPoints): void {
    for (const [path, raw] of Object.entries(values)) {
      const slot = m.layout.byPath.get(path);
      if (slot === undefined) throw new Error(`model ${m.spec.id} has no point ${path}`);
      this.regs.set(encodeRaw(slot.def.type, slot.def.size, raw, `sim model ${m.spec.id} ${path}`), m.address - this.base + slot.offset);
    }
  }
}
