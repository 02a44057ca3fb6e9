/**
 * Seeds a hub's database with weeks of plausible 1-minute history and the
 * price of every minute, as if the hub had been running: summer PV, a
 * household load, a battery shifting solar into the evening, the car
 * charging at night. Returns the exact energy each local date received, so
 * the test can check the hub's statistics (aggregated, partly pruned) against it.
 */
import path from 'node:path';
import type { HistoryRow } from '../../main/common/api.js';
import { localTime } from '../../main/common/local-time.js';
import { openDatabase } from '../../main/store/database.js';
import { HistoryStore } from '../../main/store/history-store.js';
import type { MinuteRow } from '../../main/store/minute-aggregator.js';
import { StatisticsStore } from '../../main/store/statistics-store.js';

export interface SeedTotals {
  /** Local date "YYYY-MM-DD" -> PV and grid import Wh of that day. */
  readonly byDate: Map<string, { pvWh: number; gridImportWh: number; homeWh: number }>;
}

function localDate(ts: number, timeZone: string): string {
  return new Date(localTime(ts, timeZone).dayIndex * 86_400_000).toISOString().slice(0, 10);
}

export function seedHistory(dataDir: string, untilMs: number, days: number, timeZone: string): SeedTotals {
  const db = openDatabase(path.join(dataDir, 'hub.sqlite'));
  const history = new HistoryStore(db);
  const stats = new StatisticsStore(db);
  const byDate = new Map<string, { pvWh: number; gridImportWh: number; homeWh: number }>();
  const from = Math.floor((untilMs - days * 86_400_000) / 60_000) * 60_000;
  let batteryWh = 5_000;
  db.transaction(() => {
    const rows: MinuteRow[] = [];
    for (let ts = from; ts < untilMs; ts += 60_000) {
      const lt = localTime(ts, timeZone);
      const hour = lt.msOfDay / 3_600_000;
      const day = lt.dayIndex;
      const cloud = 0.55 + 0.45 * Math.abs(Math.sin(day * 1.7));
      const pvW = Math.max(0, 5200 * cloud * Math.sin(((hour - 6) / 15) * Math.PI));
      const homeW = 350 + (hour >= 7 && hour < 8.5 ? 900 : 0) + (hour >= 17.5 && hour < 21 ? 1100 : 0) + 150 * Math.sin(ts / 5_400_000);
      const carW = lt.weekday !== 0 && lt.weekday !== 6 && hour >= 1 && hour < 3.5 ? 7000 : 0;
      let batteryW = 0; // > 0 discharge
      if (pvW > homeW + carW && batteryWh < 9_500) batteryW = -Math.min(3000, pvW - homeW - carW);
      else if (pvW < homeW && batteryWh > 1_000 && carW === 0) batteryW = Math.min(3000, homeW - pvW);
      batteryWh -= batteryW / 60;
      const gridW = homeW + carW - pvW - batteryW;
      const row: HistoryRow = {
        ts,
        gridW,
        pvW,
        batteryW,
        wallboxW: carW,
        homeW,
        batterySocPct: batteryWh / 100,
        carSocPct: carW > 0 ? 50 + (hour - 1) * 12 : null,
        gridImportWh: Math.max(0, gridW) / 60,
        gridExportWh: Math.max(0, -gridW) / 60,
        pvWh: pvW / 60,
        batteryChargeWh: Math.max(0, -batteryW) / 60,
        batteryDischargeWh: Math.max(0, batteryW) / 60,
        carChargeWh: carW / 60,
        carDischargeWh: 0,
        homeWh: homeW / 60,
      };
      rows.push({ ...row, gridImportMeterWh: null, gridExportMeterWh: null, samples: 60 });
      const importPerKWh = 0.16 + (hour >= 17 && hour < 21 ? 0.2 : 0) + (hour >= 10 && hour < 16 ? -0.04 : 0);
      stats.recordPrice(ts, importPerKWh, importPerKWh - 0.025, 'EUR');
      const d = localDate(ts, timeZone);
      const acc = byDate.get(d) ?? { pvWh: 0, gridImportWh: 0, homeWh: 0 };
      acc.pvWh += row.pvWh;
      acc.gridImportWh += row.gridImportWh;
      acc.homeWh += row.homeWh;
      byDate.set(d, acc);
    }
    history.write(rows);
  })();
  db.close();
  return { byDate };
}
