/**
 * The simulated home battery as a SunSpec device: models 1, 124 (basic
 * storage controls) and 802 (battery base).
 *
 * Model 124 as this device implements it (the Fronius GEN24 reading of the
 * model): InWRte and OutWRte bound a window of allowed battery power, both
 * in % of WChaMax. StorCtl_Mod bit 0 activates the charge bound (charge at
 * most InWRte; a negative InWRte forces a discharge of at least |InWRte|),
 * bit 1 the discharge bound (discharge at most OutWRte; a negative OutWRte
 * forces a charge of at least |OutWRte|). StorCtl_Mod 0: autonomous.
 * The physics takes one power command, so the window maps to:
 *   window entirely on the discharge side -> discharge at its lower edge,
 *   entirely on the charge side -> charge at its edge nearest zero,
 *   exactly [0, 0] -> hold at 0 W,
 *   any other window containing 0 -> autonomous (a simplification: a real
 *   battery would run self-consumption clipped to the window).
 * InOutWRte_RvrtTms > 0: that many site-seconds after the last write the
 * device reverts to StorCtl_Mod 0 and 100 % rates.
 *
 * Model 802 W is positive when discharging (power out of the bank, the sign
 * the DER models use for injection) and negative when charging.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { numberAt } from '../sunspec/decode.js';
import type { SimPhysics, SimState } from './physics-types.js';
import { commonModelSpec } from './sunspec-sim-common.js';
import { RevertTimer } from './sunspec-sim-revert.js';
import { fitOne, fitScale } from './sunspec-sim-scale.js';
import { SimModbusException, SimSunSpecUnit, illegalDataValue, type RawPoints, type SimModelSpec, type SimWrite } from './sunspec-sim-unit.js';

const rteSf = -2;
const fullRate = 100 * 10 ** -rteSf;
const bankVoltageV = 400;
/** 124/802 ChaSt values. */
const chaSt = { empty: 2, discharging: 3, charging: 4, full: 5, holding: 6 } as const;
const stateConnected = 3;
const typeLithiumIon = 4;

export interface SimBatteryOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly log: Logger;
  readonly unitId: number;
}

export class SimSunSpecBattery {
  readonly unit: SimSunSpecUnit;
  private readonly options: SimBatteryOptions;
  private readonly revert: RevertTimer;
  private heartbeat = 0;
  /** The command last handed to the physics (null: autonomous); it hears about changes only. */
  private appliedCommandW: number | null = null;

  constructor(options: SimBatteryOptions) {
    this.options = options;
    this.revert = new RevertTimer(options.clock, () => this.onRevert());
    const s = options.physics.state();
    this.unit = new SimSunSpecUnit(40000, [
      commonModelSpec({ model: 'Sim Battery', serial: 'SIM-BAT-0001', unitId: options.unitId }),
      this.storage(s),
      { id: 802, initial: { SocRsvMax: null, SoCRsvMin: null, CtrlHb: 0, AlmRst: 0, SetOp: 1, SetInvState: 3 }, measure: () => this.measure802() },
    ]);
  }

  dispose(): void {
    this.revert.disarm();
  }

  private storage(s: SimState): SimModelSpec {
    const wChaMax = fitOne(s.battery.maxChargeW, 'uint16', 0);
    return {
      id: 124,
      initial: {
        WChaMax: wChaMax.raw,
        WChaMax_SF: wChaMax.sf,
        WChaGra: 100,
        WDisChaGra: 100,
        WChaDisChaGra_SF: 0,
        StorCtl_Mod: 0,
        OutWRte: fullRate,
        InWRte: fullRate,
        InOutWRte_WinTms: 0,
        InOutWRte_RvrtTms: 0,
        InOutWRte_RmpTms: 0,
        ChaGriSet: 1,
        InOutWRte_SF: rteSf,
      },
      measure: () => {
        const now = this.options.physics.state();
        return { ChaState: Math.round(now.battery.socPct * 10), ChaState_SF: -1, InBatV: bankVoltageV, InBatV_SF: 0, ChaSt: chargeStatus(now) };
      },
      onWrite: (write) => this.onStorageWrite(write),
    };
  }

  private measure802(): RawPoints {
    const b = this.options.physics.state().battery;
    const wh = fitOne(b.capacityWh, 'uint16', 0);
    const [cha, dis] = fitScale([b.maxChargeW, b.maxDischargeW], 'uint16', 0);
    const w = fitOne(b.powerW, 'int16', 0);
    const a = fitOne(b.powerW / bankVoltageV, 'int16');
    this.heartbeat = (this.heartbeat + 1) % 0xfffe;
    return {
      WHRtg: wh.raw,
      WHRtg_SF: wh.sf,
      WChaRteMax: cha?.raw ?? null,
      WDisChaRteMax: dis?.raw ?? null,
      WChaDisChaMax_SF: cha?.sf ?? null,
      SoCMax: 1000,
      SoCMin: 0,
      SoC: Math.round(b.socPct * 10),
      SoC_SF: -1,
      SoH: 100,
      SoH_SF: 0,
      ChaSt: chargeStatus(this.options.physics.state()),
      LocRemCtl: b.commandW === null ? 1 : 0,
      Hb: this.heartbeat,
      Typ: typeLithiumIon,
      State: stateConnected,
      Evt1: 0,
      Evt2: 0,
      V: bankVoltageV * 10,
      V_SF: -1,
      A: a.raw,
      A_SF: a.sf,
      W: w.raw,
      W_SF: w.sf,
    };
  }

  private onStorageWrite({ model, written }: SimWrite): void {
    if (!['StorCtl_Mod', 'InWRte', 'OutWRte', 'InOutWRte_RvrtTms', 'WChaMax'].some((p) => written.has(p))) return;
    const mode = numberAt(model, 'StorCtl_Mod') ?? 0;
    const inPct = numberAt(model, 'InWRte');
    const outPct = numberAt(model, 'OutWRte');
    const wChaMax = numberAt(model, 'WChaMax');
    if (mode > 3) throw new SimModbusException(illegalDataValue, `StorCtl_Mod ${mode} has undefined bits`);
    for (const pct of [inPct, outPct]) {
      if (pct !== null && (pct < -100 || pct > 100)) throw new SimModbusException(illegalDataValue, `rate ${pct} % is outside -100..100`);
    }
    const commandW = mode === 0 || wChaMax === null ? null : windowCommandW(mode, inPct ?? 100, outPct ?? 100, wChaMax, this.options.physics.state());
    this.apply(commandW);
    if (mode === 0) this.revert.disarm();
    else this.revert.arm(numberAt(model, 'InOutWRte_RvrtTms'));
  }

  private onRevert(): void {
    this.options.log.info('sim battery: storage control reverted (client stopped writing)');
    this.unit.setModelPoints(124, { StorCtl_Mod: 0, InWRte: fullRate, OutWRte: fullRate });
    this.apply(null);
  }

  private apply(commandW: number | null): void {
    if (commandW === this.appliedCommandW) return;
    this.appliedCommandW = commandW;
    this.options.physics.setBatteryCommandW(commandW);
  }
}

/** The single command (> 0 discharge) that stands for the window; see the file comment. */
function windowCommandW(mode: number, inPct: number, outPct: number, wChaMax: number, s: SimState): number | null {
  const lowW = (mode & 1) !== 0 ? (-inPct / 100) * wChaMax : -Infinity;
  const highW = (mode & 2) !== 0 ? (outPct / 100) * wChaMax : Infinity;
  let commandW: number | null;
  if (lowW > 0) commandW = Math.min(lowW, highW);
  else if (highW < 0) commandW = Math.max(highW, lowW);
  else if (lowW === 0 && highW === 0) commandW = 0;
  else commandW = null;
  if (commandW === null) return null;
  return Math.max(-s.battery.maxChargeW, Math.min(s.battery.maxDischargeW, commandW));
}

function chargeStatus(s: SimState): number {
  if (s.battery.powerW > 0) return chaSt.discharging;
  if (s.battery.powerW < 0) return chaSt.charging;
  if (s.battery.socPct >= 100) return chaSt.full;
  if (s.battery.socPct <= 0) return chaSt.empty;
  return chaSt.holding;
}
