import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HubError } from '../../../main/common/errors.js';
import { decodeModel, numberAt } from '../../../drivers/sunspec/decode.js';
import { encodeModel, encodePointValue, encodeWrite, toRaw } from '../../../drivers/sunspec/encode.js';
import { requireModelDefinition } from '../../../drivers/sunspec/model-registry.js';
import { decodeRaw, encodeRaw } from '../../../drivers/sunspec/point-codec.js';

describe('SunSpec point codec', () => {
  it('round-trips every valid integer of each type through registers', () => {
    const cases = [
      { type: 'int16', size: 1, arb: fc.integer({ min: -32767, max: 32767 }) },
      { type: 'uint16', size: 1, arb: fc.integer({ min: 0, max: 0xfffe }) },
      { type: 'int32', size: 2, arb: fc.integer({ min: -0x7fffffff, max: 0x7fffffff }) },
      { type: 'uint32', size: 2, arb: fc.integer({ min: 0, max: 0xfffffffe }) },
      { type: 'acc32', size: 2, arb: fc.integer({ min: 1, max: 0xffffffff }) },
      { type: 'uint64', size: 4, arb: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
      { type: 'int64', size: 4, arb: fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }) },
      { type: 'sunssf', size: 1, arb: fc.integer({ min: -10, max: 10 }) },
    ] as const;
    for (const { type, size, arb } of cases) {
      fc.assert(
        fc.property(arb, (v) => {
          const regs = encodeRaw(type, size, v, type);
          expect(regs).toHaveLength(size);
          expect(regs.every((r) => Number.isInteger(r) && r >= 0 && r <= 0xffff)).toBe(true);
          expect(decodeRaw(type, regs)).toBe(v);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('round-trips float32 values and strings', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(decodeRaw('float32', encodeRaw('float32', 2, v, 'f'))).toBe(v);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ019 -._'.split('')), minLength: 1, maxLength: 32 }), (s) => {
        expect(decodeRaw('string', encodeRaw('string', 16, s, 's'))).toBe(s);
      }),
    );
  });

  it('writes the unimplemented marker for null and refuses values that would collide with it', () => {
    expect(encodeRaw('int16', 1, null, 'x')).toEqual([0x8000]);
    expect(encodeRaw('uint32', 2, null, 'x')).toEqual([0xffff, 0xffff]);
    expect(encodeRaw('acc32', 2, null, 'x')).toEqual([0, 0]);
    expect(decodeRaw('float32', encodeRaw('float32', 2, null, 'x'))).toBeNull();
    expect(() => encodeRaw('int16', 1, -32768, 'W')).toThrow(/cannot encode -32768 into W/);
    expect(() => encodeRaw('uint16', 1, 0xffff, 'Hz')).toThrow(HubError);
    expect(() => encodeRaw('int16', 1, 1.5, 'W')).toThrow(/integer/);
    expect(() => encodeRaw('string', 2, 'too long', 'Mn')).toThrow(/at most 4 bytes/);
  });
});

describe('SunSpec encoder for writes', () => {
  const controls = decodeModel(
    requireModelDefinition(124),
    encodeModel(requireModelDefinition(124), { WChaMax: 5000, WChaMax_SF: 0, StorCtl_Mod: 0, InWRte: 10000, OutWRte: 10000, InOutWRte_SF: -2, InOutWRte_RvrtTms: 0 }),
  );

  it('scales engineering values with the device scale factor, rounding to its step', () => {
    expect(toRaw(40, -2)).toBe(4000);
    expect(toRaw(-33.333, -2)).toBe(-3333);
    expect(toRaw(0.3, -1)).toBe(3);
    expect(toRaw(12_345, 1)).toBe(1235);
    const inWRte = controls.points.get('InWRte');
    if (inWRte === undefined) throw new Error('no InWRte');
    expect(encodePointValue(inWRte.slot, -40, inWRte.sf)).toEqual([0x10000 - 4000]);
    expect(() => encodePointValue(inWRte.slot, -40, null)).toThrow(/scale factor InOutWRte_SF is not implemented/);
  });

  it('encodes a contiguous write at the right offset and decodes back', () => {
    const write = encodeWrite(controls, { OutWRte: -40, InWRte: 40, InOutWRte_WinTms: 0, InOutWRte_RvrtTms: 60 });
    expect(write.offset).toBe(12);
    expect(write.registers).toEqual([0x10000 - 4000, 4000, 0, 60]);
    const regs = encodeModel(requireModelDefinition(124), {
      WChaMax: 5000,
      WChaMax_SF: 0,
      InOutWRte_SF: -2,
    });
    regs.set(write.registers, write.offset);
    const back = decodeModel(requireModelDefinition(124), regs);
    expect(numberAt(back, 'InWRte')).toBe(40);
    expect(numberAt(back, 'OutWRte')).toBe(-40);
    expect(numberAt(back, 'InOutWRte_RvrtTms')).toBe(60);
  });

  it('refuses writes that would touch points not asked for or read-only points', () => {
    expect(() => encodeWrite(controls, { StorCtl_Mod: 1, OutWRte: 10 })).toThrow(/not contiguous/);
    expect(() => encodeWrite(controls, { ChaState: 50 })).toThrow(/read-only/);
    expect(() => encodeWrite(controls, { Nope: 1 })).toThrow(/no point Nope/);
  });
});
