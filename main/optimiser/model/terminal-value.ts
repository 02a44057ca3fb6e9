/**
 * What a kWh left in the battery or the car at the horizon end is worth:
 * what it would cost to put it back at the cheapest opportunity of the
 * horizon's last day (PV surplus that would otherwise be exported at the
 * export price, or grid energy at the import price), per kWh stored. Valued
 * higher, the plan would hoard; lower, it would empty the battery at the
 * edge and leave the next plan to pay for it. The car is refilled from the
 * grid: it is mostly away while the sun shines, and unknown future sessions
 * cannot count on PV.
 */
import type { ProblemSlot } from './problem.js';

const dayMs = 86_400_000;

export function replacementCostPerKWh(slots: readonly ProblemSlot[], chargeEfficiency: number, fromPv: boolean): number {
  if (slots.length === 0) return 0;
  const endMs = slots[slots.length - 1]!.endMs;
  let best = Number.POSITIVE_INFINITY;
  for (const s of slots) {
    if (s.endMs <= endMs - dayMs) continue;
    const marginal = fromPv && s.pvW > s.loadW ? s.exportPerKWh : s.importPerKWh;
    best = Math.min(best, marginal);
  }
  return Math.max(0, best) / Math.max(0.5, chargeEfficiency);
}
