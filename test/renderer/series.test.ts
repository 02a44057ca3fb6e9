import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../main/common/api.js';
import { appendLive, chartWindowMs, liveSpacingMs, mergeHistory, pointFromSnapshot, toChartPoints } from '../../renderer/src/chart/series.js';
import type { PowerPoint } from '../../renderer/src/chart/series.js';
import { makeSnapshot } from './snapshot-fixture.js';

const t0 = 1_750_500_000_000;
const point = (ts: number, gridW: number | null = 100): PowerPoint => ({ ts, gridW, pvW: 0, batteryW: 0, carW: 0 });
const row = (ts: number, gridW: number): HistoryRow => ({
  ts,
  gridW,
  pvW: 1,
  batteryW: 2,
  wallboxW: 3,
  homeW: 4,
  batterySocPct: null,
  carSocPct: null,
  gridImportWh: 0,
  gridExportWh: 0,
  pvWh: 0,
  batteryChargeWh: 0,
  batteryDischargeWh: 0,
  carChargeWh: 0,
  carDischargeWh: 0,
  homeWh: 0,
});

describe('appendLive', () => {
  it('skips points closer than the spacing and returns the same array', () => {
    const points = [point(t0)];
    expect(appendLive(points, point(t0 + liveSpacingMs - 1))).toBe(points);
    expect(appendLive(points, point(t0 + liveSpacingMs))).toHaveLength(2);
  });

  it('drops points older than the window', () => {
    let points: readonly PowerPoint[] = [];
    for (let ts = t0; ts <= t0 + 2 * chartWindowMs; ts += liveSpacingMs) points = appendLive(points, point(ts));
    expect(points[0]?.ts).toBe(t0 + chartWindowMs);
    expect(points.at(-1)?.ts).toBe(t0 + 2 * chartWindowMs);
  });

  it('starts over when site time jumps backwards (hub restarted)', () => {
    const points = [point(t0), point(t0 + liveSpacingMs)];
    expect(appendLive(points, point(t0 - 60_000))).toEqual([point(t0 - 60_000)]);
  });
});

describe('mergeHistory', () => {
  it('puts minute rows first (plotted mid-minute) and keeps live points after the last row', () => {
    const live = [point(t0 + 30_000, 7), point(t0 + 120_000, 8), point(t0 + 130_000, 9)];
    const merged = mergeHistory([row(t0, 1), row(t0 + 60_000, 2)], live);
    expect(merged.map((p) => p.ts)).toEqual([t0 + 30_000, t0 + 90_000, t0 + 120_000, t0 + 130_000]);
    expect(merged.map((p) => p.gridW)).toEqual([1, 2, 8, 9]);
    expect(merged[0]?.carW).toBe(3);
  });

  it('keeps the live points when there is no history', () => {
    const live = [point(t0)];
    expect(mergeHistory([], live)).toBe(live);
  });
});

describe('toChartPoints', () => {
  it('converts to kW and leaves a gap (NaN) for unknown values', () => {
    expect(toChartPoints([point(t0, 1_500), point(t0 + 1, null)], 'gridW')).toEqual([
      { x: t0, y: 1.5 },
      { x: t0 + 1, y: Number.NaN },
    ]);
  });

  it('reads the four series from a snapshot', () => {
    expect(pointFromSnapshot(makeSnapshot({ ts: t0, gridW: 1, pvW: 2, batteryW: 3, wallboxW: 4 }))).toEqual({ ts: t0, gridW: 1, pvW: 2, batteryW: 3, carW: 4 });
  });
});
