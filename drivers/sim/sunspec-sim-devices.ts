/**
 * The simulated SunSpec devices behind one Modbus endpoint (TCP server or
 * RTU line): a PV inverter and a home battery on two unit ids, like a hybrid
 * inverter with a battery or a gateway, each presenting the model set the
 * options ask for. Registers follow the physics step (1 site-second); a read
 * first catches up with a step the timer has not seen yet, so the simulator
 * adds no phase lag of its own to the control loop.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import type { SimPhysics } from './physics-types.js';
import { SimSunSpecBattery, type SimBatteryProfile } from './sunspec-sim-battery.js';
import { SimSunSpecInverter, type SimInverterProfile } from './sunspec-sim-inverter.js';
import type { SimSunSpecUnit } from './sunspec-sim-unit.js';

export interface SunSpecDevicesOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly inverterUnitId?: number;
  readonly batteryUnitId?: number;
  /** Inverter nameplate (model 120 WRtg / 702 WMaxRtg), W. Default 10 000. */
  readonly inverterRatedW?: number;
  /** Model set of the inverter; default 'int' (103, 120, 123, 160). */
  readonly inverterProfile?: SimInverterProfile;
  /** 101/111 instead of 103/113. */
  readonly inverterPhases?: 1 | 3;
  /** Model set of the battery; default '124+802'. */
  readonly batteryProfile?: SimBatteryProfile;
  /** Model 1 Mn of both devices (default "SCALE Hub"); a vendor's name exercises its quirks. */
  readonly manufacturer?: string;
  /** 802: site seconds without a controller heartbeat before the reserve window reverts. */
  readonly heartbeatTimeoutS?: number;
}

export interface SunSpecDevices {
  readonly inverter: SimSunSpecInverter;
  readonly battery: SimSunSpecBattery;
  readonly units: ReadonlyMap<number, SimSunSpecUnit>;
  /** Brings the registers up to the current physics step (cheap when nothing changed). */
  refresh(): void;
  /** Every remote setting forgotten, as after a power cycle. */
  reboot(): void;
  dispose(): void;
}

export function createSunSpecDevices(opts: SunSpecDevicesOptions, log: Logger): SunSpecDevices {
  const inverterUnitId = opts.inverterUnitId ?? 1;
  const batteryUnitId = opts.batteryUnitId ?? 2;
  if (inverterUnitId === batteryUnitId) throw new RangeError(`inverter and battery need different unit ids, both are ${inverterUnitId}`);
  const inverter = new SimSunSpecInverter({
    physics: opts.physics,
    clock: opts.clock,
    log,
    unitId: inverterUnitId,
    ratedW: opts.inverterRatedW ?? 10_000,
    ...(opts.inverterProfile === undefined ? {} : { profile: opts.inverterProfile }),
    ...(opts.inverterPhases === undefined ? {} : { phases: opts.inverterPhases }),
    ...(opts.manufacturer === undefined ? {} : { manufacturer: opts.manufacturer }),
  });
  const battery = new SimSunSpecBattery({
    physics: opts.physics,
    clock: opts.clock,
    log,
    unitId: batteryUnitId,
    ...(opts.batteryProfile === undefined ? {} : { profile: opts.batteryProfile }),
    ...(opts.manufacturer === undefined ? {} : { manufacturer: opts.manufacturer }),
    ...(opts.heartbeatTimeoutS === undefined ? {} : { heartbeatTimeoutS: opts.heartbeatTimeoutS }),
  });
  const units = new Map<number, SimSunSpecUnit>([
    [inverterUnitId, inverter.unit],
    [batteryUnitId, battery.unit],
  ]);
  let refreshedTs: number | null = null;
  const refresh = (): void => {
    const ts = opts.physics.state().ts;
    if (ts === refreshedTs) return;
    refreshedTs = ts;
    battery.tick();
    for (const unit of units.values()) unit.refresh();
  };
  const stopRefresh = opts.clock.every(1000, refresh);
  return {
    inverter,
    battery,
    units,
    refresh,
    reboot: () => {
      inverter.reboot();
      battery.reboot();
      refreshedTs = null;
    },
    dispose: () => {
      stopRefresh();
      inverter.dispose();
      battery.dispose();
    },
  };
}
