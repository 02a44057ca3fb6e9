/**
 * Statistics over the SQLite history, kept small forever:
 *
 * - `history_1m` (written by HistoryStore) and `price_1m` (the price in force
 *   each minute) are kept for `keepMinutesMs` (40 days by default: a whole
 *   billing month plus margin, which the tariff module reads back).
 * - `history_15m` holds the sums of each 15-minute slot's minutes: energies,
 *   cost, the "no HEMS" baseline cost, minutes counted, last SoCs. It is
 *   never pruned: about 35 000 rows a year.
 *
 * Slots are aggregated once complete, up to a watermark kept in the settings
 * table; a query sums history_15m before the watermark and the raw minutes
 * after it, so totals are exact and include the minute just written. Minutes
 * are only deleted below the watermark (i.e. once they are in history_15m),
 * and aggregation never reaches below what was deleted.
 */
import type { Db } from './database.js';
import { emptySums, addSums, foldIntoSlots, slotMs } from './statistics-fold.js';
import type { PeriodSums, PricedMinute } from './statistics-fold.js';

export const defaultKeepMinutesMs = 40 * 86_400_000;
/** Slots this far below the watermark are re-aggregated each time, for minutes merged late (restart within a minute). */
const reaggregateMs = 60 * 60_000;

const watermarkKey = 'statistics.aggregatedUntilMs';
const floorKey = 'statistics.minutesKeptFromMs';

interface MinuteDbRow {
  ts_ms: number;
  grid_import_wh: number;
  grid_export_wh: number;
  pv_wh: number;
  battery_charge_wh: number;
  battery_discharge_wh: number;
  car_charge_wh: number;
  car_discharge_wh: number;
  home_wh: number;
  battery_soc_pct: number | null;
  car_soc_pct: number | null;
  import_per_kwh: number | null;
  export_per_kwh: number | null;
  currency: string | null;
}

interface SumDbRow {
  minutes: number | null;
  grid_import_wh: number | null;
  grid_export_wh: number | null;
  pv_wh: number | null;
  battery_charge_wh: number | null;
  battery_discharge_wh: number | null;
  car_charge_wh: number | null;
  car_discharge_wh: number | null;
  home_wh: number | null;
  priced_minutes: number | null;
  import_cost: number | null;
  export_revenue: number | null;
  baseline_cost: number | null;
  currency: string | null;
}

interface SlotDbRow extends SumDbRow {
  ts_ms: number;
  battery_soc_pct: number | null;
  car_soc_pct: number | null;
  soc_ts_ms: number;
}

export interface StatisticsStoreOptions {
  /** How long 1-minute rows are kept (site ms); at least 30 days. */
  readonly keepMinutesMs?: number;
}

function minuteOf(r: MinuteDbRow): PricedMinute {
  return {
    ts: r.ts_ms,
    gridImportWh: r.grid_import_wh,
    gridExportWh: r.grid_export_wh,
    pvWh: r.pv_wh,
    batteryChargeWh: r.battery_charge_wh,
    batteryDischargeWh: r.battery_discharge_wh,
    carChargeWh: r.car_charge_wh,
    carDischargeWh: r.car_discharge_wh,
    homeWh: r.home_wh,
    batterySocPct: r.battery_soc_pct,
    carSocPct: r.car_soc_pct,
    importPerKWh: r.import_per_kwh,
    exportPerKWh: r.export_per_kwh,
    currency: r.currency,
  };
}

function sumsOf(r: SumDbRow, soc: { battery: number | null; car: number | null; ts: number }): PeriodSums {
  return {
    gridImportWh: r.grid_import_wh ?? 0,
    gridExportWh: r.grid_export_wh ?? 0,
    pvWh: r.pv_wh ?? 0,
    batteryChargeWh: r.battery_charge_wh ?? 0,
    batteryDischargeWh: r.battery_discharge_wh ?? 0,
    carChargeWh: r.car_charge_wh ?? 0,
    carDischargeWh: r.car_discharge_wh ?? 0,
    homeWh: r.home_wh ?? 0,
    minutes: r.minutes ?? 0,
    pricedMinutes: r.priced_minutes ?? 0,
    importCost: r.import_cost ?? 0,
    exportRevenue: r.export_revenue ?? 0,
    baselineCost: r.baseline_cost ?? 0,
    currency: r.currency,
    batterySocPct: soc.battery,
    carSocPct: soc.car,
    socTs: soc.ts,
  };
}

const sumColumns = `SUM(minutes) AS minutes, SUM(grid_import_wh) AS grid_import_wh, SUM(grid_export_wh) AS grid_export_wh, SUM(pv_wh) AS pv_wh,
  SUM(battery_charge_wh) AS battery_charge_wh, SUM(battery_discharge_wh) AS battery_discharge_wh, SUM(car_charge_wh) AS car_charge_wh,
  SUM(car_discharge_wh) AS car_discharge_wh, SUM(home_wh) AS home_wh, SUM(priced_minutes) AS priced_minutes, SUM(import_cost) AS import_cost,
  SUM(export_revenue) AS export_revenue, SUM(baseline_cost) AS baseline_cost, MAX(currency) AS currency`;

export class StatisticsStore {
  readonly keepMinutesMs: number;
  private readonly q;

  constructor(
    private readonly db: Db,
    options: StatisticsStoreOptions = {},
  ) {
    this.keepMinutesMs = Math.max(30 * 86_400_000, options.keepMinutesMs ?? defaultKeepMinutesMs);
    this.q = {
      price: db.prepare('INSERT INTO price_1m (ts_ms, import_per_kwh, export_per_kwh, currency) VALUES (?, ?, ?, ?) ON CONFLICT(ts_ms) DO UPDATE SET import_per_kwh = excluded.import_per_kwh, export_per_kwh = excluded.export_per_kwh, currency = excluded.currency'),
      minutes: db.prepare(`SELECT h.ts_ms, h.grid_import_wh, h.grid_export_wh, h.pv_wh, h.battery_charge_wh, h.battery_discharge_wh, h.car_charge_wh, h.car_discharge_wh, h.home_wh,
          h.battery_soc_pct, h.car_soc_pct, p.import_per_kwh, p.export_per_kwh, p.currency
        FROM history_1m h LEFT JOIN price_1m p ON p.ts_ms = h.ts_ms WHERE h.ts_ms >= ? AND h.ts_ms < ? ORDER BY h.ts_ms`),
      deleteSlots: db.prepare('DELETE FROM history_15m WHERE ts_ms >= ? AND ts_ms < ?'),
      insertSlot: db.prepare(`INSERT INTO history_15m (ts_ms, minutes, grid_import_wh, grid_export_wh, pv_wh, battery_charge_wh, battery_discharge_wh, car_charge_wh,
          car_discharge_wh, home_wh, priced_minutes, import_cost, export_revenue, baseline_cost, currency, battery_soc_pct, car_soc_pct, soc_ts_ms)
        VALUES (@ts, @minutes, @gridImportWh, @gridExportWh, @pvWh, @batteryChargeWh, @batteryDischargeWh, @carChargeWh,
          @carDischargeWh, @homeWh, @pricedMinutes, @importCost, @exportRevenue, @baselineCost, @currency, @batterySocPct, @carSocPct, @socTs)`),
      sum15: db.prepare(`SELECT ${sumColumns} FROM history_15m WHERE ts_ms >= ? AND ts_ms < ?`),
      batterySoc15: db.prepare('SELECT battery_soc_pct AS v, soc_ts_ms AS ts FROM history_15m WHERE ts_ms >= ? AND ts_ms < ? AND battery_soc_pct IS NOT NULL ORDER BY ts_ms DESC LIMIT 1'),
      carSoc15: db.prepare('SELECT car_soc_pct AS v, soc_ts_ms AS ts FROM history_15m WHERE ts_ms >= ? AND ts_ms < ? AND car_soc_pct IS NOT NULL ORDER BY ts_ms DESC LIMIT 1'),
      slots15: db.prepare('SELECT * FROM history_15m WHERE ts_ms >= ? AND ts_ms < ? ORDER BY ts_ms'),
      deleteMinutes: db.prepare('DELETE FROM history_1m WHERE ts_ms < ?'),
      deletePrices: db.prepare('DELETE FROM price_1m WHERE ts_ms < ?'),
      getState: db.prepare('SELECT value_json FROM settings WHERE key = ?'),
      setState: db.prepare('INSERT INTO settings (key, value_json, updated_ms) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_ms = excluded.updated_ms'),
    };
  }

  /** Records the price in force during the minute starting at `minuteMs`. */
  recordPrice(minuteMs: number, importPerKWh: number, exportPerKWh: number, currency: string): void {
    this.q.price.run(Math.floor(minuteMs / 60_000) * 60_000, importPerKWh, exportPerKWh, currency);
  }

  /** Slots before this are in history_15m. */
  watermarkMs(): number {
    return this.state(watermarkKey);
  }

  /** Minutes before this were deleted (they live on in history_15m). */
  minutesKeptFromMs(): number {
    return this.state(floorKey);
  }

  /** Aggregates the slots completed by `nowMs`, then drops minutes older than the retention. One transaction. */
  maintain(nowMs: number): { readonly slots: number; readonly prunedMinutes: number } {
    return this.db.transaction(() => {
      const slots = this.aggregate(nowMs);
      const prunedMinutes = this.prune(nowMs);
      return { slots, prunedMinutes };
    })();
  }

  /** (Re-)aggregates complete slots from just below the watermark up to the slot containing `nowMs`. */
  aggregate(nowMs: number): number {
    const to = Math.floor(nowMs / slotMs) * slotMs;
    const from = Math.max(this.minutesKeptFromMs(), Math.min(this.watermarkMs(), to) - reaggregateMs);
    if (to <= from) return 0;
    const minutes = (this.q.minutes.all(from, to) as MinuteDbRow[]).map(minuteOf);
    this.q.deleteSlots.run(from, to);
    for (const [ts, s] of foldIntoSlots(minutes)) this.q.insertSlot.run({ ...s, ts });
    this.setState(watermarkKey, to, nowMs);
    return minutes.length === 0 ? 0 : new Set(minutes.map((m) => Math.floor(m.ts / slotMs))).size;
  }

  /** Deletes minutes older than the retention that are already aggregated. */
  prune(nowMs: number): number {
    const cutoff = Math.floor(Math.min(nowMs - this.keepMinutesMs, this.watermarkMs() - reaggregateMs) / slotMs) * slotMs;
    if (cutoff <= this.minutesKeptFromMs()) return 0;
    const deleted = this.q.deleteMinutes.run(cutoff).changes;
    this.q.deletePrices.run(cutoff);
    this.setState(floorKey, cutoff, nowMs);
    return deleted;
  }

  /** Sums over [fromMs, toMs): aggregates below the watermark, raw minutes above it. Exact at slot-aligned bounds. */
  sums(fromMs: number, toMs: number): PeriodSums {
    if (toMs <= fromMs) return emptySums;
    const w = this.watermarkMs();
    let total = emptySums;
    if (fromMs < w) {
      const end = Math.min(toMs, w);
      const battery = this.q.batterySoc15.get(fromMs, end) as { v: number; ts: number } | undefined;
      const car = this.q.carSoc15.get(fromMs, end) as { v: number; ts: number } | undefined;
      const row = this.q.sum15.get(fromMs, end) as SumDbRow;
      total = sumsOf(row, { battery: battery?.v ?? null, car: car?.v ?? null, ts: Math.max(battery?.ts ?? -1, car?.ts ?? -1) });
    }
    if (toMs > w) {
      for (const s of foldIntoSlots(this.rawMinutes(Math.max(fromMs, w), toMs)).values()) total = addSums(total, s);
    }
    return total;
  }

  /** 15-minute slots over [fromMs, toMs), including those not yet aggregated; for exports. */
  slots(fromMs: number, toMs: number): { readonly ts: number; readonly sums: PeriodSums }[] {
    const w = this.watermarkMs();
    const out: { ts: number; sums: PeriodSums }[] = [];
    if (fromMs < w) {
      for (const r of this.q.slots15.all(fromMs, Math.min(toMs, w)) as SlotDbRow[]) {
        out.push({ ts: r.ts_ms, sums: sumsOf(r, { battery: r.battery_soc_pct, car: r.car_soc_pct, ts: r.soc_ts_ms }) });
      }
    }
    if (toMs > w) {
      for (const [ts, sums] of foldIntoSlots(this.rawMinutes(Math.max(fromMs, w), toMs))) out.push({ ts, sums });
    }
    return out.sort((a, b) => a.ts - b.ts);
  }

  private rawMinutes(fromMs: number, toMs: number): PricedMinute[] {
    return (this.q.minutes.all(fromMs, toMs) as MinuteDbRow[]).map(minuteOf);
  }

  private state(key: string): number {
    const row = this.q.getState.get(key) as { value_json: string } | undefined;
    const v = row === undefined ? 0 : Number(row.value_json);
    return Number.isFinite(v) ? v : 0;
  }

  private setState(key: string, value: number, nowMs: number): void {
    this.q.setState.run(key, JSON.stringify(value), nowMs);
  }
}
