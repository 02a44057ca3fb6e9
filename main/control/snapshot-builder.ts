/** Assembles the immutable site snapshot of one tick. */
import { has } from '../../drivers/api.js';
import type { DeviceHealth, SiteSnapshot } from '../common/snapshot.js';
import { homePowerW } from '../common/snapshot.js';
import type { CarSettings } from '../common/car.js';
import type { ActiveLimits } from '../common/limits.js';
import type { SocEstimate } from './car-soc-estimator.js';
import type { ControlOutput } from './controller.js';
import type { SiteDevices } from './site-devices.js';

export interface SnapshotParts {
  readonly ts: number;
  readonly seq: number;
  readonly devices: SiteDevices;
  readonly health: readonly DeviceHealth[];
  readonly output: ControlOutput;
  readonly settings: CarSettings;
  readonly carSoc: SocEstimate;
  readonly gridLimits: ActiveLimits;
  readonly fuseLimitW: number;
}

export function buildSnapshot(p: SnapshotParts): SiteSnapshot {
  const { grid, pv, battery, charger } = p.devices;
  const gridW = grid.powerW();
  // Absent devices contribute zero to the balance; present-but-unknown is null.
  const pvW = pv === null ? 0 : pv.powerW();
  const batteryW = battery === null ? 0 : battery.powerW();
  const wallboxW = charger === null ? 0 : charger.powerW();
  const bidi = charger !== null && has(charger, 'bidirectionalCharger') ? charger : null;
  const batteryCtl = battery !== null && has(battery, 'batteryControl') ? battery : null;
  const snapshot: SiteSnapshot = {
    ts: p.ts,
    seq: p.seq,
    grid: {
      powerW: gridW,
      energyImportWh: has(grid, 'energyMeter') ? grid.energyImportWh() : null,
      energyExportWh: has(grid, 'energyMeter') ? grid.energyExportWh() : null,
      phases: has(grid, 'phaseMeter') ? grid.phases() : null,
      fuseLimitW: p.fuseLimitW,
    },
    pv: {
      powerW: pvW,
      energyWh: pv !== null && has(pv, 'energyMeter') ? pv.energyExportWh() : null,
    },
    battery: {
      powerW: batteryW,
      socPct: battery?.socPct() ?? null,
      capacityWh: battery?.capacityWh() ?? null,
      setpointW: batteryCtl === null ? null : p.output.batteryW,
    },
    wallbox: {
      powerW: wallboxW,
      state: charger?.chargerState() ?? 'unknown',
      setpointW: bidi === null ? null : p.output.carW,
      maxChargeW: charger?.maxChargePowerW() ?? null,
      maxDischargeW: bidi?.maxDischargePowerW() ?? null,
    },
    car: {
      pluggedIn: charger?.carConnected() ?? false,
      socPct: p.carSoc.socPct,
      socEstimated: p.carSoc.estimated,
      ...p.settings,
    },
    limits: p.gridLimits,
    home: { powerW: homePowerW(gridW, pvW, batteryW, wallboxW) },
    control: {
      failsafe: p.output.failsafe,
      failsafeReasons: p.output.failsafeReasons,
      limiting: p.output.limiting,
      decision: p.output.decision,
    },
    devices: p.health,
  };
  return deepFreeze(snapshot);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
