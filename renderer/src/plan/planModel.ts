/**
 * The plan screen's series: from the current slot up to 48 hours, in kW and
 * %, with each slot's price level. Pure, unit-tested.
 */
import type { Plan, PlanSlot } from '../../../main/common/plan.js';
import { priceLevels } from '../home/priceModel.js';
import type { PriceLevel } from '../home/priceModel.js';

export const planHorizonMs = 48 * 3_600_000;

export interface PlanSeries {
  readonly slots: readonly PlanSlot[];
  readonly priceLevel: readonly PriceLevel[];
  readonly pvKw: readonly number[];
  readonly loadKw: readonly number[];
  readonly batteryKw: readonly number[];
  readonly carKw: readonly number[];
  readonly gridKw: readonly number[];
  readonly batterySoc: readonly number[];
  /** NaN while the car is away (a gap in the line). */
  readonly carSoc: readonly number[];
  /** Index of the slot containing now, or null when the plan starts later. */
  readonly nowIndex: number | null;
}

export function planSeries(plan: Plan, nowMs: number): PlanSeries {
  const slots = plan.slots.filter((s) => s.endMs > nowMs && s.startMs < nowMs + planHorizonMs);
  const level = priceLevels(slots.map((s) => s.importPerKWh));
  const kw = (w: number): number => Math.round(w / 10) / 100;
  const nowIndex = slots.findIndex((s) => s.startMs <= nowMs && nowMs < s.endMs);
  return {
    slots,
    priceLevel: slots.map((s) => level(s.importPerKWh)),
    pvKw: slots.map((s) => kw(s.pvForecastW)),
    loadKw: slots.map((s) => kw(s.loadForecastW)),
    batteryKw: slots.map((s) => kw(s.batteryW)),
    carKw: slots.map((s) => kw(s.carW)),
    gridKw: slots.map((s) => kw(s.gridW)),
    batterySoc: slots.map((s) => s.batterySocPct),
    carSoc: slots.map((s) => (s.carPluggedIn && s.carSocPct !== null ? s.carSocPct : Number.NaN)),
    nowIndex: nowIndex === -1 ? null : nowIndex,
  };
}

/** Axis labels: every `everyH` hours on the hour ("HH:00"), the weekday at midnight, nothing elsewhere. */
export function tickLabel(hhmm: string, weekday: string, everyH: number): string | null {
  if (!hhmm.endsWith(':00')) return null;
  const hour = Number(hhmm.slice(0, 2));
  if (hour === 0) return weekday;
  return hour % everyH === 0 ? hhmm.slice(0, 2) : null;
}
