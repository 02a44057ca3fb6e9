/**
 * What GET /api/statistics answers: energy totals, cost and savings for a
 * local day, week, month or year, split into buckets (hours, days or months).
 * Computed by the hub from its SQLite history (main/store); zod-free so the
 * UI can import it.
 */
import type { Currency } from './tariff.js';

export const statisticsRanges = ['day', 'week', 'month', 'year'] as const;
/** day: 24 hourly buckets; week: 7 days (Monday first); month: its days; year: its 12 months. All in site-local time. */
export type StatisticsRange = (typeof statisticsRanges)[number];

/** Energy through each flow over a period (Wh, all >= 0). */
export interface EnergyTotals {
  readonly gridImportWh: number;
  readonly gridExportWh: number;
  readonly pvWh: number;
  readonly batteryChargeWh: number;
  readonly batteryDischargeWh: number;
  readonly carChargeWh: number;
  readonly carDischargeWh: number;
  readonly homeWh: number;
}

/**
 * Energy cost over the minutes whose price was known (the tariff schedule's
 * import/export price recorded per minute). Energy charges only: fixed fees
 * and capacity charges are on the tariff screen's bill.
 *
 * "No HEMS" is the same home with the same PV and the same car charging, but
 * no battery and no V2H/V2G: each minute the house and car use PV directly,
 * import the rest and export the surplus. Savings = that cost - the real cost.
 */
export interface CostTotals {
  readonly currency: Currency;
  /** Paid for imported energy. */
  readonly importCost: number;
  /** Earned for exported energy. */
  readonly exportRevenue: number;
  /** importCost - exportRevenue. */
  readonly netCost: number;
  /** Net cost the same minutes would have had without the HEMS. */
  readonly baselineCost: number;
  /** baselineCost - netCost (> 0: the HEMS saved money). */
  readonly savings: number;
  /** Share of the period's recorded minutes that had a price (0..1). */
  readonly pricedShare: number;
}

export interface StatisticsBucket {
  readonly startMs: number;
  readonly endMs: number;
  /** Minutes of recorded data in the bucket (0: the hub was off or it is in the future). */
  readonly minutes: number;
  readonly energy: EnergyTotals;
  /** Null when no minute of the bucket had a price. */
  readonly cost: CostTotals | null;
  /** State of charge at the end of the bucket's data, null if unknown. */
  readonly batterySocPct: number | null;
  readonly carSocPct: number | null;
}

export interface StatisticsTotals {
  readonly minutes: number;
  readonly energy: EnergyTotals;
  readonly cost: CostTotals | null;
  /** Share of the home's and car's use not bought from the grid: 1 - import / (home + car charging), in %. Null without use. */
  readonly selfSufficiencyPct: number | null;
  /** Share of PV production used on site (home, battery, car) instead of exported, in %. Null without production. */
  readonly selfConsumptionPct: number | null;
}

export interface StatisticsView {
  readonly range: StatisticsRange;
  /** First local day of the period, "YYYY-MM-DD". */
  readonly date: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** The site's IANA time zone: buckets are local hours, days and months there. */
  readonly timeZone: string;
  /** The period before, and after (null when it has not started yet), as `date` values. */
  readonly previousDate: string;
  readonly nextDate: string | null;
  readonly buckets: readonly StatisticsBucket[];
  readonly totals: StatisticsTotals;
}

export const zeroEnergy: EnergyTotals = {
  gridImportWh: 0,
  gridExportWh: 0,
  pvWh: 0,
  batteryChargeWh: 0,
  batteryDischargeWh: 0,
  carChargeWh: 0,
  carDischargeWh: 0,
  homeWh: 0,
};

/** Self-sufficiency and self-consumption (%) from energy totals; null when undefined. */
export function selfShares(e: EnergyTotals): { readonly selfSufficiencyPct: number | null; readonly selfConsumptionPct: number | null } {
  const use = e.homeWh + e.carChargeWh;
  const clamp = (v: number): number => Math.min(100, Math.max(0, v));
  return {
    selfSufficiencyPct: use > 0.5 ? clamp((1 - e.gridImportWh / use) * 100) : null,
    selfConsumptionPct: e.pvWh > 0.5 ? clamp((1 - e.gridExportWh / e.pvWh) * 100) : null,
  };
}
