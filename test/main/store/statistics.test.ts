import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../../main/common/api.js';
import { selfShares } from '../../../main/common/statistics.js';
import { migrate, openDatabase } from '../../../main/store/database.js';
import type { Db } from '../../../main/store/database.js';
import { HistoryStore } from '../../../main/store/history-store.js';
import { migrations } from '../../../main/store/migrations.js';
import type { MinuteRow } from '../../../main/store/minute-aggregator.js';
import { periodOf, parseLocalDate } from '../../../main/store/statistics-calendar.js';
import { addSums, baselineMinuteCost, emptySums, minuteSums } from '../../../main/store/statistics-fold.js';
import type { PeriodSums } from '../../../main/store/statistics-fold.js';
import { StatisticsStore } from '../../../main/store/statistics-store.js';
import { statisticsCsv, statisticsView } from '../../../main/store/statistics-view.js';

const minute = 60_000;
const day = 86_400_000;
const tz = 'Europe/Amsterdam';
/** 2025-03-01T00:00:00+01:00 */
const t0 = Date.parse('2025-03-01T00:00:00+01:00');

/** A deterministic pseudo-random generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function minuteRow(ts: number, r: () => number): MinuteRow {
  const pv = r() < 0.4 ? 0 : r() * 100;
  const home = 5 + r() * 40;
  const carCharge = r() < 0.7 ? 0 : r() * 180;
  const batteryCharge = r() < 0.5 ? r() * 50 : 0;
  const batteryDischarge = batteryCharge > 0 ? 0 : r() * 40;
  const net = home + carCharge + batteryCharge - pv - batteryDischarge;
  const row: HistoryRow = {
    ts,
    gridW: net * 60,
    pvW: pv * 60,
    batteryW: (batteryDischarge - batteryCharge) * 60,
    wallboxW: carCharge * 60,
    homeW: home * 60,
    batterySocPct: r() < 0.1 ? null : 20 + r() * 60,
    carSocPct: r() < 0.3 ? null : 10 + r() * 80,
    gridImportWh: Math.max(0, net),
    gridExportWh: Math.max(0, -net),
    pvWh: pv,
    batteryChargeWh: batteryCharge,
    batteryDischargeWh: batteryDischarge,
    carChargeWh: carCharge,
    carDischargeWh: 0,
    homeWh: home,
  };
  return { ...row, gridImportMeterWh: null, gridExportMeterWh: null, samples: 6 };
}

/** Writes `n` minutes from `from` (some hub-off gaps), with prices on most of them; returns the sums computed directly. */
function fill(db: Db, from: number, n: number, seed = 7): PeriodSums {
  const history = new HistoryStore(db);
  const store = new StatisticsStore(db);
  const r = rng(seed);
  let direct = emptySums;
  const rows: MinuteRow[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const ts = from + i * minute;
      if (r() < 0.05) continue; // the hub was off
      const row = minuteRow(ts, r);
      rows.push(row);
      const priced = r() < 0.9;
      const ip = 0.1 + r() * 0.3;
      const ep = 0.05 + r() * 0.05;
      if (priced) store.recordPrice(ts, ip, ep, 'EUR');
      direct = addSums(direct, minuteSums({ ...row, importPerKWh: priced ? ip : null, exportPerKWh: priced ? ep : null, currency: priced ? 'EUR' : null }));
    }
    history.write(rows);
  })();
  return direct;
}

function expectSameSums(a: PeriodSums, b: PeriodSums): void {
  for (const k of ['gridImportWh', 'gridExportWh', 'pvWh', 'batteryChargeWh', 'batteryDischargeWh', 'carChargeWh', 'carDischargeWh', 'homeWh', 'importCost', 'exportRevenue', 'baselineCost'] as const) {
    expect(a[k], k).toBeCloseTo(b[k], 6);
  }
  expect(a.minutes).toBe(b.minutes);
  expect(a.pricedMinutes).toBe(b.pricedMinutes);
}

describe('statistics store', () => {
  it('migrates a version-1 database with its history in place', () => {
    const db = openDatabase(':memory:', migrations.filter((m) => m.version === 1));
    new HistoryStore(db).write([minuteRow(t0, rng(1))]);
    migrate(db, migrations);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    const store = new StatisticsStore(db);
    store.maintain(t0 + day);
    expect(store.sums(t0, t0 + day).minutes).toBe(1);
  });

  it('gives the same totals from 15-minute aggregates as from the minutes, whatever the watermark', () => {
    const db = openDatabase(':memory:');
    const direct = fill(db, t0, 3 * 24 * 60);
    const store = new StatisticsStore(db);
    expectSameSums(store.sums(t0, t0 + 3 * day), direct); // nothing aggregated yet: all raw minutes
    store.maintain(t0 + day + 7 * minute); // part aggregated, a partial slot left raw
    expectSameSums(store.sums(t0, t0 + 3 * day), direct);
    store.maintain(t0 + 3 * day);
    expectSameSums(store.sums(t0, t0 + 3 * day), direct);
    expect(store.watermarkMs()).toBe(t0 + 3 * day);
    // Maintaining again changes nothing.
    store.maintain(t0 + 3 * day + minute);
    expectSameSums(store.sums(t0, t0 + 3 * day), direct);
  });

  it('keeps energy totals exact when minutes older than the retention are pruned', () => {
    const db = openDatabase(':memory:');
    const days = 34;
    const direct = fill(db, t0, days * 24 * 60, 11);
    const store = new StatisticsStore(db, { keepMinutesMs: 30 * day });
    const now = t0 + days * day;
    const before = store.sums(t0, now);
    expectSameSums(before, direct);
    const { prunedMinutes } = store.maintain(now);
    expect(prunedMinutes).toBeGreaterThan(3 * 24 * 60 * 0.9);
    const oldest = db.prepare('SELECT MIN(ts_ms) AS t FROM history_1m').get() as { t: number };
    expect(oldest.t).toBeGreaterThanOrEqual(now - 30 * day);
    expect((db.prepare('SELECT COUNT(*) AS n FROM price_1m WHERE ts_ms < ?').get(now - 30 * day) as { n: number }).n).toBe(0);
    expectSameSums(store.sums(t0, now), direct);
    // A day long gone is still there, from the aggregates.
    const day3 = statisticsView(store, 'day', parseLocalDate('2025-03-03'), now, tz);
    expect(day3.totals.minutes).toBeGreaterThan(1300);
    // The sum of a month's buckets is its total.
    const march = statisticsView(store, 'month', parseLocalDate('2025-03-15'), now, tz);
    const bucketPv = march.buckets.reduce((s, b) => s + b.energy.pvWh, 0);
    expect(bucketPv).toBeCloseTo(march.totals.energy.pvWh, 6);
  });

  it('includes a minute merged after its slot was aggregated', () => {
    const db = openDatabase(':memory:');
    fill(db, t0, 60);
    const store = new StatisticsStore(db);
    store.maintain(t0 + 60 * minute);
    const before = store.sums(t0, t0 + 60 * minute).pvWh;
    // The restart case: a minute flushed at shutdown completes after the restart and merges.
    new HistoryStore(db).write([{ ...minuteRow(t0 + 50 * minute, rng(3)), pvWh: 1000 }]);
    store.maintain(t0 + 61 * minute);
    expect(store.sums(t0, t0 + 60 * minute).pvWh).toBeGreaterThan(before + 999 - 100);
  });

  it('prices the "no HEMS" baseline per minute: PV used directly, the rest imported, the surplus exported', () => {
    const m = { gridImportWh: 0, gridExportWh: 0, pvWh: 30, batteryChargeWh: 0, batteryDischargeWh: 0, carChargeWh: 10, carDischargeWh: 0, homeWh: 50 };
    // use 60, PV 30 direct, import 30 at 0.30
    expect(baselineMinuteCost(m, 0.3, 0.05)).toBeCloseTo((30 * 0.3) / 1000, 9);
    // surplus: PV 100, use 60 -> export 40 at 0.05
    expect(baselineMinuteCost({ ...m, pvWh: 100 }, 0.3, 0.05)).toBeCloseTo((-40 * 0.05) / 1000, 9);
    // A battery that covered the evening from cheap night energy saves money.
    const s = minuteSums({ ...m, pvWh: 0, batteryDischargeWh: 60, ts: 0, batterySocPct: 50, carSocPct: null, importPerKWh: 0.4, exportPerKWh: 0.05, currency: 'EUR' });
    expect(s.importCost).toBe(0);
    expect(s.baselineCost).toBeCloseTo((60 * 0.4) / 1000, 9);
  });

  it('computes self-sufficiency and self-consumption from totals', () => {
    const e = { gridImportWh: 250, gridExportWh: 100, pvWh: 400, batteryChargeWh: 0, batteryDischargeWh: 0, carChargeWh: 200, carDischargeWh: 0, homeWh: 800 };
    expect(selfShares(e).selfSufficiencyPct).toBeCloseTo(75);
    expect(selfShares(e).selfConsumptionPct).toBeCloseTo(75);
    expect(selfShares({ ...e, pvWh: 0, homeWh: 0, carChargeWh: 0 })).toEqual({ selfSufficiencyPct: null, selfConsumptionPct: null });
  });

  it('writes a CSV with one line per bucket and the site offset in the times', () => {
    const db = openDatabase(':memory:');
    fill(db, t0, 24 * 60);
    const store = new StatisticsStore(db);
    const view = statisticsView(store, 'day', parseLocalDate('2025-03-01'), t0 + 2 * day, tz);
    const csv = statisticsCsv(view.buckets, () => 3_600_000);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(25);
    expect(lines[0]).toMatch(/^start,end,minutes_recorded,pv_kwh,/);
    expect(lines[1]).toMatch(/^2025-03-01T00:00:00\+01:00,2025-03-01T01:00:00\+01:00,\d+,/);
    expect(lines[1]!.split(',')).toHaveLength(lines[0]!.split(',').length);
  });
});

describe('statistics calendar', () => {
  const now = Date.parse('2025-10-30T12:00:00+01:00');

  it('has 23 hourly buckets on the spring DST day and 25 on the autumn one', () => {
    expect(periodOf('day', parseLocalDate('2025-03-30'), now, tz).buckets).toHaveLength(23);
    expect(periodOf('day', parseLocalDate('2025-10-26'), now, tz).buckets).toHaveLength(25);
    expect(periodOf('day', parseLocalDate('2025-10-27'), now, tz).buckets).toHaveLength(24);
  });

  it('starts weeks on Monday and months on the 1st, at local midnight', () => {
    const week = periodOf('week', parseLocalDate('2025-10-30'), now, tz);
    expect(week.date).toBe('2025-10-27');
    expect(week.buckets).toHaveLength(7);
    expect(week.fromMs).toBe(Date.parse('2025-10-27T00:00:00+01:00'));
    expect(week.nextDate).toBeNull();
    expect(week.previousDate).toBe('2025-10-20');
    const feb = periodOf('month', parseLocalDate('2024-02-10'), now, tz);
    expect(feb.buckets).toHaveLength(29);
    expect(feb.nextDate).toBe('2024-03-01');
    const year = periodOf('year', null, now, tz);
    expect(year.date).toBe('2025-01-01');
    expect(year.buckets).toHaveLength(12);
    expect(year.buckets[3]!.startMs).toBe(Date.parse('2025-04-01T00:00:00+02:00'));
  });

  it('refuses dates that do not exist', () => {
    expect(parseLocalDate('2025-02-30')).toBeNull();
    expect(parseLocalDate('2025-2-3')).toBeNull();
  });
});
