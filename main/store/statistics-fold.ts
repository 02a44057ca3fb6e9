/**
 * Folding 1-minute history into sums: energies, cost at the price recorded
 * for each minute, and the "no HEMS" baseline. Everything here is a plain
 * sum over minutes (the baseline's min() is taken per minute, before
 * summing), so 15-minute aggregates and any bucket made of them add up to
 * exactly what the minutes say; that is what lets old minutes be dropped.
 */
import type { CostTotals, EnergyTotals } from '../common/statistics.js';
import type { Currency } from '../common/tariff.js';

export const slotMs = 15 * 60_000;

/** One minute of history with the price in force then (null: no tariff known). */
export interface PricedMinute extends EnergyTotals {
  readonly ts: number;
  readonly batterySocPct: number | null;
  readonly carSocPct: number | null;
  readonly importPerKWh: number | null;
  readonly exportPerKWh: number | null;
  readonly currency: string | null;
}

/** Additive sums over a set of minutes; what a history_15m row stores. */
export interface PeriodSums extends EnergyTotals {
  readonly minutes: number;
  readonly pricedMinutes: number;
  readonly importCost: number;
  readonly exportRevenue: number;
  readonly baselineCost: number;
  readonly currency: string | null;
  /** Last known SoCs and the time of the minute they come from (-1: none). */
  readonly batterySocPct: number | null;
  readonly carSocPct: number | null;
  readonly socTs: number;
}

export const emptySums: PeriodSums = {
  gridImportWh: 0,
  gridExportWh: 0,
  pvWh: 0,
  batteryChargeWh: 0,
  batteryDischargeWh: 0,
  carChargeWh: 0,
  carDischargeWh: 0,
  homeWh: 0,
  minutes: 0,
  pricedMinutes: 0,
  importCost: 0,
  exportRevenue: 0,
  baselineCost: 0,
  currency: null,
  batterySocPct: null,
  carSocPct: null,
  socTs: -1,
};

/**
 * Net energy cost of one minute without the HEMS: the house and the car
 * (charged as it was) take PV directly, the rest is imported, the PV surplus
 * exported; no battery, no V2H/V2G.
 */
export function baselineMinuteCost(m: EnergyTotals, importPerKWh: number, exportPerKWh: number): number {
  const use = m.homeWh + m.carChargeWh;
  const direct = Math.min(m.pvWh, use);
  return ((use - direct) * importPerKWh - (m.pvWh - direct) * exportPerKWh) / 1000;
}

/** The sums of one minute. */
export function minuteSums(m: PricedMinute): PeriodSums {
  const priced = m.importPerKWh !== null && m.exportPerKWh !== null;
  const ip = m.importPerKWh ?? 0;
  const ep = m.exportPerKWh ?? 0;
  return {
    gridImportWh: m.gridImportWh,
    gridExportWh: m.gridExportWh,
    pvWh: m.pvWh,
    batteryChargeWh: m.batteryChargeWh,
    batteryDischargeWh: m.batteryDischargeWh,
    carChargeWh: m.carChargeWh,
    carDischargeWh: m.carDischargeWh,
    homeWh: m.homeWh,
    minutes: 1,
    pricedMinutes: priced ? 1 : 0,
    importCost: priced ? (m.gridImportWh * ip) / 1000 : 0,
    exportRevenue: priced ? (m.gridExportWh * ep) / 1000 : 0,
    baselineCost: priced ? baselineMinuteCost(m, ip, ep) : 0,
    currency: priced ? m.currency : null,
    batterySocPct: m.batterySocPct,
    carSocPct: m.carSocPct,
    socTs: m.ts,
  };
}

/** a + b; SoCs come from whichever is later and knows them. */
export function addSums(a: PeriodSums, b: PeriodSums): PeriodSums {
  const later = b.socTs >= a.socTs ? b : a;
  const earlier = later === b ? a : b;
  return {
    gridImportWh: a.gridImportWh + b.gridImportWh,
    gridExportWh: a.gridExportWh + b.gridExportWh,
    pvWh: a.pvWh + b.pvWh,
    batteryChargeWh: a.batteryChargeWh + b.batteryChargeWh,
    batteryDischargeWh: a.batteryDischargeWh + b.batteryDischargeWh,
    carChargeWh: a.carChargeWh + b.carChargeWh,
    carDischargeWh: a.carDischargeWh + b.carDischargeWh,
    homeWh: a.homeWh + b.homeWh,
    minutes: a.minutes + b.minutes,
    pricedMinutes: a.pricedMinutes + b.pricedMinutes,
    importCost: a.importCost + b.importCost,
    exportRevenue: a.exportRevenue + b.exportRevenue,
    baselineCost: a.baselineCost + b.baselineCost,
    currency: later.currency ?? earlier.currency,
    batterySocPct: later.batterySocPct ?? earlier.batterySocPct,
    carSocPct: later.carSocPct ?? earlier.carSocPct,
    socTs: Math.max(a.socTs, b.socTs),
  };
}

/** Minutes (sorted or not) grouped into their 15-minute slots. */
export function foldIntoSlots(minutes: readonly PricedMinute[]): Map<number, PeriodSums> {
  const slots = new Map<number, PeriodSums>();
  for (const m of minutes) {
    const slot = Math.floor(m.ts / slotMs) * slotMs;
    slots.set(slot, addSums(slots.get(slot) ?? emptySums, minuteSums(m)));
  }
  return slots;
}

export function energyOf(s: EnergyTotals): EnergyTotals {
  return {
    gridImportWh: s.gridImportWh,
    gridExportWh: s.gridExportWh,
    pvWh: s.pvWh,
    batteryChargeWh: s.batteryChargeWh,
    batteryDischargeWh: s.batteryDischargeWh,
    carChargeWh: s.carChargeWh,
    carDischargeWh: s.carDischargeWh,
    homeWh: s.homeWh,
  };
}

const currencies: readonly Currency[] = ['EUR', 'NOK', 'SEK', 'HUF'];

/** Cost figures of some sums; null when no minute had a price. */
export function costOf(s: PeriodSums): CostTotals | null {
  if (s.pricedMinutes === 0) return null;
  const currency = currencies.find((c) => c === s.currency) ?? 'EUR';
  const netCost = s.importCost - s.exportRevenue;
  return {
    currency,
    importCost: s.importCost,
    exportRevenue: s.exportRevenue,
    netCost,
    baselineCost: s.baselineCost,
    savings: s.baselineCost - netCost,
    pricedShare: s.minutes > 0 ? s.pricedMinutes / s.minutes : 0,
  };
}
