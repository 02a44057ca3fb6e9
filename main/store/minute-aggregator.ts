/**
 * Turns the per-tick snapshots into 1-minute rows: time-weighted power
 * averages and the energy through each flow. An interval that spans a minute
 * boundary is split at the boundary, so the minutes' energies add up exactly
 * to the integral of the snapshots. Intervals longer than maxGapMs (hub
 * paused, clock jump) are not integrated: unknown is not zero.
 */
import type { HistoryRow } from '../common/api.js';
import type { SiteSnapshot } from '../common/snapshot.js';

const minuteMs = 60_000;
const hourMs = 3_600_000;

type Term = 'grid' | 'pv' | 'battery' | 'wallbox' | 'home';
const terms: readonly Term[] = ['grid', 'pv', 'battery', 'wallbox', 'home'];

interface Acc {
  startMs: number;
  powerWms: Record<Term, number>;
  knownMs: Record<Term, number>;
  gridImportWh: number;
  gridExportWh: number;
  pvWh: number;
  batteryChargeWh: number;
  batteryDischargeWh: number;
  carChargeWh: number;
  carDischargeWh: number;
  homeWh: number;
  samples: number;
  batterySocPct: number | null;
  carSocPct: number | null;
  gridImportMeterWh: number | null;
  gridExportMeterWh: number | null;
}

export interface MinuteRow extends HistoryRow {
  readonly gridImportMeterWh: number | null;
  readonly gridExportMeterWh: number | null;
  readonly samples: number;
}

function powers(s: SiteSnapshot): Record<Term, number | null> {
  return { grid: s.grid.powerW, pv: s.pv.powerW, battery: s.battery.powerW, wallbox: s.wallbox.powerW, home: s.home.powerW };
}

export class MinuteAggregator {
  private prev: SiteSnapshot | null = null;
  private acc: Acc | null = null;

  constructor(private readonly maxGapMs = 10_000) {}

  /** Adds a snapshot; returns the minutes it completed (usually none, sometimes one). */
  add(s: SiteSnapshot): MinuteRow[] {
    const done: MinuteRow[] = [];
    const prev = this.prev;
    this.prev = s;
    if (prev === null || s.ts <= prev.ts) {
      this.ensureAcc(s.ts, done);
      this.noteLevels(s);
      return done;
    }
    const p = powers(prev);
    let t = prev.ts;
    const gap = s.ts - prev.ts > this.maxGapMs;
    while (t < s.ts) {
      this.ensureAcc(t, done);
      const acc = this.acc!;
      const end = Math.min(s.ts, acc.startMs + minuteMs);
      if (!gap) this.integrate(acc, p, end - t);
      t = end;
      if (t === acc.startMs + minuteMs) this.ensureAcc(t, done);
    }
    this.ensureAcc(s.ts, done);
    this.noteLevels(s);
    return done;
  }

  /** Completes the current minute early (shutdown), if it has data. */
  flush(): MinuteRow[] {
    const acc = this.acc;
    this.acc = null;
    return acc !== null && acc.samples > 0 ? [toRow(acc)] : [];
  }

  private ensureAcc(tMs: number, done: MinuteRow[]): void {
    const start = Math.floor(tMs / minuteMs) * minuteMs;
    if (this.acc !== null && this.acc.startMs === start) return;
    if (this.acc !== null && this.acc.samples > 0) done.push(toRow(this.acc));
    this.acc = emptyAcc(start);
  }

  private noteLevels(s: SiteSnapshot): void {
    const acc = this.acc!;
    acc.samples++;
    if (s.battery.socPct !== null) acc.batterySocPct = s.battery.socPct;
    if (s.car.socPct !== null) acc.carSocPct = s.car.socPct;
    if (s.grid.energyImportWh !== null) acc.gridImportMeterWh = s.grid.energyImportWh;
    if (s.grid.energyExportWh !== null) acc.gridExportMeterWh = s.grid.energyExportWh;
  }

  private integrate(acc: Acc, p: Record<Term, number | null>, dtMs: number): void {
    const h = dtMs / hourMs;
    for (const k of terms) {
      const w = p[k];
      if (w === null) continue;
      acc.powerWms[k] += w * dtMs;
      acc.knownMs[k] += dtMs;
    }
    if (p.grid !== null) {
      acc.gridImportWh += Math.max(0, p.grid) * h;
      acc.gridExportWh += Math.max(0, -p.grid) * h;
    }
    if (p.pv !== null) acc.pvWh += Math.max(0, p.pv) * h;
    if (p.battery !== null) {
      acc.batteryDischargeWh += Math.max(0, p.battery) * h;
      acc.batteryChargeWh += Math.max(0, -p.battery) * h;
    }
    if (p.wallbox !== null) {
      acc.carChargeWh += Math.max(0, p.wallbox) * h;
      acc.carDischargeWh += Math.max(0, -p.wallbox) * h;
    }
    if (p.home !== null) acc.homeWh += Math.max(0, p.home) * h;
  }
}

function emptyAcc(startMs: number): Acc {
  const zero = (): Record<Term, number> => ({ grid: 0, pv: 0, battery: 0, wallbox: 0, home: 0 });
  return {
    startMs,
    powerWms: zero(),
    knownMs: zero(),
    gridImportWh: 0,
    gridExportWh: 0,
    pvWh: 0,
    batteryChargeWh: 0,
    batteryDischargeWh: 0,
    carChargeWh: 0,
    carDischargeWh: 0,
    homeWh: 0,
    samples: 0,
    batterySocPct: null,
    carSocPct: null,
    gridImportMeterWh: null,
    gridExportMeterWh: null,
  };
}

function toRow(acc: Acc): MinuteRow {
  const avg = (k: Term): number | null => (acc.knownMs[k] > 0 ? acc.powerWms[k] / acc.knownMs[k] : null);
  return {
    ts: acc.startMs,
    gridW: avg('grid'),
    pvW: avg('pv'),
    batteryW: avg('battery'),
    wallboxW: avg('wallbox'),
    homeW: avg('home'),
    batterySocPct: acc.batterySocPct,
    carSocPct: acc.carSocPct,
    gridImportWh: acc.gridImportWh,
    gridExportWh: acc.gridExportWh,
    pvWh: acc.pvWh,
    batteryChargeWh: acc.batteryChargeWh,
    batteryDischargeWh: acc.batteryDischargeWh,
    carChargeWh: acc.carChargeWh,
    carDischargeWh: acc.carDischargeWh,
    homeWh: acc.homeWh,
    gridImportMeterWh: acc.gridImportMeterWh,
    gridExportMeterWh: acc.gridExportMeterWh,
    samples: acc.samples,
  };
}
