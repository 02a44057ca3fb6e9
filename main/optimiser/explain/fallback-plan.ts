/**
 * What the hub follows when no optimised plan can be had (the solver failed
 * or timed out and the last plan has run out): the safe rules. The car
 * charges at full power until its target, the battery covers the home (not
 * the car) from what it holds, nothing is exported on purpose. Marked
 * 'fallback', with the reason as a flag.
 */
import type { Plan, PlanSlot } from '../../common/plan.js';
import type { PlanProblem } from '../model/problem.js';

export function fallbackPlan(problem: PlanProblem, createdMs: number, why: string, flags: readonly string[]): Plan {
  const bat = problem.battery;
  const car = problem.car;
  let batteryWh = bat?.socWh ?? 0;
  let carWh = car?.socWh ?? 0;
  const session = car?.sessions[0] ?? null;
  const targetWh = session?.targetWh ?? car?.socWh ?? 0;
  let costEur = 0;
  const slots: PlanSlot[] = problem.slots.map((slot, t) => {
    const plugged = car !== null && session !== null && t >= session.startSlot && t < session.endSlot;
    let carW = 0;
    if (plugged && carWh < targetWh) carW = Math.min(car.maxChargeW, ((targetWh - carWh) / car.chargeEfficiency / slot.hours) * 1.0);
    carWh += carW * (car?.chargeEfficiency ?? 1) * slot.hours;
    const netW = slot.loadW - slot.pvW;
    let batteryW = 0;
    if (bat !== null) {
      const canDischargeW = Math.max(0, ((batteryWh - bat.reserveWh) * bat.dischargeEfficiency) / slot.hours);
      const canChargeW = Math.max(0, (bat.capacityWh - batteryWh) / bat.chargeEfficiency / slot.hours);
      batteryW = netW > 0 ? Math.min(netW, bat.maxDischargeW, canDischargeW) : -Math.min(-netW, bat.maxChargeW, canChargeW);
      batteryWh -= batteryW > 0 ? (batteryW / bat.dischargeEfficiency) * slot.hours : batteryW * bat.chargeEfficiency * slot.hours;
    }
    const gridW = netW - batteryW + carW;
    const slotCost = ((Math.max(0, gridW) * slot.importPerKWh - Math.max(0, -gridW) * slot.exportPerKWh) * slot.hours) / 1000;
    costEur += slotCost;
    return {
      startMs: slot.startMs,
      endMs: slot.endMs,
      importPerKWh: slot.importPerKWh,
      exportPerKWh: slot.exportPerKWh,
      priceEstimated: slot.priceEstimated,
      pvForecastW: Math.round(slot.pvW),
      loadForecastW: Math.round(slot.loadW),
      // The controller balances the battery towards this: the home's deficit is covered, the car's charging is not.
      gridW: Math.round(carW + Math.max(0, netW - Math.max(0, batteryW))),
      batteryW: Math.round(batteryW),
      carW: Math.round(carW),
      pvLimitW: null,
      batterySocPct: bat === null ? 0 : Math.round((batteryWh / bat.capacityWh) * 1000) / 10,
      carSocPct: car === null ? null : Math.round((carWh / car.capacityWh) * 1000) / 10,
      carPluggedIn: plugged,
      costEur: Math.round(slotCost * 10000) / 10000,
      reason: carW > 0 ? 'Safe rules: car charging at full power to its target; battery covering the home' : 'Safe rules: battery covering the home',
    };
  });
  return {
    createdMs,
    status: 'fallback',
    solveMs: 0,
    slots,
    costEur: Math.round(costEur * 100) / 100,
    flags: [`optimiser unavailable (${why}): following safe rules`, ...flags],
    summary: 'Optimiser unavailable: car charging at full power to its target, battery covering the home.',
  };
}
