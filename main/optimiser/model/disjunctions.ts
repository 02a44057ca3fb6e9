/**
 * The on/off rules of the plan as disjunctions on column bounds, for the
 * branch-and-bound (solver/branch-and-bound.ts). Each rule a relaxed solution
 * breaks becomes a choice between two sets of bounds, e.g. for an AC charger
 * running below its minimum: "off" (cc = 0) or "at least the minimum"
 * (cc ≥ min, no discharge), or "full at the end of the quarter hour" (the
 * car stops itself, so less than the minimum on average is real). Every
 * solution of the full MILP lies in one of the branches, so branching on
 * them is exact; a relaxed solution that breaks no rule is a solution of the
 * MILP.
 */
import type { ModelLayout } from './build-model.js';
import type { Lp } from './lp.js';
import type { PlanProblem } from './problem.js';

/** New bounds for one column (intersected with the node's current bounds). */
export interface BoundChange {
  readonly col: number;
  readonly lower: number;
  readonly upper: number;
}

export interface Disjunction {
  readonly slot: number;
  readonly rule: 'car-min-charge' | 'car-direction' | 'car-min-discharge' | 'car-floor' | 'v2h-export' | 'battery-direction' | 'grid-direction' | 'demand-step';
  /** How badly the rule is broken, 0..1: the worst is branched on first. */
  readonly score: number;
  /** Two or more; the branch the relaxed solution is closer to comes first. */
  readonly branches: readonly (readonly BoundChange[])[];
}

/** kW (or fraction for steps); solver tolerances are far below this. */
const tol = 1e-4;

const zero = (col: number): BoundChange[] => (col < 0 ? [] : [{ col, lower: 0, upper: 0 }]);

/** A car slot charging (or discharging) below the charger's minimum, with its three ways out. */
interface BelowMinimum {
  readonly t: number;
  readonly kWh: number;
  /** At the minimum power the car would pass full (or its minimum) in this slot: stopping there is the natural way out. */
  readonly nearStop: boolean;
  /** Energy of the slot at the minimum power. */
  readonly slotKWh: number;
  readonly score: number;
  readonly on: BoundChange[];
  readonly off: BoundChange[];
  /** The car reaches full (or its minimum) during the slot and stops itself. */
  readonly stop: BoundChange[];
}

/**
 * Which of several below-minimum slots to try on first. One at a time, the
 * relaxation just moves the remainder to the next slot of the same kind
 * (creeping through a solar morning). Instead: as many slots as the summed
 * energy fills at the minimum power, those running highest, on; the rest off.
 */
function consolidate(rule: 'car-min-charge' | 'car-min-discharge', slots: readonly BelowMinimum[], atLeast: number): Disjunction[] {
  if (slots.length === 0) return [];
  const kWh = slots.reduce((s, x) => s + x.kWh, 0);
  const slotKWh = slots.reduce((s, x) => s + x.slotKWh, 0) / slots.length;
  const onCount = Math.max(atLeast, Math.round(kWh / slotKWh));
  const byEnergy = [...slots].sort((a, b) => b.kWh - a.kWh);
  return byEnergy.map((x, rank) => ({
    slot: x.t,
    rule,
    score: x.score,
    branches: x.nearStop ? [x.stop, x.off, x.on] : rank < onCount ? [x.on, x.off, x.stop] : [x.off, x.on, x.stop],
  }));
}

/**
 * The dive's last resort against creeping: every car slot keeps what it
 * does now. Idle slots stay off; slots at or above the minimum stay there,
 * unless the car is close to full (or to its minimum), where the slot may
 * still become the one in which it stops.
 */
export function settleCar(p: PlanProblem, lp: Lp, layout: ModelLayout, x: Float64Array): BoundChange[] {
  const car = p.car;
  if (car === null) return [];
  const out: BoundChange[] = [];
  const cMin = car.minChargeW <= car.maxChargeW ? car.minChargeW / 1000 : 0;
  const capKWh = car.capacityWh / 1000;
  const floorKWh = Math.min(car.minWh, car.capacityWh) / 1000;
  for (let t = 0; t < layout.car.cc.length; t++) {
    const ccCol = layout.car.cc[t]!;
    const cdCol = layout.car.cd[t]!;
    if (ccCol < 0) continue;
    const h = p.slots[t]!.hours;
    const cc = x[ccCol] ?? 0;
    const cd = cdCol >= 0 ? (x[cdCol] ?? 0) : 0;
    const ec = x[layout.car.ec[t]!] ?? 0;
    const cdMax = cdCol >= 0 ? (lp.colUpper[cdCol] ?? 0) : 0;
    const cdMin = Math.min(car.minDischargeW / 1000, cdMax);
    if (cc <= tol && cd <= tol) out.push(...zero(ccCol), ...zero(cdCol));
    else if (cc >= cMin - tol && ec < capKWh - 2 * cMin * h) out.push({ col: ccCol, lower: cMin, upper: lp.colUpper[ccCol] ?? cMin }, ...zero(cdCol));
    else if (cd >= cdMin - tol && cd > tol && ec > floorKWh + 2 * cdMin * h) out.push({ col: cdCol, lower: cdMin, upper: cdMax }, ...zero(ccCol));
  }
  return out;
}

export function findDisjunctions(p: PlanProblem, lp: Lp, layout: ModelLayout, x: Float64Array): Disjunction[] {
  const out: Disjunction[] = [];
  const v = (col: number | undefined): number => (col === undefined || col < 0 ? 0 : (x[col] ?? 0));
  const car = p.car;
  const cMin = car !== null && car.minChargeW <= car.maxChargeW ? car.minChargeW / 1000 : 0;
  const floorKWh = car !== null ? Math.min(car.minWh, car.capacityWh) / 1000 : 0;
  const capKWh = car === null ? 0 : car.capacityWh / 1000;
  const charging: BelowMinimum[] = [];
  const discharging: BelowMinimum[] = [];
  for (let t = 0; t < p.slots.length; t++) {
    const ccCol = layout.car.cc[t]!;
    const cdCol = layout.car.cd[t]!;
    const ecCol = layout.car.ec[t]!;
    const cc = v(ccCol);
    const cd = v(cdCol);
    const ec = v(ecCol);
    const h = p.slots[t]!.hours;
    const cdMax = cdCol >= 0 ? (lp.colUpper[cdCol] ?? 0) : 0;
    const cdMin = car === null ? 0 : Math.min(car.minDischargeW / 1000, cdMax);
    const impCols = [layout.imp[t]!, layout.impOver[t]!];
    const expCols = [layout.exp[t]!, layout.expOver[t]!];
    const imp = v(impCols[0]) + v(impCols[1]);
    const exp = v(expCols[0]) + v(expCols[1]);
    const zeroAll = (cols: number[]): BoundChange[] => cols.flatMap(zero);
    const pair = (rule: Disjunction['rule'], a: BoundChange[], av: number, b: BoundChange[], bv: number): void => {
      // Switch off the smaller of the two first: the relaxed solution is closer to that.
      out.push({ slot: t, rule, score: Math.min(av, bv) / Math.max(av, bv), branches: av <= bv ? [a, b] : [b, a] });
    };

    // Charging below the minimum is real when the car fills up during the quarter hour and stops itself.
    if (cc > tol && cc < cMin - tol && ec < capKWh - tol) {
      charging.push({
        t,
        kWh: cc * h,
        nearStop: ec + (cMin - cc) * h * (car?.chargeEfficiency ?? 1) >= capKWh - tol,
        slotKWh: cMin * h,
        score: Math.min(cc, cMin - cc) / cMin,
        on: [{ col: ccCol, lower: cMin, upper: lp.colUpper[ccCol] ?? cMin }, ...zero(cdCol)],
        off: zero(ccCol),
        stop: [{ col: ecCol, lower: capKWh, upper: capKWh }, ...zero(cdCol)],
      });
    } else if (cc > tol && cd > tol) {
      pair('car-direction', zero(ccCol), cc, zero(cdCol), cd);
    }
    // Likewise a discharge that reaches the user's minimum during the quarter hour stops there.
    if (cd > tol && cd < cdMin - tol && ec > floorKWh + tol) {
      discharging.push({
        t,
        kWh: cd * h,
        nearStop: ec - ((cdMin - cd) * h) / (car?.dischargeEfficiency ?? 1) <= floorKWh + tol,
        slotKWh: cdMin * h,
        score: Math.min(cd, cdMin - cd) / cdMin,
        on: [{ col: cdCol, lower: cdMin, upper: cdMax }, ...zero(ccCol)],
        off: zero(cdCol),
        stop: [{ col: ecCol, lower: Math.min(floorKWh, lp.colLower[ecCol] ?? 0), upper: floorKWh }, ...zero(ccCol)],
      });
    }
    if (cd > tol && ec < floorKWh - tol) {
      // Discharging only while the car stays above the user's minimum.
      const above: BoundChange[] = [{ col: ecCol, lower: floorKWh, upper: lp.colUpper[ecCol] ?? floorKWh }];
      out.push({ slot: t, rule: 'car-floor', score: (floorKWh - ec) / floorKWh, branches: [above, zero(cdCol)] });
    }
    if (cd > tol && car?.v2x === 'v2h' && exp > tol) pair('v2h-export', zero(cdCol), cd, zeroAll(expCols), exp);
    const bc = v(layout.bc[t]);
    const bd = v(layout.bd[t]);
    if (bc > tol && bd > tol) pair('battery-direction', zero(layout.bc[t]!), bc, zero(layout.bd[t]!), bd);
    if (imp > tol && exp > tol) pair('grid-direction', zeroAll(impCols), imp, zeroAll(expCols), exp);
  }
  // The car needs its energy somewhere: at least one slot below the minimum turns on (charging).
  out.push(...consolidate('car-min-charge', charging, 1), ...consolidate('car-min-discharge', discharging, 0));
  for (const group of layout.demand.stepGroups) {
    // The step choice splits: "this step or below" against "above it", at the median of the relaxed weights.
    let below = 0;
    for (let k = 0; k < group.length - 1; k++) {
      below += v(group[k]);
      if (below > tol && below < 1 - tol) {
        const low = group.slice(k + 1).flatMap(zero);
        const high = group.slice(0, k + 1).flatMap(zero);
        out.push({ slot: -1, rule: 'demand-step', score: Math.min(below, 1 - below), branches: below >= 0.5 ? [low, high] : [high, low] });
        break;
      }
    }
  }
  return out;
}
