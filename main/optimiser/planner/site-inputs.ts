/**
 * The devices as the model sees them, from the latest snapshot, the drivers'
 * reported limits (through drivers/api.ts only) and the config where a
 * device reports nothing. Problems the user should know about (an unknown
 * car SoC, a car mode the plan does not steer) come back as flags.
 */
import { has } from '../../../drivers/api.js';
import type { CarSettings } from '../../common/car.js';
import type { SiteSnapshot } from '../../common/snapshot.js';
import { effectiveCar } from '../../control/car-needs.js';
import type { SiteDevices } from '../../control/site-devices.js';
import type { HubConfig } from '../../hub/config.js';
import type { OptimiserConfig } from '../config.js';
import { sessionInProgress } from '../model/assemble.js';
import type { BatteryModel, CarModel, V2xMode } from '../model/problem.js';
import type { TimelineSlot } from '../model/timeline.js';

export function batteryModel(snap: SiteSnapshot, devices: SiteDevices, hub: HubConfig, o: OptimiserConfig): BatteryModel | null {
  const battery = devices.battery;
  // A battery the hub cannot steer runs its own self-consumption: not the plan's to use.
  if (battery === null || !has(battery, 'batteryControl') || snap.battery.socPct === null) return null;
  const capacityWh = snap.battery.capacityWh ?? o.battery.capacityWh;
  return {
    capacityWh,
    socWh: (snap.battery.socPct / 100) * capacityWh,
    reserveWh: (hub.battery.reserveSocPct / 100) * capacityWh,
    maxChargeW: battery.maxChargePowerW() ?? o.battery.maxChargeW,
    maxDischargeW: battery.maxDischargePowerW() ?? o.battery.maxDischargeW,
    chargeEfficiency: o.battery.chargeEfficiency,
    dischargeEfficiency: o.battery.dischargeEfficiency,
    wearPerKWh: o.battery.wearPerKWh,
  };
}

export interface CarInputs {
  readonly car: CarModel | null;
  /** The departure the plan aims at, epoch ms; null for none. */
  readonly departureMs: number | null;
  readonly settings: CarSettings;
  readonly flags: readonly string[];
}

/** The car's SoC is unknown (the charger reports it only while charging): planned from this. */
const assumedSocPct = 50;

export function carInputs(
  snap: SiteSnapshot,
  devices: SiteDevices,
  user: CarSettings,
  hub: HubConfig,
  o: OptimiserConfig,
  timeline: readonly TimelineSlot[],
  nowMs: number,
): CarInputs {
  const charger = devices.charger;
  const needs = charger !== null && has(charger, 'chargingNeeds') ? charger.chargingNeeds() : null;
  const eff = effectiveCar(user, needs, nowMs, hub.site.timeZone, hub.car.capacityWh);
  const settings = eff.settings;
  const flags: string[] = [];
  const none = (flag: string | null): CarInputs => ({ car: null, departureMs: eff.departureMs, settings, flags: flag === null ? [] : [flag] });
  if (charger === null) return none(null);
  if (!snap.car.pluggedIn) return none(null);
  if (settings.mode !== 'smart') return none(`car in ${settings.mode} mode: the plan leaves it to that mode`);
  let socPct = snap.car.socPct;
  if (socPct === null) {
    flags.push(`car state of charge unknown: planned from ${assumedSocPct} % until the car reports it`);
    socPct = assumedSocPct;
  }
  const capacityWh = eff.capacityWh;
  const maxDischargeW = snap.wallbox.maxDischargeW ?? 0;
  const v2x: V2xMode = maxDischargeW <= 0 ? 'off' : settings.v2g ? 'v2g' : settings.v2h ? 'v2h' : 'off';
  const targetWh = eff.departureMs === null ? null : (settings.targetSocPct / 100) * capacityWh;
  const car: CarModel = {
    capacityWh,
    socWh: (socPct / 100) * capacityWh,
    minWh: (settings.minSocPct / 100) * capacityWh,
    maxChargeW: snap.wallbox.maxChargeW ?? hub.car.maxChargeW,
    minChargeW: hub.car.minChargeW,
    maxDischargeW,
    minDischargeW: o.car.minDischargeW ?? hub.car.minChargeW,
    chargeEfficiency: o.car.chargeEfficiency,
    dischargeEfficiency: o.car.dischargeEfficiency,
    wearPerKWh: o.car.wearPerKWh,
    v2x,
    sessions: [sessionInProgress(timeline, eff.departureMs, targetWh)],
  };
  return { car, departureMs: eff.departureMs, settings, flags };
}
