/**
 * Column values back into a schedule: per slot powers (W, snapshot signs),
 * stored energies (Wh) and cost, and per car session what it reaches.
 */
import type { ModelLayout } from './build-model.js';
import type { PlanProblem } from './problem.js';

export interface SlotSchedule {
  readonly importW: number;
  readonly exportW: number;
  /** > 0 import, < 0 export. */
  readonly gridW: number;
  /** > 0 discharge, < 0 charge. */
  readonly batteryW: number;
  /** > 0 charging the car, < 0 V2H/V2G. */
  readonly carW: number;
  /** PV production planned after curtailment (W). */
  readonly pvW: number;
  /** Curtailment planned (W), 0 for none. */
  readonly curtailW: number;
  /** At the end of the slot (Wh); null without battery / car. */
  readonly batteryWh: number | null;
  readonly carWh: number | null;
  /** Energy cost of the slot: import paid minus export earned (site currency). */
  readonly costEur: number;
}

export interface SessionOutcome {
  /** What the plan aimed at (Wh), after lowering an unreachable target; null for no target. */
  readonly targetWh: number | null;
  /** The user's wish (Wh). */
  readonly wantedWh: number | null;
  /** Planned energy at departure (or at the horizon end). */
  readonly plannedWh: number;
  readonly shortfallWh: number;
}

export interface Schedule {
  readonly slots: readonly SlotSchedule[];
  readonly sessions: readonly SessionOutcome[];
  /** Import paid minus export earned over the horizon. */
  readonly energyCostEur: number;
  /** What the plan adds to the month's demand charges. */
  readonly demandCostEur: number;
  readonly wearCostEur: number;
}

const at = (x: Float64Array, col: number | undefined): number => (col === undefined || col < 0 ? 0 : (x[col] ?? 0));
/** Solver noise below this (kW) reads as zero. */
const tinyKW = 1e-6;
const w = (kw: number): number => (Math.abs(kw) < tinyKW ? 0 : kw * 1000);

export function decode(p: PlanProblem, layout: ModelLayout, x: Float64Array): Schedule {
  const slots: SlotSchedule[] = [];
  let energyCostEur = 0;
  let wearCostEur = 0;
  p.slots.forEach((s, t) => {
    const importW = w(at(x, layout.imp[t]) + at(x, layout.impOver[t]));
    const exportW = w(at(x, layout.exp[t]) + at(x, layout.expOver[t]));
    const bdW = w(at(x, layout.bd[t]));
    const cdW = w(at(x, layout.car.cd[t]));
    const curtailW = w(at(x, layout.curtail[t]));
    const costEur = ((importW * s.importPerKWh - exportW * s.exportPerKWh) * s.hours) / 1000;
    energyCostEur += costEur;
    wearCostEur += (((p.battery?.wearPerKWh ?? 0) * bdW + (p.car?.wearPerKWh ?? 0) * cdW) * s.hours) / 1000;
    slots.push({
      importW,
      exportW,
      gridW: importW - exportW,
      batteryW: bdW - w(at(x, layout.bc[t])),
      carW: w(at(x, layout.car.cc[t])) - cdW,
      pvW: Math.max(0, s.pvW) - curtailW,
      curtailW,
      batteryWh: (layout.eb[t] ?? -1) >= 0 ? at(x, layout.eb[t]) * 1000 : null,
      carWh: (layout.car.ec[t] ?? -1) >= 0 ? at(x, layout.car.ec[t]) * 1000 : null,
      costEur,
    });
  });
  const n = p.slots.length;
  const sessions = (p.car?.sessions ?? []).map((sess, i): SessionOutcome => {
    const last = Math.min(n, sess.endSlot) - 1;
    const target = layout.car.targetWh[i] ?? Number.NaN;
    return {
      targetWh: Number.isNaN(target) ? null : target,
      wantedWh: sess.targetWh,
      plannedWh: last >= 0 ? at(x, layout.car.ec[last]) * 1000 : (p.car?.socWh ?? 0),
      shortfallWh: at(x, layout.car.shortfall[i]) * 1000,
    };
  });
  const demandCostEur = demandFromColumns(layout, x) - layout.demand.baselineCost;
  return { slots, sessions, energyCostEur, demandCostEur, wearCostEur };
}

function demandFromColumns(layout: ModelLayout, x: Float64Array): number {
  let sum = 0;
  for (const [col, cost] of layout.demand.costs) sum += at(x, col) * cost;
  return sum;
}
