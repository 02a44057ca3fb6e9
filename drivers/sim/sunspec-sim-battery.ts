/**
 * The simulated home battery as a SunSpec device, in one of four model sets
 * (one per control path a real battery may offer):
 *
 *   '124+802' 1, 124, 802                 rates window (124) + battery base (802)
 *   '124'     1, 124, 160                 Fronius GEN24 style: no 802; battery power in 160
 *                                         modules "StCha 3" / "StDisCha 4"
 *   '802'     1, 802                      reserve window + controller heartbeat only
 *   'der'     1, 701, 702, 704, 713, 714  storage DER: WSet (704), one ESS port (714)
 *
 * Signs: 802 W, 701 W and the 714 ESS port's DCW are > 0 when discharging.
 * How each control turns into a physics command: sunspec-sim-power-window.ts.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { numberAt } from '../sunspec/decode.js';
import type { SimPhysics, SimState } from './physics-types.js';
import { commonModelSpec } from './sunspec-sim-common.js';
import { capacity702, invSt, measure701, ports714, storage713 } from './sunspec-sim-der.js';
import { mppt160 } from './sunspec-sim-legacy.js';
import { PowerWindows, type ControlPath, type PowerWindow } from './sunspec-sim-power-window.js';
import { Reserve802Control } from './sunspec-sim-reserve-802.js';
import { Storage124Control } from './sunspec-sim-storage-124.js';
import { SimSunSpecUnit, type RawPoints, type SimModelSpec } from './sunspec-sim-unit.js';
import { WSet704Control } from './sunspec-sim-wset-704.js';

export const simBatteryProfiles = ['124+802', '124', '802', 'der'] as const;
export type SimBatteryProfile = (typeof simBatteryProfiles)[number];

const bankVoltageV = 400;

export interface SimBatteryOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly log: Logger;
  readonly unitId: number;
  readonly profile?: SimBatteryProfile;
  /** Model 1 Mn; tests set a vendor's name to exercise its quirks. */
  readonly manufacturer?: string;
  /** 802: site seconds without a CtrlHb write before the reserve window reverts. Default 60. */
  readonly heartbeatTimeoutS?: number;
}

export class SimSunSpecBattery {
  readonly unit: SimSunSpecUnit;
  readonly profile: SimBatteryProfile;
  private readonly options: SimBatteryOptions;
  private readonly windows = new PowerWindows();
  private readonly storage: Storage124Control;
  private readonly reserve: Reserve802Control;
  private readonly wset: WSet704Control;
  /** The command last handed to the physics (null: autonomous); it hears about changes only. */
  private appliedCommandW: number | null = null;

  constructor(options: SimBatteryOptions) {
    this.options = options;
    this.profile = options.profile ?? '124+802';
    const target = (path: ControlPath) => ({
      clock: options.clock,
      log: options.log,
      state: () => options.physics.state(),
      unit: () => this.unit,
      setWindow: (window: PowerWindow | null) => this.setWindow(path, window),
    });
    this.storage = new Storage124Control(target('124'));
    this.reserve = new Reserve802Control({ ...target('802'), heartbeatTimeoutS: options.heartbeatTimeoutS ?? 60 });
    this.wset = new WSet704Control({ ...target('704'), wMaxW: () => this.wMaxW() });
    const common = commonModelSpec({ model: 'Sim Battery', serial: 'SIM-BAT-0001', unitId: options.unitId, manufacturer: options.manufacturer });
    const s = options.physics.state();
    let specs: SimModelSpec[];
    switch (this.profile) {
      case '124+802':
        specs = [common, this.storage.spec(), this.reserve.spec()];
        break;
      case '124':
        specs = [common, this.storage.spec(), { id: 160, measure: () => this.froniusModules() }];
        break;
      case '802':
        specs = [common, this.reserve.spec()];
        break;
      case 'der':
        specs = [
          common,
          { id: 701, measure: () => this.measure701() },
          { id: 702, initial: capacity702({ maxW: Math.max(s.battery.maxChargeW, s.battery.maxDischargeW), maxChargeW: s.battery.maxChargeW, maxDischargeW: s.battery.maxDischargeW }) },
          this.wset.spec(),
          { id: 713, measure: () => storage713(this.options.physics.state().battery) },
          { id: 714, measure: () => this.port714() },
        ];
        break;
    }
    this.unit = new SimSunSpecUnit(40000, specs);
  }

  dispose(): void {
    this.storage.dispose();
    this.reserve.dispose();
    this.wset.dispose();
  }

  /** Follows the physics: windows that clip the battery's own logic need the latest load (called every step). */
  tick(): void {
    if (this.profile === '802' || this.profile === '124+802') this.reserve.update();
    this.apply(this.windows.commandW(this.options.physics.state()));
  }

  /** Power cycle: every remote setting is gone, the battery runs on its own. */
  reboot(): void {
    this.dispose();
    this.reserve.reset();
    this.windows.clear();
    this.unit.reset();
    this.apply(null);
  }

  private setWindow(path: ControlPath, window: PowerWindow | null): void {
    this.windows.set(path, window);
    this.apply(this.windows.commandW(this.options.physics.state()));
  }

  private wMaxW(): number {
    const m = this.unit.decoded(702);
    const s = this.options.physics.state().battery;
    return (m && numberAt(m, 'WMax')) ?? Math.max(s.maxChargeW, s.maxDischargeW);
  }

  private froniusModules(): RawPoints {
    const s: SimState = this.options.physics.state();
    const b = s.battery;
    return mppt160([
      { name: 'String 1', powerW: 0, voltageV: 600, energyWh: 1 },
      { name: 'String 2', powerW: 0, voltageV: 600, energyWh: 1 },
      { name: 'StCha 3', powerW: Math.max(0, -b.powerW), voltageV: bankVoltageV, energyWh: b.chargeEnergyWh },
      { name: 'StDisCha 4', powerW: Math.max(0, b.powerW), voltageV: bankVoltageV, energyWh: b.dischargeEnergyWh },
    ]);
  }

  private measure701(): RawPoints {
    const b = this.options.physics.state().battery;
    return measure701({ powerW: b.powerW, injectedWh: b.dischargeEnergyWh, absorbedWh: b.chargeEnergyWh, invSt: invSt.running, throttlePct: 0 });
  }

  private port714(): RawPoints {
    const b = this.options.physics.state().battery;
    return ports714([{ type: 1, name: 'Battery', powerW: b.powerW, voltageV: bankVoltageV, injectedWh: b.dischargeEnergyWh, absorbedWh: b.chargeEnergyWh }]);
  }

  private apply(commandW: number | null): void {
    if (commandW === this.appliedCommandW) return;
    this.appliedCommandW = commandW;
    this.options.physics.setBatteryCommandW(commandW);
  }
}
