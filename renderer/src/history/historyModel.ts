/**
 * The history chart's series: per bucket, where the energy came from (drawn
 * above zero) and where it went (below zero), in kWh. Pure, unit-tested.
 */
import type { EnergyTotals, StatisticsBucket } from '../../../main/common/statistics.js';

export const sourceKeys = ['pvWh', 'batteryDischargeWh', 'gridImportWh', 'carDischargeWh'] as const;
export const useKeys = ['homeWh', 'carChargeWh', 'batteryChargeWh', 'gridExportWh'] as const;
export type SourceKey = (typeof sourceKeys)[number];
export type UseKey = (typeof useKeys)[number];

export interface HistorySeries {
  readonly sources: Readonly<Record<SourceKey, readonly number[]>>;
  /** Negative kWh, so the bars hang below zero. */
  readonly uses: Readonly<Record<UseKey, readonly number[]>>;
}

const kwh = (wh: number): number => Math.round(wh) / 1000;

export function historySeries(buckets: readonly StatisticsBucket[]): HistorySeries {
  const of = (k: keyof EnergyTotals, sign: 1 | -1): number[] => buckets.map((b) => sign * kwh(b.energy[k]));
  return {
    sources: { pvWh: of('pvWh', 1), batteryDischargeWh: of('batteryDischargeWh', 1), gridImportWh: of('gridImportWh', 1), carDischargeWh: of('carDischargeWh', 1) },
    uses: { homeWh: of('homeWh', -1), carChargeWh: of('carChargeWh', -1), batteryChargeWh: of('batteryChargeWh', -1), gridExportWh: of('gridExportWh', -1) },
  };
}

/** Shares of a total for the flow lists (0..1), zero when the total is. */
export function shares<K extends string>(values: Readonly<Record<K, number>>): Record<K, number> {
  const total = Object.values<number>(values).reduce((s, v) => s + v, 0);
  return Object.fromEntries(Object.entries<number>(values).map(([k, v]) => [k, total > 0 ? v / total : 0])) as Record<K, number>;
}
