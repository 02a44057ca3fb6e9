import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel, numberAt, stringAt } from '../../../drivers/sunspec/decode.js';
import { encodeModel } from '../../../drivers/sunspec/encode.js';
import { layoutModel } from '../../../drivers/sunspec/layout.js';
import { requireModelDefinition } from '../../../drivers/sunspec/model-registry.js';
import type { RawValue } from '../../../drivers/sunspec/point-codec.js';

const m1 = requireModelDefinition(1);
const m103 = requireModelDefinition(103);

/** Registers of a model with the named points set (raw), all others left as the device would: unimplemented. */
function image(id: number, raw: Record<string, RawValue | null>): Uint16Array {
  return encodeModel(requireModelDefinition(id), raw);
}

/** Registers written by hand, offsets from the SunSpec model 103 table (ID at 0). */
function handMade103(): Uint16Array {
  const regs = new Uint16Array(52).fill(0xffff);
  regs[0] = 103;
  regs[1] = 50;
  regs[14] = 0xfc18; // W = -1000 (int16)
  regs[15] = 0xffff; // W_SF = -1
  regs[24] = 0x0001; // WH high word
  regs[25] = 0x0002; // WH low word: 65538
  regs[26] = 3; // WH_SF = +3
  regs[6] = 0x8000; // A_SF unimplemented
  regs[2] = 1234; // A, but its scale factor is unimplemented
  regs[22] = 0x8000; // PF (int16) unimplemented
  regs[23] = 0xfffe; // PF_SF = -2
  regs[33] = 0xffff; // TmpCab = -1 (int16: only 0x8000 means unimplemented)
  regs[37] = 0xffff; // Tmp_SF = -1
  regs[38] = 4; // St = MPPT
  regs[39] = 0xffff; // StVnd unimplemented
  regs[40] = 0x0000; // Evt1 = bits 0 and 7 set
  regs[41] = 0x0081;
  return regs;
}

describe('SunSpec decoder', () => {
  it('reads model 103 registers laid out by hand: signs, scale factors, acc32, enum, bitfield', () => {
    const m = decodeModel(m103, handMade103());
    expect(m.id).toBe(103);
    expect(m.length).toBe(50);
    expect(m.points.get('W')?.raw).toBe(-1000);
    expect(m.points.get('W')?.sf).toBe(-1);
    expect(numberAt(m, 'W')).toBe(-100);
    // Positive scale factor from another point; acc32 spans two registers, high word first.
    expect(m.points.get('WH')?.raw).toBe(65538);
    expect(numberAt(m, 'WH')).toBe(65_538_000);
    expect(m.points.get('St')?.symbols).toEqual(['MPPT']);
    expect(m.points.get('Evt1')?.symbols).toEqual(['GROUND_FAULT', 'OVER_TEMP']);
  });

  it('maps unimplemented values and unimplemented scale factors to null, never to numbers', () => {
    const m = decodeModel(m103, handMade103());
    expect(m.points.get('A')?.raw).toBe(1234);
    expect(m.points.get('A')?.sf).toBeNull();
    expect(numberAt(m, 'A')).toBeNull();
    expect(m.points.get('PF')?.raw).toBeNull();
    expect(numberAt(m, 'PF')).toBeNull();
    expect(numberAt(m, 'Hz')).toBeNull(); // uint16 0xFFFF
    expect(numberAt(m, 'StVnd')).toBeNull();
    expect(numberAt(m, 'TmpCab')).toBe(-0.1);
  });

  it('decodes every unimplemented marker of the spec as null', () => {
    const cases: [number, string, number[]][] = [
      [103, 'W', [0x8000]], // int16
      [103, 'Hz', [0xffff]], // uint16
      [103, 'WH', [0, 0]], // acc32
      [103, 'St', [0xffff]], // enum16
      [103, 'Evt1', [0xffff, 0xffff]], // bitfield32
      [103, 'W_SF', [0x8000]], // sunssf
      [160, 'module[0].Tms', [0xffff, 0xffff]], // uint32
      [704, 'WSet', [0x8000, 0]], // int32
      [1, 'SN', new Array<number>(16).fill(0)], // string
    ];
    for (const [id, path, marker] of cases) {
      const def = requireModelDefinition(id);
      const regs = encodeModel(def, id === 160 ? { N: 1, 'module[0].ID': 1 } : {});
      const slot = layoutModel(def, { length: regs.length - 2, countOf: () => 1 }).byPath.get(path);
      if (slot === undefined) throw new Error(`no ${path} in model ${id}`);
      regs.set(marker, slot.offset);
      expect(decodeModel(def, regs).points.get(path)?.raw, `${id} ${path}`).toBeNull();
    }
  });

  it('float32: NaN is unimplemented, other values pass unscaled', () => {
    // The codec on its own, through a synthetic definition (models.test.ts covers the shipped float models 111-113).
    const def = { id: 64999, group: { name: 'f', type: 'group' as const, count: 1, groups: [], points: [
      { name: 'ID', type: 'uint16' as const, size: 1, access: 'R' as const, mandatory: true, static: true },
      { name: 'L', type: 'uint16' as const, size: 1, access: 'R' as const, mandatory: true, static: true },
      { name: 'W', type: 'float32' as const, size: 2, access: 'R' as const, mandatory: true, static: false },
      { name: 'Hz', type: 'float32' as const, size: 2, access: 'R' as const, mandatory: true, static: false },
    ] } };
    const m = decodeModel(def, encodeModel(def, { W: -1234.5, Hz: null }));
    expect(numberAt(m, 'W')).toBe(-1234.5);
    expect(numberAt(m, 'Hz')).toBeNull();
  });

  it('reads strings NUL-padded and treats a model shorter than the definition as "not there"', () => {
    const regs = image(1, { Mn: 'Fronius', Md: 'Symo GEN24 10.0 Plus', SN: '12345678', Vr: '1.30.5-1', Opt: null });
    const m = decodeModel(m1, regs);
    expect(stringAt(m, 'Mn')).toBe('Fronius');
    expect(stringAt(m, 'Md')).toBe('Symo GEN24 10.0 Plus');
    expect(stringAt(m, 'Opt')).toBeNull();
    // L 65 (an older revision without the pad): DA still there, Pad missing.
    const short = decodeModel(m1, Uint16Array.from([1, 65, ...regs.subarray(2, 67)]));
    expect(stringAt(short, 'SN')).toBe('12345678');
    expect(short.points.get('Pad')?.raw).toBeNull();
  });

  it('applies negative scale factors without binary drift (553 x 10^-1 is 55.3, not 55.300000000000004)', () => {
    const def = requireModelDefinition(124);
    const m = decodeModel(def, encodeModel(def, { ChaState: 553, ChaState_SF: -1, InWRte: 3, OutWRte: -7, InOutWRte_SF: -1 }));
    expect(numberAt(m, 'ChaState')).toBe(55.3);
    expect(numberAt(m, 'InWRte')).toBe(0.3);
    expect(numberAt(m, 'OutWRte')).toBe(-0.7);
  });

  it('refuses registers of another model', () => {
    expect(() => decodeModel(m103, image(101, {}))).toThrow(/expected SunSpec model 103, found model 101/);
  });

  it('lays out repeating groups: model 160 modules with scale factors from the enclosing group', () => {
    const def = requireModelDefinition(160);
    const regs = encodeModel(def, {
      DCW_SF: -1,
      DCWH_SF: 2,
      N: 2,
      'module[0].ID': 1,
      'module[0].IDStr': 'string 1',
      'module[0].DCW': 12345,
      'module[0].DCWH': 100,
      'module[1].ID': 2,
      'module[1].DCW': 678,
    });
    expect(regs.length).toBe(10 + 2 * 20);
    const m = decodeModel(def, regs);
    expect(numberAt(m, 'module[0].DCW')).toBe(1234.5);
    expect(numberAt(m, 'module[0].DCWH')).toBe(10_000);
    expect(stringAt(m, 'module[0].IDStr')).toBe('string 1');
    expect(numberAt(m, 'module[1].DCW')).toBe(67.8);
    expect(m.points.has('module[2].DCW')).toBe(false);
  });

  it('sizes count-by-point groups (model 714 NPrt)', () => {
    const def = requireModelDefinition(714);
    const regs = encodeModel(def, { NPrt: 3 });
    const m = decodeModel(def, regs);
    expect([...m.points.keys()].filter((k) => k.endsWith('.DCA'))).toEqual(['Prt[0].DCA', 'Prt[1].DCA', 'Prt[2].DCA']);
  });
});

/** pysunspec2 device images: decoded values (raw, unscaled) as another implementation produced them. */
interface DeviceImage {
  models: Record<string, unknown>[];
}

function loadImage(name: string): DeviceImage {
  return JSON.parse(readFileSync(new URL(`../../fixtures/sunspec/${name}`, import.meta.url), 'utf8')) as DeviceImage;
}

/** The image's flat points that our definition also has (the image was written against older revisions of some models). */
function sharedPoints(id: number, model: Record<string, unknown>): Record<string, RawValue | null> {
  const def = requireModelDefinition(id);
  const names = new Set(layoutModel(def, { countOf: () => 0 }).slots.map((s) => s.path));
  const out: Record<string, RawValue | null> = {};
  for (const [k, v] of Object.entries(model)) {
    if (k !== 'ID' && k !== 'L' && names.has(k) && (typeof v === 'number' || typeof v === 'string' || v === null)) out[k] = v;
  }
  return out;
}

describe('SunSpec decoder against pysunspec2 device images', () => {
  it('inverter_123.json model 1: strings, unimplemented Opt and DA, Pad 0x8000, L 66', () => {
    const common = loadImage('inverter_123.json').models[0];
    if (common === undefined) throw new Error('fixture has no models');
    const points = sharedPoints(1, common);
    const m = decodeModel(m1, encodeModel(m1, points, { length: common.L as number }));
    expect(m.length).toBe(66);
    for (const [path, value] of Object.entries(points)) expect(m.points.get(path)?.raw, path).toEqual(value);
    expect(stringAt(m, 'Md')).toBe('Inverter 123');
    expect(m.points.get('DA')?.raw).toBeNull();
    expect(m.points.get('Pad')?.raw).toBe(32768);
  });

  it('device_1547.json model 701: raw values round-trip, scale factors give engineering values', () => {
    const measure = loadImage('device_1547.json').models.find((m) => m.ID === 701);
    if (measure === undefined) throw new Error('fixture has no model 701');
    const def = requireModelDefinition(701);
    const points = sharedPoints(701, measure);
    expect(Object.keys(points).length).toBeGreaterThan(50);
    const m = decodeModel(def, encodeModel(def, points));
    for (const [path, value] of Object.entries(points)) expect(m.points.get(path)?.raw, path).toEqual(value);
    expect(numberAt(m, 'W')).toBe(9800); // W_SF 0
    expect(numberAt(m, 'Hz')).toBe(60.01); // 60010, Hz_SF -3
    expect(numberAt(m, 'PF')).toBe(0.985); // 985, PF_SF -3
    expect(numberAt(m, 'A')).toBe(41.1); // 411, A_SF -1
    expect(numberAt(m, 'TotWhInj')).toBe(150_000); // 150, TotWh_SF +3
    expect(numberAt(m, 'TotWhAbs')).toBe(0); // uint64 0 is a value (only acc types use 0 as "unimplemented")
    // St 2 is not a symbol of this revision of 701: the number stays, no name is invented.
    expect(m.points.get('St')?.raw).toBe(2);
    expect(m.points.get('St')?.symbols).toEqual([]);
  });

  it('device_1547.json model 702: null points stay null, values scale', () => {
    const capacity = loadImage('device_1547.json').models.find((m) => m.ID === 702);
    if (capacity === undefined) throw new Error('fixture has no model 702');
    const def = requireModelDefinition(702);
    const points = sharedPoints(702, capacity);
    const m = decodeModel(def, encodeModel(def, points));
    expect(numberAt(m, 'WMaxRtg')).toBe(10_000);
    expect(numberAt(m, 'PFOvrExtRtg')).toBe(0.85);
    expect(numberAt(m, 'WMaxOvrExt')).toBeNull();
    expect(numberAt(m, 'AMax')).toBeNull();
  });
});
