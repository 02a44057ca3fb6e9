/**
 * ModelReader against an in-memory device that misbehaves on purpose: reads
 * on point boundaries within the limit, refused ranges found and skipped,
 * scale factors that change between the parts of a split read.
 */
import { describe, expect, it } from 'vitest';
import { decodeModel, numberAt } from '../../../drivers/sunspec/decode.js';
import type { DiscoveredModel } from '../../../drivers/sunspec/discovery.js';
import { encodeModel } from '../../../drivers/sunspec/encode.js';
import { layoutModel } from '../../../drivers/sunspec/layout.js';
import { isModelMoved } from '../../../drivers/sunspec/model-moved.js';
import { ModelReader } from '../../../drivers/sunspec/model-reader.js';
import { requireModelDefinition } from '../../../drivers/sunspec/model-registry.js';
import { ModbusExceptionError } from '../../../drivers/transports/modbus-errors.js';
import type { ModbusUnit } from '../../../drivers/transports/modbus-types.js';

const address = 40070;

class FakeDevice implements ModbusUnit {
  readonly host = 'fake';
  readonly port = 502;
  readonly unitId = 1;
  readonly regs = new Uint16Array(0x10000);
  readonly reads: [number, number][] = [];
  maxRead = 125;
  refused: [number, number][] = [];
  /** Called before each read is served (to change registers between reads). */
  beforeRead: (n: number) => void = () => undefined;

  readHoldingRegisters(start: number, count: number): Promise<Uint16Array> {
    this.reads.push([start, count]);
    this.beforeRead(this.reads.length);
    if (count > this.maxRead) return Promise.reject(new ModbusExceptionError(3, `reading ${count} at ${start}`));
    if (this.refused.some(([a, n]) => start < a + n && a < start + count)) return Promise.reject(new ModbusExceptionError(2, `reading ${count} at ${start}`));
    return Promise.resolve(this.regs.slice(start, start + count));
  }

  writeRegisters(): Promise<void> {
    return Promise.reject(new Error('read-only fake'));
  }
}

function device701(values: Record<string, number | string | null>): { dev: FakeDevice; model: DiscoveredModel } {
  const image = encodeModel(requireModelDefinition(701), values);
  const dev = new FakeDevice();
  dev.regs.set(image, address);
  return { dev, model: { id: 701, address, length: image.length - 2 } };
}

const base701 = { W: 4321, W_SF: 0, TotWhInj: 1000, TotWh_SF: 0, InvSt: 3, A: 190, A_SF: -1, MnAlrmInfo: 'all fine' };

/** Point start offsets of model 701 (a read may begin only there). */
function pointStarts(): Set<number> {
  const layout = layoutModel(requireModelDefinition(701), { countOf: () => null });
  return new Set([...layout.slots.map((s) => s.offset), layout.size]);
}

describe('SunSpec model reader', () => {
  it('reads a model longer than one request in point-aligned parts, scale factors first and again last', async () => {
    const { dev, model } = device701(base701);
    const reader = new ModelReader(dev, { maxRegistersPerRead: 125 });
    const m = decodeModel(requireModelDefinition(701), await reader.read(model));
    expect(model.length + 2).toBeGreaterThan(125);
    expect(numberAt(m, 'W')).toBe(4321);
    expect(m.points.get('MnAlrmInfo')?.value).toBe('all fine');
    const starts = pointStarts();
    for (const [start, count] of dev.reads) {
      expect(count).toBeLessThanOrEqual(125);
      expect(starts.has(start - address), `read at offset ${start - address}`).toBe(true);
      expect(starts.has(start - address + count), `read ending at offset ${start - address + count}`).toBe(true);
    }
    // Two parts, the one with the scale factors (at the end of 701) read before and after the other.
    expect(dev.reads.length).toBe(3);
    expect(dev.reads[0]).toEqual(dev.reads[2]);
  });

  it('honours a lower limit per device', async () => {
    const { dev, model } = device701(base701);
    dev.maxRead = 40;
    const reader = new ModelReader(dev, { maxRegistersPerRead: 40 });
    expect(numberAt(decodeModel(requireModelDefinition(701), await reader.read(model)), 'W')).toBe(4321);
    expect(Math.max(...dev.reads.map(([, n]) => n))).toBeLessThanOrEqual(40);
  });

  it('splits a refused range down to the points the device serves; the rest reads as not available, and the plan is kept', async () => {
    const { dev, model } = device701(base701);
    // The device refuses its per-phase block (offsets 41..109) as SMA refuses parts of its map.
    dev.refused = [[address + 41, 69]];
    const reader = new ModelReader(dev, { maxRegistersPerRead: 125 });
    const m = decodeModel(requireModelDefinition(701), await reader.read(model));
    expect(numberAt(m, 'W')).toBe(4321);
    expect(numberAt(m, 'TotWhInj')).toBe(1000);
    expect(numberAt(m, 'WL1')).toBeNull(); // refused: "not available", never 0 or garbage
    expect(numberAt(m, 'ThrotPct')).toBeNull();
    expect(reader.skippedRanges(model).reduce((n, r) => n + r.count, 0)).toBe(69);
    // Learned: the next read goes straight to the served parts, no exception.
    const before = dev.reads.length;
    const again = decodeModel(requireModelDefinition(701), await reader.read(model));
    expect(numberAt(again, 'W')).toBe(4321);
    const second = dev.reads.slice(before);
    expect(second.every(([start, count]) => !(start < address + 110 && address + 41 < start + count))).toBe(true);
  });

  it('reads again when a scale factor changes between the parts of a read, and fails rather than mix them', async () => {
    const { dev, model } = device701(base701);
    const wAt = address + 10;
    const sfAt = address + 116;
    // Between the scale-factor part and the value part the device rescales W (SolarEdge does this with the power).
    dev.beforeRead = (n) => {
      if (n === 2) {
        dev.regs[wAt] = 3300;
        dev.regs[sfAt] = 1; // 33 000 W
      }
    };
    const reader = new ModelReader(dev, { maxRegistersPerRead: 125 });
    const m = decodeModel(requireModelDefinition(701), await reader.read(model));
    expect(numberAt(m, 'W')).toBe(33_000); // consistent pair from the second attempt, not 3300 x 10^0
    expect(dev.reads.length).toBe(6);

    // A device whose factor moves on every read never yields a pair we can trust.
    dev.beforeRead = (n) => {
      dev.regs[sfAt] = n % 3;
    };
    await expect(reader.read(model)).rejects.toThrow(/scale factors changed while it was read in 2 parts/);
  });

  it('says "model moved" when the header is gone or names another model', async () => {
    const { dev, model } = device701(base701);
    dev.regs[address] = 702;
    const reader = new ModelReader(dev, { maxRegistersPerRead: 125 });
    const err = await reader.read(model).catch((e: unknown) => e);
    expect(isModelMoved(err)).toBe(true);
    expect(String(err)).toContain('expected model 701 (L 153) at 40070, found id 702');
    dev.regs[address] = 701;
    dev.refused = [[address, 2]];
    const gone = await new ModelReader(dev, { maxRegistersPerRead: 125 }).read(model).catch((e: unknown) => e);
    expect(isModelMoved(gone)).toBe(true);
  });

  it('passes timeouts and other failures on untouched', async () => {
    const { dev, model } = device701(base701);
    dev.readHoldingRegisters = () => Promise.reject(new ModbusExceptionError(6, 'busy'));
    await expect(new ModelReader(dev, { maxRegistersPerRead: 125 }).read(model)).rejects.toThrow(/Modbus exception 6/);
  });
});
