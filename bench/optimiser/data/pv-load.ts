/**
 * The Konstanz household (OPSD DE_KN_residential4, 2016, hourly): PV and the
 * household load without the house's own EV (the simulated car replaces it;
 * the heat pump stays). Hourly energy is average power, held flat over the
 * four quarter hours. Missing hours take the value of a week before.
 */
import { join } from 'node:path';
import { column, readCsv } from './csv.js';

export const pvLoadFile = 'pv_load_opsd_DE_KN_residential4_2016_hourly.csv';
export const pvLoadYear = 2016;

export interface HourlyPvLoad {
  /** UTC ms of the first hour. */
  readonly startMs: number;
  readonly pvW: Float64Array;
  readonly loadW: Float64Array;
}

const hourMs = 3_600_000;

export function readPvLoad(dataDir: string): HourlyPvLoad {
  const csv = readCsv(join(dataDir, pvLoadFile));
  const ts = column(csv, 'timestamp_utc', pvLoadFile);
  const pv = column(csv, 'pv_kwh', pvLoadFile);
  const load = column(csv, 'load_kwh', pvLoadFile);
  const ev = column(csv, 'ev_kwh', pvLoadFile);
  const startMs = Date.UTC(pvLoadYear, 0, 1);
  const hours = (Date.UTC(pvLoadYear + 1, 0, 1) - startMs) / hourMs;
  const pvW = new Float64Array(hours).fill(Number.NaN);
  const loadW = new Float64Array(hours).fill(Number.NaN);
  for (const row of csv.rows) {
    const i = Math.round((Date.parse(row[ts] ?? '') - startMs) / hourMs);
    if (!(i >= 0 && i < hours)) continue;
    const p = Number.parseFloat(row[pv] ?? '');
    const l = Number.parseFloat(row[load] ?? '');
    const e = Number.parseFloat(row[ev] ?? '');
    if (Number.isFinite(p)) pvW[i] = Math.max(0, p) * 1000;
    // A few hours have a slightly negative derived load (unsynchronised meters): clipped at 0.
    if (Number.isFinite(l)) loadW[i] = Math.max(0, l - (Number.isFinite(e) ? e : 0)) * 1000;
  }
  fillFromWeekBefore(pvW, 0);
  fillFromWeekBefore(loadW, 400);
  return { startMs, pvW, loadW };
}

function fillFromWeekBefore(values: Float64Array, otherwise: number): void {
  const week = 7 * 24;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i]!)) continue;
    const before = i >= week ? values[i - week]! : Number.NaN;
    const after = i + week < values.length ? values[i + week]! : Number.NaN;
    values[i] = !Number.isNaN(before) ? before : !Number.isNaN(after) ? after : otherwise;
  }
}
