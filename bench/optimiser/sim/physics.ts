/**
 * One quarter hour of the site: the command meets the real PV and load.
 * The same rules as main/control: the charger holds nothing between 0 and
 * its minimum, V2X stops at the minimum SoC, the home battery is not charged
 * from the car, the fuse cuts car charging first, then battery charging.
 */
import { planGridTargetW } from '../../../main/control/plan-grid-target.js';
import type { BenchSite } from '../site.js';
import type { Command } from './strategy.js';

export interface Flows {
  readonly pvW: number;
  readonly curtailedW: number;
  readonly loadW: number;
  /** > 0 charging the car. */
  readonly carW: number;
  /** > 0 discharging the battery. */
  readonly batteryW: number;
  /** > 0 import. */
  readonly gridW: number;
}

export interface StepResult {
  readonly flows: Flows;
  readonly batteryWh: number;
  readonly carWh: number;
}

export function step(site: BenchSite, pvRawW: number, loadW: number, plugged: boolean, batteryWh: number, carWh: number, cmd: Command, hours: number): StepResult {
  const { battery: b, car: c } = site;
  const pvW = cmd.pvLimitW === null ? pvRawW : Math.min(pvRawW, Math.max(0, cmd.pvLimitW));
  const minCarWh = (c.minSocPct / 100) * c.capacityWh;

  let carW = 0;
  if (plugged) {
    switch (cmd.car.kind) {
      case 'power':
        carW = cmd.car.w;
        break;
      case 'surplus': {
        const surplusW = pvW - loadW;
        carW = surplusW >= c.minChargeW ? surplusW : 0;
        break;
      }
      case 'full-until':
        // Full power; the car itself stops at its limit, so the quarter's average may end lower.
        carW = carWh < cmd.car.limitWh ? Math.min(c.maxChargeW, (cmd.car.limitWh - carWh) / c.chargeEfficiency / hours) : 0;
        break;
    }
    if (carW > 0) {
      // The charger cannot hold less than its minimum; what it reaches in part of the quarter (a full car) is fine.
      if (carW < c.minChargeW - 1 && cmd.car.kind !== 'full-until') carW = 0;
      carW = Math.min(carW, c.maxChargeW, Math.max(0, (c.capacityWh - carWh) / c.chargeEfficiency / hours));
    } else if (carW < 0) {
      if (-carW < c.minDischargeW - 1) carW = 0;
      carW = -Math.min(-carW, c.maxDischargeW, Math.max(0, ((carWh - minCarWh) * c.dischargeEfficiency) / hours));
    }
  }

  const reserveWh = (b.reserveSocPct / 100) * b.capacityWh;
  const maxDischargeW = Math.min(b.maxDischargeW, Math.max(0, ((batteryWh - reserveWh) * b.dischargeEfficiency) / hours));
  let maxChargeW = Math.min(b.maxChargeW, Math.max(0, (b.capacityWh - batteryWh) / b.chargeEfficiency / hours));
  // The home battery is not charged from the car.
  if (carW < 0) maxChargeW = Math.min(maxChargeW, Math.max(0, pvW - loadW));
  let batteryW = 0;
  if (cmd.battery.kind === 'grid') {
    let want = loadW + carW - pvW - cmd.battery.gridW;
    if (!cmd.battery.coverCar && carW > 0) want = Math.min(want, Math.max(0, loadW - pvW));
    batteryW = Math.max(-maxChargeW, Math.min(maxDischargeW, want));
  } else if (cmd.battery.kind === 'plan') {
    const residualW = loadW + carW - pvW;
    batteryW = Math.max(-maxChargeW, Math.min(maxDischargeW, residualW - planGridTargetW(cmd.battery.gridW, cmd.battery.batteryW, residualW)));
  } else if (cmd.battery.kind === 'power') {
    batteryW = Math.max(-maxChargeW, Math.min(maxDischargeW, cmd.battery.w));
  }

  let gridW = loadW + carW - pvW - batteryW;
  if (gridW > site.importLimitW) {
    // Fuse: car charging first, then battery charging.
    const over = gridW - site.importLimitW;
    if (carW > 0) {
      const cut = Math.min(carW, over);
      carW = carW - cut < c.minChargeW ? 0 : carW - cut;
    }
    gridW = loadW + carW - pvW - batteryW;
    if (gridW > site.importLimitW && batteryW < 0) batteryW = Math.min(0, batteryW + (gridW - site.importLimitW));
    gridW = loadW + carW - pvW - batteryW;
  }

  const nextBatteryWh = batteryWh + (batteryW < 0 ? -batteryW * b.chargeEfficiency : -batteryW / b.dischargeEfficiency) * hours;
  const nextCarWh = carWh + (carW > 0 ? carW * c.chargeEfficiency : carW / c.dischargeEfficiency) * hours;
  return {
    flows: { pvW, curtailedW: pvRawW - pvW, loadW, carW, batteryW, gridW },
    batteryWh: Math.min(b.capacityWh, Math.max(0, nextBatteryWh)),
    carWh: Math.min(c.capacityWh, Math.max(0, nextCarWh)),
  };
}
