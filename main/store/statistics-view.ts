/** The statistics of one period (GET /api/statistics) and its CSV export. */
import { selfShares } from '../common/statistics.js';
import type { StatisticsBucket, StatisticsRange, StatisticsView } from '../common/statistics.js';
import { periodOf } from './statistics-calendar.js';
import type { LocalDate } from './statistics-calendar.js';
import { costOf, energyOf } from './statistics-fold.js';
import type { PeriodSums } from './statistics-fold.js';
import type { StatisticsStore } from './statistics-store.js';

function bucketOf(startMs: number, endMs: number, s: PeriodSums): StatisticsBucket {
  return { startMs, endMs, minutes: s.minutes, energy: energyOf(s), cost: costOf(s), batterySocPct: s.batterySocPct, carSocPct: s.carSocPct };
}

export function statisticsView(store: StatisticsStore, range: StatisticsRange, date: LocalDate | null, nowMs: number, timeZone: string): StatisticsView {
  const period = periodOf(range, date, nowMs, timeZone);
  const buckets = period.buckets.map((b) => bucketOf(b.startMs, b.endMs, store.sums(b.startMs, b.endMs)));
  const total = store.sums(period.fromMs, period.toMs);
  const energy = energyOf(total);
  return {
    range,
    date: period.date,
    fromMs: period.fromMs,
    toMs: period.toMs,
    timeZone,
    previousDate: period.previousDate,
    nextDate: period.nextDate,
    buckets,
    totals: { minutes: total.minutes, energy, cost: costOf(total), ...selfShares(energy) },
  };
}

/** ISO 8601 with the site's offset, e.g. 2025-06-21T14:00:00+02:00. */
export function isoLocal(ts: number, offsetMs: number): string {
  const local = new Date(ts + offsetMs).toISOString().slice(0, 19);
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(offsetMs) / 60_000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const csvColumns = [
  'start',
  'end',
  'minutes_recorded',
  'pv_kwh',
  'grid_import_kwh',
  'grid_export_kwh',
  'battery_charge_kwh',
  'battery_discharge_kwh',
  'car_charge_kwh',
  'car_discharge_kwh',
  'home_kwh',
  'self_sufficiency_pct',
  'self_consumption_pct',
  'currency',
  'import_cost',
  'export_revenue',
  'net_cost',
  'no_hems_cost',
  'savings',
  'priced_share_pct',
  'battery_soc_pct',
  'car_soc_pct',
] as const;

const kwh = (wh: number): string => (wh / 1000).toFixed(3);
const money = (v: number): string => v.toFixed(4);
const opt = (v: number | null, digits: number): string => (v === null ? '' : v.toFixed(digits));

/**
 * One line per row (bucket or 15-minute slot), energies in kWh with three
 * decimals, times as ISO 8601 with the site's offset. Plain CSV (comma, dot
 * decimals, header line) that spreadsheets in every locale can import.
 */
export function statisticsCsv(rows: readonly StatisticsBucket[], offsetAt: (ts: number) => number): string {
  const lines: string[] = [csvColumns.join(',')];
  for (const r of rows) {
    const shares = selfShares(r.energy);
    const e = r.energy;
    const c = r.cost;
    lines.push(
      [
        isoLocal(r.startMs, offsetAt(r.startMs)),
        isoLocal(r.endMs, offsetAt(r.endMs)),
        String(r.minutes),
        kwh(e.pvWh),
        kwh(e.gridImportWh),
        kwh(e.gridExportWh),
        kwh(e.batteryChargeWh),
        kwh(e.batteryDischargeWh),
        kwh(e.carChargeWh),
        kwh(e.carDischargeWh),
        kwh(e.homeWh),
        opt(shares.selfSufficiencyPct, 1),
        opt(shares.selfConsumptionPct, 1),
        c?.currency ?? '',
        c === null ? '' : money(c.importCost),
        c === null ? '' : money(c.exportRevenue),
        c === null ? '' : money(c.netCost),
        c === null ? '' : money(c.baselineCost),
        c === null ? '' : money(c.savings),
        c === null ? '' : (c.pricedShare * 100).toFixed(1),
        opt(r.batterySocPct, 1),
        opt(r.carSocPct, 1),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The period's 15-minute slots as buckets (for the detailed CSV). */
export function slotBuckets(store: StatisticsStore, fromMs: number, toMs: number): StatisticsBucket[] {
  return store.slots(fromMs, toMs).map(({ ts, sums }) => bucketOf(ts, ts + 15 * 60_000, sums));
}
