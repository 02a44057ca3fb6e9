/**
 * Register values of the classic inverter models for the simulated devices:
 * 101/103 (integer + scale factors), 111/113 (float32) and 160 (multiple
 * MPPT). One physics reading, written either way, so that a test of the
 * float path and of the integer path sees the same plant.
 */
import type { SimState } from './physics-types.js';
import type { RawPoints } from './sunspec-sim-unit.js';
import { fitOne, fitScale } from './sunspec-sim-scale.js';

const phaseVoltageV = 230;
const dcVoltageV = 600;
const inverterEfficiency = 0.97;
/** 10x/11x St values. */
const st = { sleeping: 2, mppt: 4, throttled: 5 } as const;

export function inverterState(s: SimState): number {
  const throttled = s.pvLimitW !== null && s.pvW < s.pvAvailableW - 1;
  return s.pvAvailableW <= 0 ? st.sleeping : throttled ? st.throttled : st.mppt;
}

/** 101 (phases 1) or 103 (phases 3). */
export function measureIntInverter(s: SimState, phases: 1 | 3): RawPoints {
  const w = fitOne(s.pvW, 'int16');
  const acA = Math.abs(s.pvW) / phaseVoltageV;
  const [a, aph] = fitScale([acA, acA / phases], 'uint16');
  const dcW = Math.max(0, s.pvW) / inverterEfficiency;
  const dcw = fitOne(dcW, 'int16');
  const dca = fitOne(dcW / dcVoltageV, 'uint16');
  const wh = Math.round(s.pvEnergyWh);
  const three = phases === 3;
  return {
    A: a?.raw ?? null,
    AphA: aph?.raw ?? null,
    AphB: three ? (aph?.raw ?? null) : null,
    AphC: three ? (aph?.raw ?? null) : null,
    A_SF: a?.sf ?? null,
    PPVphAB: three ? 3984 : null,
    PPVphBC: three ? 3984 : null,
    PPVphCA: three ? 3984 : null,
    PhVphA: phaseVoltageV * 10,
    PhVphB: three ? phaseVoltageV * 10 : null,
    PhVphC: three ? phaseVoltageV * 10 : null,
    V_SF: -1,
    W: w.raw,
    W_SF: w.sf,
    Hz: 5000,
    Hz_SF: -2,
    VA: w.raw,
    VA_SF: w.sf,
    VAr: 0,
    VAr_SF: 0,
    PF: 100,
    PF_SF: 0,
    // acc32 rolls over at 2^32; a coarser WH_SF keeps big totals (a real inverter's lifetime) in range.
    WH: wh < 2 ** 32 ? wh : Math.round(wh / 1000),
    WH_SF: wh < 2 ** 32 ? 0 : 3,
    DCA: dca.raw,
    DCA_SF: dca.sf,
    DCV: dcVoltageV,
    DCV_SF: 0,
    DCW: dcw.raw,
    DCW_SF: dcw.sf,
    TmpCab: 350,
    Tmp_SF: -1,
    St: inverterState(s),
    Evt1: 0,
    Evt2: 0,
  };
}

/** 111 or 113: the same values as float32, no scale factors. */
export function measureFloatInverter(s: SimState, phases: 1 | 3): RawPoints {
  const acA = Math.abs(s.pvW) / phaseVoltageV;
  const dcW = Math.max(0, s.pvW) / inverterEfficiency;
  const three = phases === 3;
  return {
    A: acA,
    AphA: acA / phases,
    AphB: three ? acA / 3 : null,
    AphC: three ? acA / 3 : null,
    PPVphAB: three ? 398.4 : null,
    PPVphBC: three ? 398.4 : null,
    PPVphCA: three ? 398.4 : null,
    PhVphA: phaseVoltageV,
    PhVphB: three ? phaseVoltageV : null,
    PhVphC: three ? phaseVoltageV : null,
    W: s.pvW,
    Hz: 50,
    VA: Math.abs(s.pvW),
    VAr: 0,
    PF: 100,
    WH: s.pvEnergyWh,
    DCA: dcW / dcVoltageV,
    DCV: dcVoltageV,
    DCW: dcW,
    TmpCab: 35,
    St: inverterState(s),
    Evt1: 0,
    Evt2: 0,
  };
}

export interface MpptInput {
  readonly name: string;
  readonly powerW: number;
  readonly voltageV: number;
  readonly energyWh: number;
}

/** 160 with one module per input; DCW is uint16, so inputs carry only production (or a named flow, Fronius-style). */
export function mppt160(inputs: readonly MpptInput[]): RawPoints {
  const powers = fitScale(
    inputs.map((i) => Math.max(0, i.powerW)),
    'uint16',
    0,
  );
  const currents = fitScale(
    inputs.map((i) => Math.max(0, i.powerW) / i.voltageV),
    'uint16',
  );
  // acc32 holds any household lifetime in Wh; kWh steps beyond 2^32 Wh.
  const energySf = inputs.some((i) => i.energyWh >= 2 ** 32) ? 3 : 0;
  const out: Record<string, number | string | null> = {
    DCA_SF: currents[0]?.sf ?? null,
    DCV_SF: 0,
    DCW_SF: powers[0]?.sf ?? null,
    DCWH_SF: energySf,
    Evt: 0,
    N: inputs.length,
    TmsPer: 0,
  };
  inputs.forEach((input, i) => {
    const at = `module[${i}].`;
    out[`${at}ID`] = i + 1;
    out[`${at}IDStr`] = input.name;
    out[`${at}DCA`] = currents[i]?.raw ?? null;
    out[`${at}DCV`] = Math.round(input.voltageV);
    out[`${at}DCW`] = powers[i]?.raw ?? null;
    // acc32: 0 would read as "not implemented"; a fresh string has produced at least 1 Wh by the time anyone looks.
    out[`${at}DCWH`] = Math.max(1, Math.round(input.energyWh / 10 ** energySf));
    out[`${at}DCSt`] = input.powerW > 0 ? 4 : 2;
    out[`${at}DCEvt`] = 0;
  });
  return out;
}
