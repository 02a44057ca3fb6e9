/**
 * A solved schedule as the Plan the controller follows and the plan screen
 * shows: per slot the prices, forecasts, powers, states of charge, cost and
 * a reason; problems as flags; one sentence as the summary.
 */
import { localTime } from '../../common/local-time.js';
import type { Plan, PlanSlot, PlanStatus } from '../../common/plan.js';
import type { Schedule } from '../model/decode.js';
import type { PlanProblem } from '../model/problem.js';
import { slotReason } from './reasons.js';

export interface PlanContext {
  readonly createdMs: number;
  readonly status: PlanStatus;
  readonly solveMs: number;
  readonly currency: string;
  readonly timeZone: string;
  /** Flags gathered while assembling the problem (fallback prices, unknown SoC...). */
  readonly flags: readonly string[];
  /** The car's wanted SoC and departure, for the wording; null without. */
  readonly carGoal: { readonly targetSocPct: number; readonly departureMs: number } | null;
}

export function buildPlan(problem: PlanProblem, schedule: Schedule, ctx: PlanContext): Plan {
  const bat = problem.battery;
  const car = problem.car;
  const plugged = new Set<number>();
  for (const s of car?.sessions ?? []) for (let t = Math.max(0, s.startSlot); t < Math.min(problem.slots.length, s.endSlot); t++) plugged.add(t);
  const goal = ctx.carGoal === null ? null : `${ctx.carGoal.targetSocPct} % by ${hhmm(ctx.carGoal.departureMs, ctx.timeZone)}`;
  const reasonCtx = {
    currency: ctx.currency,
    carGoal: goal,
    pluggedImportPrices: problem.slots.filter((_, t) => plugged.has(t)).map((s) => s.importPerKWh),
    importPrices: problem.slots.map((s) => s.importPerKWh),
    timeZone: ctx.timeZone,
  };
  const slots: PlanSlot[] = problem.slots.map((slot, t) => {
    const s = schedule.slots[t]!;
    return {
      startMs: slot.startMs,
      endMs: slot.endMs,
      importPerKWh: round(slot.importPerKWh, 4),
      exportPerKWh: round(slot.exportPerKWh, 4),
      priceEstimated: slot.priceEstimated,
      pvForecastW: Math.round(slot.pvW),
      loadForecastW: Math.round(slot.loadW),
      gridW: Math.round(s.gridW),
      batteryW: Math.round(s.batteryW),
      carW: Math.round(s.carW),
      pvLimitW: s.curtailW > 0 ? Math.round(s.pvW) : null,
      batterySocPct: bat === null || s.batteryWh === null ? 0 : round((s.batteryWh / bat.capacityWh) * 100, 1),
      carSocPct: car === null || s.carWh === null ? null : round((s.carWh / car.capacityWh) * 100, 1),
      carPluggedIn: plugged.has(t),
      costEur: round(s.costEur, 4),
      reason: slotReason(slot, s, reasonCtx),
    };
  });
  const flags = [...ctx.flags, ...targetFlags(problem, schedule, ctx)];
  // A plan not proved optimal ('feasible') says so in its status, not in the
  // flags: those are for what the user can act on (an unreachable target, no tariff).
  const costEur = round(schedule.energyCostEur + schedule.demandCostEur, 2);
  return { createdMs: ctx.createdMs, status: ctx.status, solveMs: Math.round(ctx.solveMs), slots, costEur, flags, summary: summary(problem, schedule, ctx, goal, costEur) };
}

function targetFlags(problem: PlanProblem, schedule: Schedule, ctx: PlanContext): string[] {
  const car = problem.car;
  if (car === null || ctx.carGoal === null) return [];
  const out: string[] = [];
  schedule.sessions.forEach((s) => {
    if (s.wantedWh === null) return;
    const short = s.wantedWh - s.plannedWh;
    // Within 0.5 % of the capacity counts as reached (rounding of the last quarter hour).
    if (short > 0.005 * car.capacityWh) {
      const wantedPct = Math.round((s.wantedWh / car.capacityWh) * 100);
      const plannedPct = Math.round((s.plannedWh / car.capacityWh) * 100);
      out.push(`car target ${wantedPct} % by ${hhmm(ctx.carGoal!.departureMs, ctx.timeZone)} not reachable: ${plannedPct} % planned`);
    }
  });
  return out;
}

function summary(problem: PlanProblem, schedule: Schedule, ctx: PlanContext, goal: string | null, costEur: number): string {
  const hours = Math.round(problem.slots.reduce((h, s) => h + s.hours, 0));
  const v2xKWh = schedule.slots.reduce((sum, s, t) => sum + (Math.max(0, -s.carW) * (problem.slots[t]?.hours ?? 0)) / 1000, 0);
  const parts = [`Next ${hours} h: ${costEur >= 0 ? 'cost' : 'earnings'} ${Math.abs(costEur).toFixed(2)} ${ctx.currency}`];
  if (goal !== null && problem.car !== null) parts.push(`car at ${goal}`);
  if (v2xKWh >= 0.5) parts.push(`the car gives back ${v2xKWh.toFixed(1)} kWh at dear hours`);
  return `${parts.join(', ')}.`;
}

function hhmm(ts: number, timeZone: string): string {
  const m = Math.round(localTime(ts, timeZone).msOfDay / 60_000);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f + 0;
}
