/**
 * Model 124 (basic storage controls) as the simulated battery implements it:
 * the Fronius GEN24 reading of the model. InWRte and OutWRte bound a window
 * of allowed battery power, both in % of WChaMax. StorCtl_Mod bit 0 activates
 * the charge bound (charge at most InWRte; a negative InWRte forces a
 * discharge of at least |InWRte|), bit 1 the discharge bound (discharge at
 * most OutWRte; a negative OutWRte forces a charge of at least |OutWRte|).
 * StorCtl_Mod 0: autonomous. InOutWRte_RvrtTms > 0: that many site-seconds
 * after the last write the device reverts to StorCtl_Mod 0 and 100 % rates.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { numberAt } from '../sunspec/decode.js';
import type { SimState } from './physics-types.js';
import type { PowerWindow } from './sunspec-sim-power-window.js';
import { RevertTimer } from './sunspec-sim-revert.js';
import { fitOne } from './sunspec-sim-scale.js';
import { SimModbusException, illegalDataValue, type SimModelSpec, type SimSunSpecUnit, type SimWrite } from './sunspec-sim-unit.js';

const rteSf = -2;
const fullRate = 100 * 10 ** -rteSf;
const bankVoltageV = 400;
/** 124/802 ChaSt values. */
const chaSt = { empty: 2, discharging: 3, charging: 4, full: 5, holding: 6 } as const;

export interface Storage124Target {
  readonly clock: Clock;
  readonly log: Logger;
  state(): SimState;
  unit(): SimSunSpecUnit;
  setWindow(window: PowerWindow | null): void;
}

export class Storage124Control {
  private readonly target: Storage124Target;
  private readonly revert: RevertTimer;

  constructor(target: Storage124Target) {
    this.target = target;
    this.revert = new RevertTimer(target.clock, () => this.onRevert());
  }

  dispose(): void {
    this.revert.disarm();
  }

  spec(): SimModelSpec {
    const wChaMax = fitOne(this.target.state().battery.maxChargeW, 'uint16', 0);
    return {
      id: 124,
      initial: {
        WChaMax: wChaMax.raw,
        WChaMax_SF: wChaMax.sf,
        WChaGra: 100,
        WDisChaGra: 100,
        WChaDisChaGra_SF: 0,
        StorCtl_Mod: 0,
        MinRsvPct: 50,
        MinRsvPct_SF: -1,
        OutWRte: fullRate,
        InWRte: fullRate,
        InOutWRte_WinTms: 0,
        InOutWRte_RvrtTms: 0,
        InOutWRte_RmpTms: 0,
        ChaGriSet: 1,
        InOutWRte_SF: rteSf,
      },
      measure: () => {
        const now = this.target.state();
        return { ChaState: Math.round(now.battery.socPct * 10), ChaState_SF: -1, InBatV: bankVoltageV, InBatV_SF: 0, ChaSt: chargeStatus(now) };
      },
      onWrite: (write) => this.onWrite(write),
    };
  }

  private onWrite({ model, written }: SimWrite): void {
    if (!['StorCtl_Mod', 'InWRte', 'OutWRte', 'InOutWRte_RvrtTms', 'WChaMax'].some((p) => written.has(p))) return;
    const mode = numberAt(model, 'StorCtl_Mod') ?? 0;
    const inPct = numberAt(model, 'InWRte') ?? 100;
    const outPct = numberAt(model, 'OutWRte') ?? 100;
    const wChaMax = numberAt(model, 'WChaMax');
    if (mode > 3) throw new SimModbusException(illegalDataValue, `StorCtl_Mod ${mode} has undefined bits`);
    for (const pct of [inPct, outPct]) {
      if (pct < -100 || pct > 100) throw new SimModbusException(illegalDataValue, `rate ${pct} % is outside -100..100`);
    }
    if (mode === 0 || wChaMax === null) {
      this.target.setWindow(null);
      this.revert.disarm();
      return;
    }
    const minW = (mode & 1) !== 0 ? (-inPct / 100) * wChaMax : -Infinity;
    const maxW = (mode & 2) !== 0 ? (outPct / 100) * wChaMax : Infinity;
    this.target.setWindow({ minW, maxW });
    this.revert.arm(numberAt(model, 'InOutWRte_RvrtTms'));
  }

  private onRevert(): void {
    this.target.log.info('sim battery: storage control reverted (client stopped writing)');
    this.target.unit().setModelPoints(124, { StorCtl_Mod: 0, InWRte: fullRate, OutWRte: fullRate });
    this.target.setWindow(null);
  }
}

export function chargeStatus(s: SimState): number {
  if (s.battery.powerW > 0) return chaSt.discharging;
  if (s.battery.powerW < 0) return chaSt.charging;
  if (s.battery.socPct >= 100) return chaSt.full;
  if (s.battery.socPct <= 0) return chaSt.empty;
  return chaSt.holding;
}
