/**
 * Day-ahead prices of one zone per quarter hour (EUR/kWh): the native 15-min
 * prices from 2025-10-01, the hourly ones held flat before.
 */
import { join } from 'node:path';
import { column, readCsv } from './csv.js';

export const zones = ['NL', 'DE_LU', 'FR', 'NO1', 'SE3'] as const;
export type Zone = (typeof zones)[number];

const hourlyFile = 'prices_day_ahead_hourly_NL_DELU_FR_NO1_SE3_2025-2026.csv';
const quarterFile = 'prices_day_ahead_15min_NL_DELU_FR_NO1_SE3_2025-2026.csv';
const quarterMs = 900_000;

export interface QuarterPrices {
  readonly startMs: number;
  /** EUR/kWh per quarter hour from startMs; NaN where unknown. */
  readonly spotPerKWh: Float64Array;
  /** End of the last known price. */
  readonly endMs: number;
}

export function readPrices(dataDir: string, zone: Zone): QuarterPrices {
  const hourly = readCsv(join(dataDir, hourlyFile));
  const quarter = readCsv(join(dataDir, quarterFile));
  const hTs = column(hourly, 'timestamp_utc', hourlyFile);
  const hZone = column(hourly, zone, hourlyFile);
  const qTs = column(quarter, 'timestamp_utc', quarterFile);
  const qZone = column(quarter, zone, quarterFile);
  const startMs = Date.parse(hourly.rows[0]?.[hTs] ?? '');
  const lastQuarter = Date.parse(quarter.rows[quarter.rows.length - 1]?.[qTs] ?? '');
  const lastHour = Date.parse(hourly.rows[hourly.rows.length - 1]?.[hTs] ?? '');
  const endMs = Math.max(lastQuarter + quarterMs, lastHour + 4 * quarterMs);
  const n = Math.round((endMs - startMs) / quarterMs);
  const spot = new Float64Array(n).fill(Number.NaN);
  for (const row of hourly.rows) {
    const v = Number.parseFloat(row[hZone] ?? '');
    if (!Number.isFinite(v)) continue;
    const i = Math.round((Date.parse(row[hTs] ?? '') - startMs) / quarterMs);
    for (let k = 0; k < 4; k++) if (i + k >= 0 && i + k < n) spot[i + k] = v / 1000;
  }
  // The native quarter-hour prices replace the hourly means where they exist.
  for (const row of quarter.rows) {
    const v = Number.parseFloat(row[qZone] ?? '');
    if (!Number.isFinite(v)) continue;
    const i = Math.round((Date.parse(row[qTs] ?? '') - startMs) / quarterMs);
    if (i >= 0 && i < n) spot[i] = v / 1000;
  }
  return { startMs, spotPerKWh: spot, endMs };
}
