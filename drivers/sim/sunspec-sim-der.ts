/**
 * Register values of the DER (700-series) measurement and rating models for
 * the simulated devices: 701 AC measurement, 702 capacity, 713 storage
 * capacity, 714 DC ports. Signs as the DER models use them: W > 0 is
 * injection (PV production, battery discharge); a DC port's DCW > 0 is power
 * flowing from the port into the DER (PV producing, battery discharging),
 * its DCWhInj the energy that came that way.
 */
import type { RawPoints } from './sunspec-sim-unit.js';
import { fitOne, fitScale } from './sunspec-sim-scale.js';

const phaseVoltageV = 230;
/** 701 InvSt. */
export const invSt = { sleeping: 1, running: 3, throttled: 4 } as const;

export interface AcMeasurement {
  /** > 0 injection. */
  readonly powerW: number;
  readonly injectedWh: number;
  readonly absorbedWh: number;
  readonly invSt: number;
  /** 0..100, how much of the available power is held back. */
  readonly throttlePct: number;
}

export function measure701(m: AcMeasurement): RawPoints {
  const w = fitOne(m.powerW, 'int16', 0);
  const a = fitOne(Math.abs(m.powerW) / phaseVoltageV, 'int16');
  const phase = fitOne(m.powerW / 3, 'int16', w.sf);
  // uint64 energy: Wh with TotWh_SF 0 fits any lifetime.
  return {
    ACType: 2,
    St: m.invSt === invSt.sleeping ? 0 : 1,
    InvSt: m.invSt,
    ConnSt: 1,
    Alrm: 0,
    DERMode: 1,
    W: w.raw,
    VA: fitOne(Math.abs(m.powerW), 'int16', w.sf).raw,
    Var: 0,
    PF: 1000,
    A: a.raw,
    LLV: 3984,
    LNV: phaseVoltageV * 10,
    Hz: 50_000,
    TotWhInj: Math.round(m.injectedWh),
    TotWhAbs: Math.round(m.absorbedWh),
    WL1: phase.raw,
    WL2: phase.raw,
    WL3: phase.raw,
    VL1: phaseVoltageV * 10,
    VL2: phaseVoltageV * 10,
    VL3: phaseVoltageV * 10,
    ThrotPct: Math.round(m.throttlePct),
    ThrotSrc: m.throttlePct > 0 ? 1 : 0,
    A_SF: a.sf,
    V_SF: -1,
    Hz_SF: -3,
    W_SF: w.sf,
    PF_SF: -3,
    VA_SF: w.sf,
    Var_SF: 0,
    TotWh_SF: 0,
    TotVarh_SF: 0,
    Tmp_SF: -1,
  };
}

export interface DerRatings {
  readonly maxW: number;
  readonly maxChargeW?: number;
  readonly maxDischargeW?: number;
}

/** 702 nameplate (read-only *Rtg) and settings (RW, initial values). */
export function capacity702(r: DerRatings): RawPoints {
  const values = [r.maxW, r.maxChargeW ?? 0, r.maxDischargeW ?? 0];
  const [w, cha, dis] = fitScale(values, 'uint16', 0);
  const storage = r.maxChargeW !== undefined;
  return {
    WMaxRtg: w?.raw ?? null,
    VAMaxRtg: w?.raw ?? null,
    WChaRteMaxRtg: storage ? (cha?.raw ?? null) : null,
    WDisChaRteMaxRtg: storage ? (dis?.raw ?? null) : null,
    VNomRtg: phaseVoltageV * 10,
    // MAX_W (bit 0) and FIXED_W (bit 1).
    CtrlModes: storage ? 0b11 : 0b01,
    WMax: w?.raw ?? null,
    VAMax: w?.raw ?? null,
    WChaRteMax: storage ? (cha?.raw ?? null) : null,
    WDisChaRteMax: storage ? (dis?.raw ?? null) : null,
    W_SF: w?.sf ?? null,
    VA_SF: w?.sf ?? null,
    V_SF: -1,
  };
}

export interface StorageState {
  readonly capacityWh: number;
  readonly socPct: number;
}

export function storage713(s: StorageState): RawPoints {
  const [rtg, avail] = fitScale([s.capacityWh, (s.capacityWh * s.socPct) / 100], 'uint16', 0);
  return { WHRtg: rtg?.raw ?? null, WHAvail: avail?.raw ?? null, SoC: Math.round(s.socPct * 10), SoH: 1000, Sta: 0, WH_SF: rtg?.sf ?? null, Pct_SF: -1 };
}

export interface DcPort {
  /** 714 PrtTyp: PV 0, ESS 1. */
  readonly type: 0 | 1;
  readonly name: string;
  /** > 0 into the DER. */
  readonly powerW: number;
  readonly voltageV: number;
  readonly injectedWh: number;
  readonly absorbedWh: number;
}

export function ports714(ports: readonly DcPort[]): RawPoints {
  const totalW = ports.reduce((sum, p) => sum + p.powerW, 0);
  const powers = fitScale([...ports.map((p) => p.powerW), totalW], 'int16', 0);
  const currents = fitScale([...ports.map((p) => p.powerW / p.voltageV), totalW / 600], 'int16', -2);
  const out: Record<string, number | string | null> = {
    PrtAlrms: 0,
    NPrt: ports.length,
    DCA: currents.at(-1)?.raw ?? null,
    DCW: powers.at(-1)?.raw ?? null,
    DCWhInj: Math.round(ports.reduce((sum, p) => sum + p.injectedWh, 0)),
    DCWhAbs: Math.round(ports.reduce((sum, p) => sum + p.absorbedWh, 0)),
    DCA_SF: currents[0]?.sf ?? null,
    DCV_SF: 0,
    DCW_SF: powers[0]?.sf ?? null,
    DCWH_SF: 0,
    Tmp_SF: 0,
  };
  ports.forEach((p, i) => {
    const at = `Prt[${i}].`;
    out[`${at}PrtTyp`] = p.type;
    out[`${at}ID`] = i + 1;
    out[`${at}IDStr`] = p.name;
    out[`${at}DCA`] = currents[i]?.raw ?? null;
    out[`${at}DCV`] = Math.round(p.voltageV);
    out[`${at}DCW`] = powers[i]?.raw ?? null;
    out[`${at}DCWhInj`] = Math.round(p.injectedWh);
    out[`${at}DCWhAbs`] = Math.round(p.absorbedWh);
    out[`${at}Tmp`] = 30;
    out[`${at}DCSta`] = 1;
    out[`${at}DCAlrm`] = 0;
  });
  return out;
}
