/**
 * The site snapshot: one immutable object per control tick, the single source
 * for the controller, the history store, the API and the UI.
 *
 * Signs (as in most HEMS): grid > 0 is import; PV > 0 is production; battery
 * > 0 is discharge; wallbox > 0 charges the car, < 0 discharges it (V2H/V2G).
 * Home load is derived: grid + pv + battery - wallbox.
 * `null` means "not known right now" (device stale or value not available),
 * never zero.
 */

import type { CarMode } from './car.js';
import type { ActiveLimits } from './limits.js';

export { carModes } from './car.js';
export type { CarMode } from './car.js';

export const deviceRoles = ['grid', 'pv', 'battery', 'charger'] as const;
export type DeviceRole = (typeof deviceRoles)[number];

/** connecting: not yet read. ok: fresh data. stale: no valid data for too long. error: last attempt failed. */
export type DeviceStatus = 'connecting' | 'ok' | 'stale' | 'error';

export interface DeviceHealth {
  readonly id: string;
  readonly role: DeviceRole;
  readonly type: string;
  readonly status: DeviceStatus;
  /** Site time of the last valid reading, or null if none yet. */
  readonly lastValidTs: number | null;
  /** Human-readable last problem, e.g. "CRC mismatch (expected 1A2B, got 0000)". */
  readonly lastError: string | null;
  /** Protocol counters, e.g. { telegrams: 1200, crcErrors: 2, timeouts: 0 }. */
  readonly counters: Readonly<Record<string, number>>;
}

export type ChargerState = 'unknown' | 'disconnected' | 'connected' | 'charging' | 'discharging' | 'paused' | 'error';

export interface PhaseValues {
  readonly currentA: number | null;
  readonly voltageV: number | null;
  /** Signed like grid power: > 0 import. */
  readonly powerW: number | null;
}

export interface GridState {
  readonly powerW: number | null;
  readonly energyImportWh: number | null;
  readonly energyExportWh: number | null;
  readonly phases: readonly PhaseValues[] | null;
  /** Largest import the main fuse allows on the site's phases. */
  readonly fuseLimitW: number;
}

export interface PvState {
  readonly powerW: number | null;
  readonly energyWh: number | null;
}

export interface BatteryState {
  readonly powerW: number | null;
  readonly socPct: number | null;
  readonly capacityWh: number | null;
  /** Last setpoint written by the controller (> 0 discharge), null when autonomous. */
  readonly setpointW: number | null;
}

export interface WallboxState {
  /** > 0 charging the car, < 0 discharging it. */
  readonly powerW: number | null;
  readonly state: ChargerState;
  /** Last setpoint written by the controller. */
  readonly setpointW: number | null;
  readonly maxChargeW: number | null;
  readonly maxDischargeW: number | null;
}

export interface CarState {
  readonly pluggedIn: boolean;
  readonly socPct: number | null;
  /** True when socPct is estimated from energy and capacity rather than reported by the car. */
  readonly socEstimated: boolean;
  readonly mode: CarMode;
  /** V2H/V2G never drain the car below this. */
  readonly minSocPct: number;
  readonly targetSocPct: number;
  readonly readyBy: string | null;
  readonly v2h: boolean;
  readonly v2g: boolean;
}

export interface ControlState {
  /** True when a device's data is stale and car and battery are held at a safe setpoint. */
  readonly failsafe: boolean;
  /** Why the failsafe is active, one line per cause. */
  readonly failsafeReasons: readonly string[];
  /** Safety limits that changed the setpoints this tick, e.g. "main fuse: car limited to 3.2 kW". */
  readonly limiting: readonly string[];
  /** One line saying what the controller is doing and why. */
  readonly decision: string;
}

export interface SiteSnapshot {
  readonly ts: number;
  readonly seq: number;
  readonly grid: GridState;
  readonly pv: PvState;
  readonly battery: BatteryState;
  readonly wallbox: WallboxState;
  readonly car: CarState;
  readonly home: { readonly powerW: number | null };
  /** Grid limits from utilities and grid operators in force now. */
  readonly limits: ActiveLimits;
  readonly control: ControlState;
  readonly devices: readonly DeviceHealth[];
}

/**
 * Home load from the balance; null when any term is unknown. Never below 0:
 * a house does not produce, and a negative balance only means the devices
 * were read at slightly different moments while one of them was changing.
 */
export function homePowerW(gridW: number | null, pvW: number | null, batteryW: number | null, wallboxW: number | null): number | null {
  if (gridW === null || pvW === null || batteryW === null || wallboxW === null) return null;
  return Math.max(0, gridW + pvW + batteryW - wallboxW);
}
