import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../../main/api/api-server.js';
import type { RunningApi } from '../../../main/api/api-server.js';
import { statisticsRoutes } from '../../../main/api/statistics-routes.js';
import { silentLogger } from '../../../main/common/log.js';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';
import type { StatisticsView } from '../../../main/common/statistics.js';
import { openDatabase } from '../../../main/store/database.js';
import { HistoryStore } from '../../../main/store/history-store.js';
import { StatisticsStore } from '../../../main/store/statistics-store.js';

const tz = 'Europe/Amsterdam';
const now = Date.parse('2026-08-15T12:00:00+02:00');

describe('statistics routes over real HTTP', () => {
  let api: RunningApi;
  const uiRoot = mkdtempSync(join(tmpdir(), 'hub-ui-'));
  writeFileSync(join(uiRoot, 'index.html'), '<!doctype html>');

  beforeAll(async () => {
    const db = openDatabase(':memory:');
    const history = new HistoryStore(db);
    const store = new StatisticsStore(db);
    const from = Date.parse('2026-08-15T08:00:00+02:00');
    history.write(
      Array.from({ length: 120 }, (_, i) => ({
        ts: from + i * 60_000,
        gridW: 600, pvW: 0, batteryW: 0, wallboxW: 0, homeW: 600, batterySocPct: 50, carSocPct: null,
        gridImportWh: 10, gridExportWh: 0, pvWh: 0, batteryChargeWh: 0, batteryDischargeWh: 0, carChargeWh: 0, carDischargeWh: 0, homeWh: 10,
        gridImportMeterWh: null, gridExportMeterWh: null, samples: 6,
      })),
    );
    for (let i = 0; i < 120; i++) store.recordPrice(from + i * 60_000, 0.3, 0.1, 'EUR');
    api = await startApiServer({
      host: '127.0.0.1',
      port: 0,
      uiRoot,
      log: silentLogger,
      routes: statisticsRoutes({ store, now: () => now, timeZone: tz }),
      handlers: {
        latest: () => null as SiteSnapshot | null,
        onSnapshot: () => () => undefined,
        info: () => ({ name: 'SCALE Hub', version: '0.1.0', speed: 1, simulated: true }),
        diagnostics: () => ({ tickMs: { p50: null, p99: null, samples: 0 }, setpointMs: { p50: null, p99: null, samples: 0 }, rssBytes: 1, uptimeS: 1 }),
        history: () => [],
        setCarMode: () => undefined,
        setCarSettings: () => undefined,
      },
    });
  });
  afterAll(() => api.close());

  it('answers today by default, in the site’s hours, with energy and cost', async () => {
    const res = await fetch(new URL('/api/statistics', api.url));
    expect(res.status).toBe(200);
    const view = (await res.json()) as StatisticsView;
    expect(view).toMatchObject({ range: 'day', date: '2026-08-15', timeZone: tz, previousDate: '2026-08-14', nextDate: null });
    expect(view.buckets).toHaveLength(24);
    expect(view.buckets[8]?.energy.gridImportWh).toBeCloseTo(600);
    expect(view.totals.energy.gridImportWh).toBeCloseTo(1200);
    expect(view.totals.cost?.importCost).toBeCloseTo(0.36);
    expect(view.totals.selfSufficiencyPct).toBe(0);
  });

  it('refuses a bad range or date with a clear message', async () => {
    for (const [query, message] of [
      ['range=decade', /query\.range/],
      ['date=2026-02-30', /not a calendar date/],
      ['date=15.08.2026', /YYYY-MM-DD/],
    ] as const) {
      const res = await fetch(new URL(`/api/statistics?${query}`, api.url));
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it('serves the CSV as a download', async () => {
    const res = await fetch(new URL('/api/statistics/csv?range=day&date=2026-08-15&step=15m', api.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="scale-hub-day-2026-08-15-15min.csv"');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 8);
    expect(lines[1]).toMatch(/^2026-08-15T08:00:00\+02:00,2026-08-15T08:15:00\+02:00,15,0\.000,0\.150,/);
  });
});
