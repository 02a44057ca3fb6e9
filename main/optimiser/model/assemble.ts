/**
 * From per-slot inputs (prices, forecasts, limits) and the devices to a
 * PlanProblem. The hub's planner and the benchmark both go through here, so
 * the benchmark measures the product's own problem.
 */
import { localTime } from '../../common/local-time.js';
import type { DemandCharge, PeaksSoFar } from '../../common/tariff.js';
import type { SlotPrice } from '../forecast/price-forecast.js';
import type { BatteryModel, CarModel, CarSession, FlexOffer, PlanProblem, ProblemSlot } from './problem.js';
import { replacementCostPerKWh } from './terminal-value.js';
import type { TimelineSlot } from './timeline.js';

export interface SlotLimits {
  readonly importLimitW: number | null;
  readonly exportLimitW: number | null;
  readonly controllableLimitW: number | null;
}

export interface AssembleInput {
  readonly timeline: readonly TimelineSlot[];
  readonly timeZone: string;
  readonly prices: readonly SlotPrice[];
  readonly pvW: readonly number[];
  readonly loadW: readonly number[];
  readonly limits: (startMs: number) => SlotLimits;
  readonly battery: BatteryModel | null;
  readonly car: CarModel | null;
  readonly demand: { readonly charges: readonly DemandCharge[]; readonly peaksSoFar: PeaksSoFar; readonly todayHourlyPeakW: number } | null;
  readonly pvCurtailable: boolean;
  readonly flex?: readonly FlexOffer[];
  /** Share of the replacement cost a stored kWh is valued at the horizon end (uncertainty discount). */
  readonly terminalShare: number;
}

export function assembleProblem(a: AssembleInput): PlanProblem {
  const first = a.timeline[0];
  const firstLocal = first === undefined ? null : localTime(first.startMs, a.timeZone);
  const month = (ts: number): number => {
    const d = new Date(ts + localTime(ts, a.timeZone).offsetMs);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const firstMonth = first === undefined ? 0 : month(first.startMs);
  const slots: ProblemSlot[] = a.timeline.map((t, i) => {
    const price = a.prices[i] ?? { importPerKWh: 0, exportPerKWh: 0, estimated: true };
    const limits = a.limits(t.startMs);
    return {
      startMs: t.startMs,
      endMs: t.endMs,
      hours: t.hours,
      importPerKWh: price.importPerKWh,
      exportPerKWh: price.exportPerKWh,
      priceEstimated: price.estimated,
      pvW: Math.max(0, a.pvW[i] ?? 0),
      loadW: Math.max(0, a.loadW[i] ?? 0),
      importLimitW: limits.importLimitW,
      exportLimitW: limits.exportLimitW,
      controllableLimitW: limits.controllableLimitW,
      localDay: localTime(t.startMs, a.timeZone).dayIndex,
      nextMonth: month(t.startMs) !== firstMonth,
    };
  });
  return {
    slots,
    battery: a.battery,
    car: a.car,
    demand: a.demand === null || firstLocal === null ? null : { ...a.demand, today: firstLocal.dayIndex },
    pvCurtailable: a.pvCurtailable,
    flex: a.flex ?? [],
    terminalBatteryPerKWh: a.terminalShare * replacementCostPerKWh(slots, a.battery?.chargeEfficiency ?? 1, true),
    terminalCarPerKWh: a.terminalShare * replacementCostPerKWh(slots, a.car?.chargeEfficiency ?? 1, false),
  };
}

/** The session in progress: plugged in from the first slot until the departure (or the horizon end). */
export function sessionInProgress(timeline: readonly TimelineSlot[], departureMs: number | null, targetWh: number | null): CarSession {
  const endSlot = departureMs === null ? timeline.length : timeline.filter((t) => t.startMs < departureMs).length;
  return { startSlot: 0, endSlot, tripWh: 0, targetWh, departureMs };
}
