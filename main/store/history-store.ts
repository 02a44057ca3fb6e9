/** The 1-minute history table: rows from the MinuteAggregator, read back by time range. */
import type { HistoryRow } from '../common/api.js';
import type { Db } from './database.js';
import type { MinuteRow } from './minute-aggregator.js';

/** Longest range one query may return (a week of minutes), so a bad request cannot exhaust memory. */
export const maxHistoryRangeMs = 7 * 24 * 3_600_000;

interface DbRow {
  ts_ms: number;
  grid_w: number | null;
  pv_w: number | null;
  battery_w: number | null;
  wallbox_w: number | null;
  home_w: number | null;
  battery_soc_pct: number | null;
  car_soc_pct: number | null;
  grid_import_wh: number;
  grid_export_wh: number;
  pv_wh: number;
  battery_charge_wh: number;
  battery_discharge_wh: number;
  car_charge_wh: number;
  car_discharge_wh: number;
  home_wh: number;
}

export class HistoryStore {
  private readonly insert;
  private readonly range;

  constructor(db: Db) {
    // Upsert: a minute flushed at shutdown and completed after a restart merges.
    this.insert = db.prepare(`
      INSERT INTO history_1m (ts_ms, grid_w, pv_w, battery_w, wallbox_w, home_w, battery_soc_pct, car_soc_pct,
        grid_import_wh, grid_export_wh, pv_wh, battery_charge_wh, battery_discharge_wh, car_charge_wh, car_discharge_wh, home_wh,
        grid_import_meter_wh, grid_export_meter_wh, samples)
      VALUES (@ts, @gridW, @pvW, @batteryW, @wallboxW, @homeW, @batterySocPct, @carSocPct,
        @gridImportWh, @gridExportWh, @pvWh, @batteryChargeWh, @batteryDischargeWh, @carChargeWh, @carDischargeWh, @homeWh,
        @gridImportMeterWh, @gridExportMeterWh, @samples)
      ON CONFLICT(ts_ms) DO UPDATE SET
        grid_import_wh = grid_import_wh + excluded.grid_import_wh,
        grid_export_wh = grid_export_wh + excluded.grid_export_wh,
        pv_wh = pv_wh + excluded.pv_wh,
        battery_charge_wh = battery_charge_wh + excluded.battery_charge_wh,
        battery_discharge_wh = battery_discharge_wh + excluded.battery_discharge_wh,
        car_charge_wh = car_charge_wh + excluded.car_charge_wh,
        car_discharge_wh = car_discharge_wh + excluded.car_discharge_wh,
        home_wh = home_wh + excluded.home_wh,
        grid_w = excluded.grid_w, pv_w = excluded.pv_w, battery_w = excluded.battery_w,
        wallbox_w = excluded.wallbox_w, home_w = excluded.home_w,
        battery_soc_pct = excluded.battery_soc_pct, car_soc_pct = excluded.car_soc_pct,
        grid_import_meter_wh = excluded.grid_import_meter_wh, grid_export_meter_wh = excluded.grid_export_meter_wh,
        samples = samples + excluded.samples
    `);
    this.range = db.prepare('SELECT * FROM history_1m WHERE ts_ms >= ? AND ts_ms < ? ORDER BY ts_ms');
  }

  write(rows: readonly MinuteRow[]): void {
    for (const r of rows) this.insert.run(r);
  }

  read(fromMs: number, toMs: number): HistoryRow[] {
    const rows = this.range.all(fromMs, toMs) as DbRow[];
    return rows.map((r) => ({
      ts: r.ts_ms,
      gridW: r.grid_w,
      pvW: r.pv_w,
      batteryW: r.battery_w,
      wallboxW: r.wallbox_w,
      homeW: r.home_w,
      batterySocPct: r.battery_soc_pct,
      carSocPct: r.car_soc_pct,
      gridImportWh: r.grid_import_wh,
      gridExportWh: r.grid_export_wh,
      pvWh: r.pv_wh,
      batteryChargeWh: r.battery_charge_wh,
      batteryDischargeWh: r.battery_discharge_wh,
      carChargeWh: r.car_charge_wh,
      carDischargeWh: r.car_discharge_wh,
      homeWh: r.home_wh,
    }));
  }
}
