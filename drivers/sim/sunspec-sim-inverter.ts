/**
 * The simulated PV inverter as a SunSpec device: models 1, 103 (integer +
 * scale factors), 120 (nameplate) and 123 (immediate controls).
 *
 * Curtailment follows model 123: WMaxLimPct (% of WMax, here the nameplate
 * WRtg) applies while WMaxLim_Ena is ENABLED; with WMaxLimPct_RvrtTms > 0 the
 * limit is dropped that many site-seconds after the client last wrote it.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { numberAt } from '../sunspec/decode.js';
import type { SimPhysics } from './physics-types.js';
import { commonModelSpec } from './sunspec-sim-common.js';
import { RevertTimer } from './sunspec-sim-revert.js';
import { fitOne, fitScale } from './sunspec-sim-scale.js';
import { SimModbusException, SimSunSpecUnit, illegalDataValue, type RawPoints, type SimModelSpec, type SimWrite } from './sunspec-sim-unit.js';

const phaseVoltageV = 230;
const dcVoltageV = 600;
const inverterEfficiency = 0.97;
/** 103 St values. */
const stSleeping = 2;
const stMppt = 4;
const stThrottled = 5;
const wMaxLimPctSf = -2;

export interface SimInverterOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly log: Logger;
  readonly unitId: number;
  /** Nameplate (model 120 WRtg): what 100 % of WMaxLimPct means. */
  readonly ratedW: number;
}

export class SimSunSpecInverter {
  readonly unit: SimSunSpecUnit;
  private readonly options: SimInverterOptions;
  private readonly revert: RevertTimer;
  /** The limit last handed to the physics; it hears about changes only, like a real inverter's power stage. */
  private appliedLimitW: number | null = null;

  constructor(options: SimInverterOptions) {
    this.options = options;
    this.revert = new RevertTimer(options.clock, () => this.onRevert());
    this.unit = new SimSunSpecUnit(40000, [
      commonModelSpec({ model: 'Sim PV Inverter', serial: 'SIM-INV-0001', unitId: options.unitId }),
      { id: 103, measure: () => this.measure103() },
      { id: 120, initial: this.nameplate() },
      this.controls(),
    ]);
  }

  dispose(): void {
    this.revert.disarm();
  }

  private measure103(): RawPoints {
    const s = this.options.physics.state();
    const w = fitOne(s.pvW, 'int16');
    const acA = Math.abs(s.pvW) / phaseVoltageV;
    const [a, aph] = fitScale([acA, acA / 3], 'uint16');
    const dcW = Math.max(0, s.pvW) / inverterEfficiency;
    const dcw = fitOne(dcW, 'int16');
    const dca = fitOne(dcW / dcVoltageV, 'uint16');
    const wh = Math.round(s.pvEnergyWh);
    const throttled = s.pvLimitW !== null && s.pvW < s.pvAvailableW - 1;
    return {
      A: a?.raw ?? null,
      AphA: aph?.raw ?? null,
      AphB: aph?.raw ?? null,
      AphC: aph?.raw ?? null,
      A_SF: a?.sf ?? null,
      PPVphAB: 3984,
      PPVphBC: 3984,
      PPVphCA: 3984,
      PhVphA: phaseVoltageV * 10,
      PhVphB: phaseVoltageV * 10,
      PhVphC: phaseVoltageV * 10,
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
      St: s.pvAvailableW <= 0 ? stSleeping : throttled ? stThrottled : stMppt,
      Evt1: 0,
      Evt2: 0,
    };
  }

  private nameplate(): RawPoints {
    const wRtg = fitOne(this.options.ratedW, 'uint16', 0);
    const aRtg = fitOne(this.options.ratedW / phaseVoltageV / 3, 'uint16');
    return { DERTyp: 4, WRtg: wRtg.raw, WRtg_SF: wRtg.sf, VARtg: wRtg.raw, VARtg_SF: wRtg.sf, ARtg: aRtg.raw, ARtg_SF: aRtg.sf };
  }

  private controls(): SimModelSpec {
    return {
      id: 123,
      initial: {
        Conn_WinTms: 0,
        Conn_RvrtTms: 0,
        Conn: 1,
        WMaxLimPct: 100 * 10 ** -wMaxLimPctSf,
        WMaxLimPct_WinTms: 0,
        WMaxLimPct_RvrtTms: 0,
        WMaxLimPct_RmpTms: 0,
        WMaxLim_Ena: 0,
        WMaxLimPct_SF: wMaxLimPctSf,
      },
      onWrite: (write) => this.onControlsWrite(write),
    };
  }

  private onControlsWrite({ model, written }: SimWrite): void {
    if (!['WMaxLimPct', 'WMaxLim_Ena', 'WMaxLimPct_RvrtTms'].some((p) => written.has(p))) return;
    const pct = numberAt(model, 'WMaxLimPct');
    const enabled = numberAt(model, 'WMaxLim_Ena');
    if (pct !== null && (pct < 0 || pct > 100)) throw new SimModbusException(illegalDataValue, `WMaxLimPct ${pct} % is outside 0..100`);
    if (enabled !== null && enabled !== 0 && enabled !== 1) throw new SimModbusException(illegalDataValue, `WMaxLim_Ena ${enabled} is not 0 or 1`);
    if (enabled === 1 && pct !== null) {
      this.apply((pct / 100) * this.options.ratedW);
      this.revert.arm(numberAt(model, 'WMaxLimPct_RvrtTms'));
    } else {
      this.apply(null);
      this.revert.disarm();
    }
  }

  private apply(limitW: number | null): void {
    if (limitW === this.appliedLimitW) return;
    this.appliedLimitW = limitW;
    this.options.physics.setPvLimitW(limitW);
  }

  private onRevert(): void {
    this.options.log.info('sim inverter: PV limit reverted (client stopped writing)');
    this.unit.setModelPoints(123, { WMaxLim_Ena: 0 });
    this.apply(null);
  }
}
