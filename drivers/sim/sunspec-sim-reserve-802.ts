/**
 * Model 802 (battery base) as the simulated battery implements it. 802 has
 * no power setpoint; its writable points are the reserve window
 * (SoCRsvMin / SocRsvMax, % of WHRtg), the controller heartbeat (CtrlHb),
 * AlmRst, SetOp and SetInvState. This device honours the reserve window
 * without forcing anything: at or below SoCRsvMin it does not discharge, at
 * or above SocRsvMax it does not charge, in between it runs its own
 * self-consumption logic. (Devices that force-charge from the grid up to the
 * reserve exist too; the hub's driver never sets a reserve above the SoC.)
 *
 * While the window differs from the installer's, the battery is in remote
 * control (LocRemCtl REMOTE) and watches CtrlHb: when the controller stops
 * writing it for `heartbeatTimeoutS`, the window goes back to the
 * installer's and the battery to local control.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { numberAt } from '../sunspec/decode.js';
import type { SimState } from './physics-types.js';
import type { PowerWindow } from './sunspec-sim-power-window.js';
import { RevertTimer } from './sunspec-sim-revert.js';
import { checkPct } from './sunspec-sim-pv-limit.js';
import { chargeStatus } from './sunspec-sim-storage-124.js';
import { fitOne, fitScale } from './sunspec-sim-scale.js';
import type { RawPoints, SimModelSpec, SimSunSpecUnit, SimWrite } from './sunspec-sim-unit.js';

const bankVoltageV = 400;
const typeLithiumIon = 4;
const stateConnected = 3;
/** The installer's window (SoC_SF -1: tenths of a percent). */
const installerRsvMin = 50;
const installerRsvMax = 1000;

export interface Reserve802Target {
  readonly clock: Clock;
  readonly log: Logger;
  readonly heartbeatTimeoutS: number;
  state(): SimState;
  unit(): SimSunSpecUnit;
  setWindow(window: PowerWindow | null): void;
}

export class Reserve802Control {
  private readonly target: Reserve802Target;
  private readonly watchdog: RevertTimer;
  private heartbeat = 0;
  private remote = false;

  constructor(target: Reserve802Target) {
    this.target = target;
    this.watchdog = new RevertTimer(target.clock, () => this.onHeartbeatLost());
  }

  dispose(): void {
    this.watchdog.disarm();
  }

  /** Power cycle: local control again. */
  reset(): void {
    this.watchdog.disarm();
    this.remote = false;
  }

  spec(): SimModelSpec {
    return {
      id: 802,
      initial: { SocRsvMax: installerRsvMax, SoCRsvMin: installerRsvMin, CtrlHb: 0, AlmRst: 0, SetOp: 1, SetInvState: 3 },
      measure: () => this.measure(),
      onWrite: (write) => this.onWrite(write),
    };
  }

  /** Re-evaluates the window against the SoC (called every physics step). */
  update(): void {
    const m = this.target.unit().decoded(802);
    if (m === undefined || !this.remote) return;
    const soc = this.target.state().battery.socPct;
    const rsvMin = numberAt(m, 'SoCRsvMin') ?? 0;
    const rsvMax = numberAt(m, 'SocRsvMax') ?? 100;
    this.target.setWindow({ minW: soc >= rsvMax ? 0 : -Infinity, maxW: soc <= rsvMin ? 0 : Infinity });
  }

  private measure(): RawPoints {
    const s = this.target.state();
    const b = s.battery;
    const wh = fitOne(b.capacityWh, 'uint16', 0);
    const [cha, dis] = fitScale([b.maxChargeW, b.maxDischargeW], 'uint16', 0);
    const w = fitOne(b.powerW, 'int16', 0);
    const a = fitOne(b.powerW / bankVoltageV, 'int16');
    this.heartbeat = (this.heartbeat + 1) % 0xfffe;
    return {
      AHRtg: Math.round(b.capacityWh / bankVoltageV),
      AHRtg_SF: 0,
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
      ChaSt: chargeStatus(s),
      LocRemCtl: this.remote || b.commandW !== null ? 0 : 1,
      Hb: this.heartbeat,
      Typ: typeLithiumIon,
      State: stateConnected,
      Evt1: 0,
      Evt2: 0,
      EvtVnd1: 0,
      EvtVnd2: 0,
      V: bankVoltageV * 10,
      V_SF: -1,
      CellV_SF: -3,
      A: a.raw,
      A_SF: a.sf,
      AMax_SF: 0,
      W: w.raw,
      W_SF: w.sf,
    };
  }

  private onWrite({ model, written }: SimWrite): void {
    if (written.has('SoCRsvMin') || written.has('SocRsvMax')) {
      const rsvMin = numberAt(model, 'SoCRsvMin');
      const rsvMax = numberAt(model, 'SocRsvMax');
      checkPct(rsvMin, 'SoCRsvMin');
      checkPct(rsvMax, 'SocRsvMax');
      this.remote = rsvMin !== installerRsvMin / 10 || rsvMax !== installerRsvMax / 10;
      if (!this.remote) {
        this.watchdog.disarm();
        this.target.setWindow(null);
        return;
      }
      this.watchdog.arm(this.target.heartbeatTimeoutS);
      this.update();
    }
    if (written.has('CtrlHb') && this.remote) this.watchdog.arm(this.target.heartbeatTimeoutS);
  }

  private onHeartbeatLost(): void {
    this.target.log.info('sim battery: controller heartbeat lost, reserve window back to the installer settings');
    this.remote = false;
    this.target.unit().setModelPoints(802, { SoCRsvMin: installerRsvMin, SocRsvMax: installerRsvMax });
    this.target.setWindow(null);
  }
}
