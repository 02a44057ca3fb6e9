/**
 * The last hour of powers for the chart: one-minute history rows from the
 * hub, then live snapshots appended every few site-seconds. Pure functions on
 * immutable arrays; a function returns its input unchanged (===) when nothing
 * changed, so the caller can skip redrawing.
 */
import type { HistoryRow } from '../../../main/common/api.js';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';

export interface PowerPoint {
  /** Site time, epoch ms. */
  readonly ts: number;
  readonly gridW: number | null;
  readonly pvW: number | null;
  readonly batteryW: number | null;
  readonly carW: number | null;
}

export const seriesKeys = ['gridW', 'pvW', 'batteryW', 'carW'] as const;
export type SeriesKey = (typeof seriesKeys)[number];

export const chartWindowMs = 60 * 60 * 1000;
/** Live points closer than this (site time) are skipped: the chart cannot show them anyway. */
export const liveSpacingMs = 10_000;
const historyRowMs = 60_000;

export function pointFromRow(row: HistoryRow): PowerPoint {
  // A row averages the minute that starts at ts: plot it in the middle.
  return { ts: row.ts + historyRowMs / 2, gridW: row.gridW, pvW: row.pvW, batteryW: row.batteryW, carW: row.wallboxW };
}

export function pointFromSnapshot(snapshot: SiteSnapshot): PowerPoint {
  return { ts: snapshot.ts, gridW: snapshot.grid.powerW, pvW: snapshot.pv.powerW, batteryW: snapshot.battery.powerW, carW: snapshot.wallbox.powerW };
}

/** Adds a live point. Site time going backwards (e.g. the hub restarted) starts over. */
export function appendLive(points: readonly PowerPoint[], point: PowerPoint): readonly PowerPoint[] {
  const last = points.at(-1);
  if (last !== undefined && point.ts < last.ts - liveSpacingMs) return [point];
  if (last !== undefined && point.ts - last.ts < liveSpacingMs) return points;
  const from = point.ts - chartWindowMs;
  const firstKept = points.findIndex((p) => p.ts >= from);
  return [...(firstKept === -1 ? [] : points.slice(firstKept)), point];
}

/** History rows (sorted by ts) replace whatever the live points covered up to the end of their last minute. */
export function mergeHistory(rows: readonly HistoryRow[], live: readonly PowerPoint[]): readonly PowerPoint[] {
  const last = rows.at(-1);
  if (last === undefined) return live;
  const coveredUntil = last.ts + historyRowMs;
  return [...rows.map(pointFromRow), ...live.filter((p) => p.ts >= coveredUntil)];
}

/** Chart.js points in kW; NaN leaves a gap where the value was unknown. */
export function toChartPoints(points: readonly PowerPoint[], key: SeriesKey): { x: number; y: number }[] {
  return points.map((p) => {
    const w = p[key];
    return { x: p.ts, y: w === null ? Number.NaN : w / 1000 };
  });
}
