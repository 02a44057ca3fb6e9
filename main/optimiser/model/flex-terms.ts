/**
 * Flexibility requests in the MILP: the reward for moving the grid power
 * from its baseline in the asked direction, d_t = min(powerW, shift_t)^+,
 * which is concave and therefore exact as an LP (d_t ≤ powerW, d_t ≤ shift_t,
 * reward on d_t). The optimiser then delivers exactly when the payment beats
 * what the shift costs in energy, wear and comfort (targets still hold).
 */
import type { LpBuilder } from './lp.js';
import type { PlanProblem } from './problem.js';

export interface FlexLayout {
  /** Per offer, the delivered-power column of each of its slots (kW), -1 where none. */
  readonly delivered: readonly Int32Array[];
}

export function addFlexTerms(b: LpBuilder, p: PlanProblem, imp: Int32Array, impOver: Int32Array, exp: Int32Array, expOver: Int32Array): FlexLayout {
  const delivered = p.flex.map((offer) => {
    const cols = new Int32Array(p.slots.length).fill(-1);
    for (let t = Math.max(0, offer.fromSlot); t < Math.min(p.slots.length, offer.toSlot); t++) {
      const h = p.slots[t]!.hours;
      const baselineKW = (offer.baselineW[t - offer.fromSlot] ?? 0) / 1000;
      const d = b.col(0, Math.max(0, offer.powerW) / 1000, -offer.perKWh * h);
      cols[t] = d;
      // grid = imp - exp; down: d ≤ baseline - grid; up: d ≤ grid - baseline.
      const sign = offer.direction === 'down' ? 1 : -1;
      const terms: [number, number][] = [
        [d, 1],
        [imp[t]!, sign],
        [exp[t]!, -sign],
      ];
      if (impOver[t]! >= 0) terms.push([impOver[t]!, sign]);
      if (expOver[t]! >= 0) terms.push([expOver[t]!, -sign]);
      b.row(Number.NEGATIVE_INFINITY, sign * baselineKW, terms);
    }
    return cols;
  });
  return { delivered };
}
