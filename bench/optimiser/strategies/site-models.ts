/** The bench site's devices as the optimiser models them, with the planner's default wear costs. */
import type { BatteryModel, CarModel, CarSession } from '../../../main/optimiser/model/problem.js';
import { defaultOptimiserConfig } from '../../../main/optimiser/config.js';
import type { BenchSite } from '../site.js';

export function batteryModel(site: BenchSite, socWh: number): BatteryModel {
  const b = site.battery;
  return {
    capacityWh: b.capacityWh,
    socWh,
    reserveWh: (b.reserveSocPct / 100) * b.capacityWh,
    maxChargeW: b.maxChargeW,
    maxDischargeW: b.maxDischargeW,
    chargeEfficiency: b.chargeEfficiency,
    dischargeEfficiency: b.dischargeEfficiency,
    wearPerKWh: defaultOptimiserConfig.battery.wearPerKWh,
  };
}

export function carModel(site: BenchSite, socWh: number, sessions: readonly CarSession[]): CarModel {
  const c = site.car;
  return {
    capacityWh: c.capacityWh,
    socWh,
    minWh: (c.minSocPct / 100) * c.capacityWh,
    maxChargeW: c.maxChargeW,
    minChargeW: c.minChargeW,
    maxDischargeW: c.maxDischargeW,
    minDischargeW: c.minDischargeW,
    chargeEfficiency: c.chargeEfficiency,
    dischargeEfficiency: c.dischargeEfficiency,
    wearPerKWh: defaultOptimiserConfig.car.wearPerKWh,
    v2x: 'v2g',
    sessions,
  };
}
