/**
 * Register images of the simulated Modbus meters: a template's values encoded
 * at its addresses (the inverse of drivers/modbus-meter/register-decode.ts),
 * and a SunSpec meter (model 1 + model 203) at 40000.
 */
import { encodeModel } from '../sunspec/encode.js';
import { requireModelDefinition } from '../sunspec/model-registry.js';
import { sunspecMeterModel } from '../modbus-meter/sunspec-meter-models.js';
import type { MeterValueName, RegisterTemplate, RegisterValue } from '../modbus-meter/template-schema.js';

/** Our values (W signed > 0 import, Wh, A, V) of one moment. */
export type MeterValues = Partial<Record<MeterValueName, number>>;

export function encodeTemplate(template: RegisterTemplate, values: MeterValues): Map<number, number> {
  const regs = new Map<number, number>();
  for (const [name, v] of Object.entries(template.values) as [MeterValueName, RegisterValue][]) {
    const value = values[name];
    if (value === undefined) continue;
    const raw = (v.invert ? -value : value) / v.scale;
    let words: number[];
    if (v.type === 'float32') {
      const b = Buffer.alloc(4);
      b.writeFloatBE(raw);
      words = [b.readUInt16BE(0), b.readUInt16BE(2)];
    } else if (v.type === 'int16' || v.type === 'uint16') {
      words = [Math.round(raw) & 0xffff];
    } else {
      const u = Math.round(raw) >>> 0;
      words = [u >>> 16, u & 0xffff];
    }
    if (v.wordOrder === 'lsw' && words.length === 2) words.reverse();
    words.forEach((w, i) => regs.set(v.address + i, w));
  }
  // A real meter answers for every register of its map, the ones we do not use too.
  const end = Math.max(...regs.keys());
  for (let a = 0; a <= end; a++) if (!regs.has(a)) regs.set(a, 0);
  return regs;
}

const BASE = 40000;

/** "SunS", model 1, model 203 (wye meter) with scale factors W 0, V -1, A -2, Wh 0, end marker. */
export function sunspecMeterImage(values: MeterValues): Map<number, number> {
  const common = encodeModel(requireModelDefinition(1), { Mn: 'SCALE', Md: 'SIM-METER-203', SN: '203000001', Vr: '1.0', Opt: '', DA: 1 });
  const def = sunspecMeterModel(203);
  if (def === undefined) throw new Error('model 203');
  const v = (n: MeterValueName, k: number): number | null => {
    const x = values[n];
    return x === undefined ? null : Math.round(x * k);
  };
  const meter = encodeModel(def, {
    A_SF: -2,
    V_SF: -1,
    W_SF: 0,
    TotWh_SF: 0,
    Hz_SF: -2,
    Hz: 5000,
    W: v('powerW', 1),
    WphA: v('l1.powerW', 1),
    WphB: v('l2.powerW', 1),
    WphC: v('l3.powerW', 1),
    AphA: v('l1.currentA', 100),
    AphB: v('l2.currentA', 100),
    AphC: v('l3.currentA', 100),
    A: (v('l1.currentA', 100) ?? 0) + (v('l2.currentA', 100) ?? 0) + (v('l3.currentA', 100) ?? 0),
    PhVphA: v('l1.voltageV', 10),
    PhVphB: v('l2.voltageV', 10),
    PhVphC: v('l3.voltageV', 10),
    // acc32 0 means "not implemented": a new meter starts at 1 Wh.
    TotWhImp: Math.max(1, v('energyImportWh', 1) ?? 1),
    TotWhExp: Math.max(1, v('energyExportWh', 1) ?? 1),
    Evt: 0,
  });
  const regs = new Map<number, number>();
  const words = [0x5375, 0x6e53, ...common, ...meter, 0xffff, 0];
  words.forEach((w, i) => regs.set(BASE + i, w));
  return regs;
}
