/**
 * The hub's recent history in quarter hours, kept in memory: PV and home
 * load for the forecasts, grid import for the month's peaks. Re-planning
 * every 15 minutes must not read a month of minute rows from SQLite each
 * time on the control loop's thread; the cache reads the whole span once and
 * then only the last two hours (rows of the last minutes may arrive late).
 */
import type { HistoryRow } from '../../common/api.js';
import type { Series } from '../forecast/series.js';
import { quarterStart, slotMs } from '../model/timeline.js';

export interface HistorySource {
  read(fromMs: number, toMs: number): HistoryRow[];
}

interface Bucket {
  pvSum: number;
  pvN: number;
  homeSum: number;
  homeN: number;
  importWh: number;
}

/** Longest span one read may cover (the store refuses more than a week). */
const readChunkMs = 7 * 86_400_000;
const rereadMs = 2 * 3_600_000;

export class HistoryCache {
  private readonly buckets = new Map<number, Bucket>();
  private readUntilMs: number | null = null;

  constructor(
    private readonly source: HistorySource,
    private readonly keepMs: number,
  ) {}

  update(nowMs: number): void {
    const oldest = quarterStart(nowMs - this.keepMs);
    const from = this.readUntilMs === null ? oldest : Math.max(oldest, quarterStart(this.readUntilMs - rereadMs));
    for (const key of this.buckets.keys()) if (key < oldest || key >= from) this.buckets.delete(key);
    for (let start = from; start < nowMs; start += readChunkMs) {
      for (const r of this.source.read(start, Math.min(nowMs, start + readChunkMs))) this.add(r);
    }
    this.readUntilMs = nowMs;
  }

  /** Mean of a power over quarter hours from `fromMs` (aligned) for `steps` quarters; NaN where unknown. */
  series(field: 'pvW' | 'homeW', fromMs: number, steps: number): Series {
    const values = new Float64Array(steps).fill(Number.NaN);
    for (let i = 0; i < steps; i++) {
      const b = this.buckets.get(fromMs + i * slotMs);
      if (b === undefined) continue;
      if (field === 'pvW' && b.pvN > 0) values[i] = b.pvSum / b.pvN;
      if (field === 'homeW' && b.homeN > 0) values[i] = b.homeSum / b.homeN;
    }
    return { startMs: fromMs, stepMs: slotMs, values };
  }

  /** Grid import energy per quarter hour in [fromMs, toMs), in time order (Wh). */
  importByQuarter(fromMs: number, toMs: number): { startMs: number; importWh: number }[] {
    const out: { startMs: number; importWh: number }[] = [];
    for (let t = quarterStart(fromMs); t < toMs; t += slotMs) {
      const b = this.buckets.get(t);
      if (b !== undefined) out.push({ startMs: t, importWh: b.importWh });
    }
    return out;
  }

  private add(r: HistoryRow): void {
    const key = quarterStart(r.ts);
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { pvSum: 0, pvN: 0, homeSum: 0, homeN: 0, importWh: 0 };
      this.buckets.set(key, b);
    }
    if (r.pvW !== null) {
      b.pvSum += r.pvW;
      b.pvN++;
    }
    if (r.homeW !== null) {
      b.homeSum += r.homeW;
      b.homeN++;
    }
    b.importWh += r.gridImportWh;
  }
}
