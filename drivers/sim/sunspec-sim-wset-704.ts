/**
 * Model 704 (DER AC controls) "set active power" as the simulated storage
 * DER implements it: while WSetEna is ENABLED the battery holds WSet watts
 * (WSetMod WATTS) or WSetPct % of 702 WMax (WSetMod W_MAX_PCT), > 0
 * injecting (discharge), < 0 absorbing (charge). After WSetRvrtTms
 * site-seconds without a write it takes the reversion settings:
 * WSetEnaRvrt DISABLED gives control back to the battery, ENABLED holds
 * WSetRvrt.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { numberAt, type DecodedModel } from '../sunspec/decode.js';
import type { PowerWindow } from './sunspec-sim-power-window.js';
import { checkEnable, checkPct } from './sunspec-sim-pv-limit.js';
import { RevertTimer } from './sunspec-sim-revert.js';
import { SimModbusException, illegalDataValue, type SimModelSpec, type SimSunSpecUnit, type SimWrite } from './sunspec-sim-unit.js';

const wSetModPct = 0;
const wSetModWatts = 1;
const wSetPoints = ['WSetEna', 'WSetMod', 'WSet', 'WSetRvrt', 'WSetPct', 'WSetPctRvrt', 'WSetEnaRvrt', 'WSetRvrtTms'];

export interface WSet704Target {
  readonly clock: Clock;
  readonly log: Logger;
  unit(): SimSunSpecUnit;
  /** 702 WMax: what WSetPct refers to. */
  wMaxW(): number;
  setWindow(window: PowerWindow | null): void;
}

export class WSet704Control {
  private readonly target: WSet704Target;
  private readonly revert: RevertTimer;

  constructor(target: WSet704Target) {
    this.target = target;
    this.revert = new RevertTimer(target.clock, () => this.onRevert());
  }

  dispose(): void {
    this.revert.disarm();
  }

  spec(): SimModelSpec {
    return {
      id: 704,
      initial: {
        WMaxLimPctEna: 0,
        WMaxLimPct: 1000,
        WMaxLimPctRvrt: 1000,
        WMaxLimPctEnaRvrt: 0,
        WMaxLimPctRvrtTms: 0,
        WSetEna: 0,
        WSetMod: wSetModWatts,
        WSet: 0,
        WSetRvrt: 0,
        WSetPct: 0,
        WSetPctRvrt: 0,
        WSetEnaRvrt: 0,
        WSetRvrtTms: 0,
        WMaxLimPct_SF: -1,
        WSet_SF: 0,
        WSetPct_SF: -1,
      },
      measure: () => ({ WSetRvrtRem: this.revert.remainingS() }),
      onWrite: (write) => this.onWrite(write),
    };
  }

  private onWrite({ model, written }: SimWrite): void {
    if (!wSetPoints.some((p) => written.has(p))) return;
    const enabled = numberAt(model, 'WSetEna');
    checkEnable(enabled, 'WSetEna');
    checkEnable(numberAt(model, 'WSetEnaRvrt'), 'WSetEnaRvrt');
    checkPct(numberAt(model, 'WSetPct'), 'WSetPct', -100);
    if (enabled !== 1) {
      this.target.setWindow(null);
      this.revert.disarm();
      return;
    }
    const w = this.setpointW(model, 'WSet', 'WSetPct');
    this.target.setWindow({ minW: w, maxW: w });
    this.revert.arm(numberAt(model, 'WSetRvrtTms'));
  }

  private setpointW(model: DecodedModel, watts: string, pct: string): number {
    const mode = numberAt(model, 'WSetMod');
    if (mode === wSetModWatts) {
      const w = numberAt(model, watts);
      if (w === null) throw new SimModbusException(illegalDataValue, `${watts} is not set`);
      return w;
    }
    if (mode === wSetModPct) return ((numberAt(model, pct) ?? 0) / 100) * this.target.wMaxW();
    throw new SimModbusException(illegalDataValue, `WSetMod ${String(mode)} is not W_MAX_PCT (0) or WATTS (1)`);
  }

  private onRevert(): void {
    const unit = this.target.unit();
    const model = unit.decoded(704);
    if (model !== undefined && numberAt(model, 'WSetEnaRvrt') === 1) {
      const w = this.setpointW(model, 'WSetRvrt', 'WSetPctRvrt');
      this.target.log.info('sim battery: active power setpoint reverted to its reversion value', { w });
      this.target.setWindow({ minW: w, maxW: w });
      return;
    }
    this.target.log.info('sim battery: active power setpoint reverted (client stopped writing)');
    unit.setModelPoints(704, { WSetEna: 0 });
    this.target.setWindow(null);
  }
}
