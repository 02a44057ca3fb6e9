/**
 * PV curtailment as the simulated inverter implements it, in both model
 * families:
 *
 * - 123 (immediate controls): WMaxLimPct (% of WMax) applies while
 *   WMaxLim_Ena is ENABLED; WMaxLimPct_RvrtTms > 0 drops the limit that many
 *   site-seconds after the client last wrote it.
 * - 704 (DER AC controls): WMaxLimPct applies while WMaxLimPctEna is
 *   ENABLED; after WMaxLimPctRvrtTms without a write the device takes the
 *   reversion settings: WMaxLimPctEnaRvrt (usually DISABLED, i.e. no limit)
 *   and, if that is ENABLED, WMaxLimPctRvrt as the new limit.
 *
 * Invalid values are refused with exception 3 and roll the registers back.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { numberAt } from '../sunspec/decode.js';
import { RevertTimer } from './sunspec-sim-revert.js';
import { SimModbusException, illegalDataValue, type SimModelSpec, type SimSunSpecUnit, type SimWrite } from './sunspec-sim-unit.js';

const pctSf = -2;

export interface PvLimitTarget {
  readonly clock: Clock;
  readonly log: Logger;
  /** The unit, once built (specs are made before it). */
  unit(): SimSunSpecUnit;
  /** What 100 % means, W. */
  wMaxW(): number;
  /** null: no limit. */
  apply(limitW: number | null): void;
}

export class PvLimitControl {
  private readonly target: PvLimitTarget;
  private readonly revert: RevertTimer;
  private model: 123 | 704 = 123;

  constructor(target: PvLimitTarget) {
    this.target = target;
    this.revert = new RevertTimer(target.clock, () => this.onRevert());
  }

  dispose(): void {
    this.revert.disarm();
  }

  spec123(): SimModelSpec {
    this.model = 123;
    return {
      id: 123,
      initial: {
        Conn_WinTms: 0,
        Conn_RvrtTms: 0,
        Conn: 1,
        WMaxLimPct: 100 * 10 ** -pctSf,
        WMaxLimPct_WinTms: 0,
        WMaxLimPct_RvrtTms: 0,
        WMaxLimPct_RmpTms: 0,
        WMaxLim_Ena: 0,
        WMaxLimPct_SF: pctSf,
      },
      onWrite: (write) => this.on123(write),
    };
  }

  spec704(): SimModelSpec {
    this.model = 704;
    return {
      id: 704,
      initial: {
        WMaxLimPctEna: 0,
        WMaxLimPct: 100 * 10 ** -pctSf,
        WMaxLimPctRvrt: 100 * 10 ** -pctSf,
        WMaxLimPctEnaRvrt: 0,
        WMaxLimPctRvrtTms: 0,
        WSetEna: 0,
        WSetMod: 0,
        WSetEnaRvrt: 0,
        WSetRvrtTms: 0,
        WMaxLimPct_SF: pctSf,
        WSet_SF: 0,
        WSetPct_SF: -1,
      },
      measure: () => ({ WMaxLimPctRvrtRem: this.revert.remainingS() }),
      onWrite: (write) => this.on704(write),
    };
  }

  private on123({ model, written }: SimWrite): void {
    if (!['WMaxLimPct', 'WMaxLim_Ena', 'WMaxLimPct_RvrtTms'].some((p) => written.has(p))) return;
    this.applyLimit(numberAt(model, 'WMaxLim_Ena'), numberAt(model, 'WMaxLimPct'), numberAt(model, 'WMaxLimPct_RvrtTms'));
  }

  private on704({ model, written }: SimWrite): void {
    if (!['WMaxLimPctEna', 'WMaxLimPct', 'WMaxLimPctRvrtTms', 'WMaxLimPctEnaRvrt', 'WMaxLimPctRvrt'].some((p) => written.has(p))) return;
    checkEnable(numberAt(model, 'WMaxLimPctEnaRvrt'), 'WMaxLimPctEnaRvrt');
    checkPct(numberAt(model, 'WMaxLimPctRvrt'), 'WMaxLimPctRvrt');
    this.applyLimit(numberAt(model, 'WMaxLimPctEna'), numberAt(model, 'WMaxLimPct'), numberAt(model, 'WMaxLimPctRvrtTms'));
  }

  private applyLimit(enabled: number | null, pct: number | null, revertS: number | null): void {
    checkPct(pct, 'WMaxLimPct');
    checkEnable(enabled, 'the limit enable');
    if (enabled === 1 && pct !== null) {
      this.target.apply((pct / 100) * this.target.wMaxW());
      this.revert.arm(revertS);
    } else {
      this.target.apply(null);
      this.revert.disarm();
    }
  }

  private onRevert(): void {
    this.target.log.info('sim inverter: PV limit reverted (client stopped writing)');
    const unit = this.target.unit();
    if (this.model === 123) {
      unit.setModelPoints(123, { WMaxLim_Ena: 0 });
      this.target.apply(null);
      return;
    }
    const controls = unit.decoded(704);
    const enaRvrt = controls === undefined ? 0 : numberAt(controls, 'WMaxLimPctEnaRvrt');
    const rvrtPct = controls === undefined ? null : numberAt(controls, 'WMaxLimPctRvrt');
    if (enaRvrt === 1 && rvrtPct !== null) {
      unit.setModelPoints(704, { WMaxLimPct: Math.round(rvrtPct * 10 ** -pctSf) });
      this.target.apply((rvrtPct / 100) * this.target.wMaxW());
    } else {
      unit.setModelPoints(704, { WMaxLimPctEna: 0 });
      this.target.apply(null);
    }
  }
}

export function checkPct(pct: number | null, name: string, min = 0): void {
  if (pct !== null && (pct < min || pct > 100)) throw new SimModbusException(illegalDataValue, `${name} ${pct} % is outside ${min}..100`);
}

export function checkEnable(value: number | null, name: string): void {
  if (value !== null && value !== 0 && value !== 1) throw new SimModbusException(illegalDataValue, `${name} ${value} is not 0 or 1`);
}
