/**
 * Demand charges in the MILP: charges on the month's import peaks rather
 * than on energy, with the peaks reached so far this month as the baseline
 * (a peak already paid for costs nothing to repeat).
 *
 *  - monthly-peak: P ≥ each 15-min (or hourly) average import; cost on what
 *    exceeds the month's peak so far (and the tariff's floor).
 *  - top3-daily-peaks: D_d ≥ each hourly average of day d; the sum of the
 *    three largest of {earlier days' peaks, D_d} is min_u 3u + Σ max(0, x - u),
 *    an exact LP form because the objective pushes it down.
 *  - capacity-steps (NO): the same mean of three, priced by step with one
 *    binary per step (a handful per month).
 *
 * Slots of the next month start a new month; their peaks are measured against
 * this month's peaks so far, as the best guess of what that month will reach anyway.
 */
import type { DemandCharge } from '../../common/tariff.js';
import type { LpBuilder } from './lp.js';
import type { Terms } from './model-helpers.js';
import type { PlanProblem } from './problem.js';

export interface DemandLayout {
  /** Columns that carry the demand charges' cost, with their cost per unit. */
  readonly costs: readonly (readonly [number, number])[];
  /** What the peaks so far already cost (subtract for the plan's added demand cost). */
  readonly baselineCost: number;
  /** Per capacity-steps charge and month: the step choice columns, lowest step first (exactly one is 1). */
  readonly stepGroups: readonly (readonly number[])[];
}

export interface DemandTermsContext {
  readonly imp: Int32Array;
  readonly impOver: Int32Array;
  /** Step choices as binaries (otherwise continuous, branched on by the caller). */
  readonly binaries: boolean;
}

/** Largest step upper bound used for "above the last step" (kW). */
const topStepKW = 10_000;

export function addDemandTerms(b: LpBuilder, p: PlanProblem, ctx: DemandTermsContext): DemandLayout {
  const { imp, impOver } = ctx;
  const d = p.demand;
  if (d === null || d.charges.length === 0 || p.slots.length === 0) return { costs: [], baselineCost: 0, stepGroups: [] };
  const costs: [number, number][] = [];
  const stepGroups: number[][] = [];
  let baselineCost = 0;
  const pastKW = d.peaksSoFar.dailyHourlyPeaksW.map((w) => w / 1000);
  const todayKW = d.todayHourlyPeakW / 1000;
  const priorDays = [...pastKW, todayKW];

  for (const nextMonth of [false, true]) {
    const slots = p.slots.map((s, t) => ({ s, t })).filter(({ s }) => s.nextMonth === nextMonth);
    if (slots.length === 0) continue;
    const quarter: Terms[] = slots.map(({ t }) => importTerms(t, 1, imp, impOver));
    const hours = hourlyAverages(p, slots.map(({ t }) => t), imp, impOver);
    for (const c of d.charges) {
      if (c.kind === 'monthly-peak') {
        const soFarW = c.intervalMin === 15 ? d.peaksSoFar.month15MinPeakW : d.peaksSoFar.monthHourlyPeakW;
        const baseKW = Math.max(c.floorW, soFarW) / 1000;
        const excess = b.col(0, Number.POSITIVE_INFINITY, c.perKWPerMonth);
        costs.push([excess, c.perKWPerMonth]);
        for (const terms of c.intervalMin === 15 ? quarter : hours.map((x) => x.terms)) {
          b.row(-baseKW, Number.POSITIVE_INFINITY, [[excess, 1], ...terms.map(([col, v]): [number, number] => [col, -v])]);
        }
        continue;
      }
      // Both remaining kinds price the mean of the three highest daily hourly peaks.
      const days = new Map<number, number>();
      for (const hour of hours) {
        let peak = days.get(hour.day);
        if (peak === undefined) {
          // Today's peak so far counts in this month only; next month starts from nothing.
          const lb = !nextMonth && hour.day === d.today ? todayKW : 0;
          peak = b.col(lb, Number.POSITIVE_INFINITY);
          days.set(hour.day, peak);
        }
        b.row(0, Number.POSITIVE_INFINITY, [[peak, 1], ...hour.terms.map(([col, v]): [number, number] => [col, -v])]);
      }
      // Constants: earlier days of the month (today is a variable whenever it is in the horizon).
      const constants = !nextMonth && days.has(d.today) ? pastKW : priorDays;
      const rate = c.kind === 'top3-daily-peaks' ? c.perKWPerMonth : 0;
      const u = b.col(0, Number.POSITIVE_INFINITY, rate);
      const sumTerms: Terms = [[u, 1]];
      for (const ck of constants) {
        const s = b.col(0, Number.POSITIVE_INFINITY, rate / 3);
        sumTerms.push([s, 1 / 3]);
        b.row(ck, Number.POSITIVE_INFINITY, [
          [s, 1],
          [u, 1],
        ]);
      }
      for (const peak of days.values()) {
        const s = b.col(0, Number.POSITIVE_INFINITY, rate / 3);
        sumTerms.push([s, 1 / 3]);
        b.row(0, Number.POSITIVE_INFINITY, [
          [s, 1],
          [u, 1],
          [peak, -1],
        ]);
      }
      const baseMeanKW = top3Mean(priorDays);
      if (c.kind === 'top3-daily-peaks') {
        costs.push([u, rate], ...sumTerms.slice(1).map(([col]): [number, number] => [col, rate / 3]));
        baselineCost += rate * baseMeanKW;
        continue;
      }
      // capacity-steps: mean of three ≤ the chosen step's upper bound.
      const stepRow: Terms = [...sumTerms];
      const pick: Terms = [];
      const group: number[] = [];
      c.stepUpperW.forEach((upperW, k) => {
        const fee = c.perMonth[k] ?? 0;
        const upperKW = k === c.stepUpperW.length - 1 ? Math.max(upperW / 1000, topStepKW) : upperW / 1000;
        const lambda = ctx.binaries ? b.binary(fee) : b.col(0, 1, fee);
        group.push(lambda);
        costs.push([lambda, fee]);
        stepRow.push([lambda, -upperKW]);
        pick.push([lambda, 1]);
      });
      b.row(1, 1, pick);
      stepGroups.push(group);
      b.row(Number.NEGATIVE_INFINITY, 0, stepRow);
      baselineCost += stepFee(c, baseMeanKW * 1000);
    }
  }
  return { costs, baselineCost, stepGroups };
}

function importTerms(t: number, weight: number, imp: Int32Array, impOver: Int32Array): Terms {
  const terms: Terms = [[imp[t]!, weight]];
  if (impOver[t]! >= 0) terms.push([impOver[t]!, weight]);
  return terms;
}

interface HourAverage {
  readonly day: number;
  /** Average import over the planned part of the clock hour, as (column, weight). */
  readonly terms: Terms;
}

/** Clock hours (UTC hours are local hours in whole-hour zones) of the given slots, as average import terms. */
function hourlyAverages(p: PlanProblem, ts: readonly number[], imp: Int32Array, impOver: Int32Array): HourAverage[] {
  const byHour = new Map<number, number[]>();
  for (const t of ts) {
    const key = Math.floor(p.slots[t]!.startMs / 3_600_000);
    const list = byHour.get(key) ?? [];
    list.push(t);
    byHour.set(key, list);
  }
  const out: HourAverage[] = [];
  for (const list of byHour.values()) {
    const hours = list.reduce((sum, t) => sum + p.slots[t]!.hours, 0);
    if (hours <= 0) continue;
    out.push({ day: p.slots[list[0]!]!.localDay, terms: list.flatMap((t) => importTerms(t, p.slots[t]!.hours / hours, imp, impOver)) });
  }
  return out;
}

export function top3Mean(values: readonly number[]): number {
  const top = [...values].sort((a, b) => b - a).slice(0, 3);
  return top.reduce((s, v) => s + v, 0) / 3;
}

/** The monthly fee of a capacity-steps tariff for a mean of three peaks (W). */
export function stepFee(c: Extract<DemandCharge, { kind: 'capacity-steps' }>, meanW: number): number {
  const k = c.stepUpperW.findIndex((u) => meanW <= u);
  return c.perMonth[k === -1 ? c.perMonth.length - 1 : k] ?? 0;
}

/** Sum of the per-kW rates of every demand charge (a step's whole fee counts per kW): scale for penalties. */
export function demandRatePerKW(charges: readonly DemandCharge[]): number {
  let sum = 0;
  for (const c of charges) {
    if (c.kind === 'capacity-steps') {
      let prevFee = 0;
      for (const fee of c.perMonth) {
        sum = Math.max(sum, fee - prevFee);
        prevFee = fee;
      }
    } else {
      sum += c.perKWPerMonth;
    }
  }
  return sum;
}
