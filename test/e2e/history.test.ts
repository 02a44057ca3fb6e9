/**
 * The history screen on a hub whose database already holds 45 days (seeded
 * before it starts, so its first maintenance aggregates them into 15-minute
 * slots and prunes minutes beyond the 40-day retention): day / week / month
 * / year views, figures that match the seeded energy exactly, navigation
 * between periods, and the CSV export.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StatisticsView } from '../../main/common/statistics.js';
import { launchChromium } from './browser.js';
import { contrastProblems, eventually, getJson, horizontalOverflow, openPage, shot, simHomeConfig, simStart, sizeName, sizes, smallTargets, speed, timeZone } from './helpers.js';
import type { OpenedPage } from './helpers.js';
import { seedHistory } from './history-seed.js';
import type { SeedTotals } from './history-seed.js';
import { startHub } from './hub-process.js';
import type { RunningHub } from './hub-process.js';

let hub: RunningHub | undefined;
let browser: Browser | undefined;
let opened: OpenedPage;
let page: Page;
let seeded: SeedTotals;

function runningHub(): RunningHub {
  if (hub === undefined) throw new Error('hub not started');
  return hub;
}

async function stats(range: string, date: string): Promise<StatisticsView> {
  const { status, body } = await getJson<StatisticsView>(runningHub(), `api/statistics?range=${range}&date=${date}`);
  expect(status).toBe(200);
  return body;
}

function seededSum(prefix: string, key: 'pvWh' | 'gridImportWh' | 'homeWh'): number {
  let sum = 0;
  for (const [date, v] of seeded.byDate) if (date.startsWith(prefix)) sum += v[key];
  return sum;
}

/** "123.4 kWh" as the tiles show it (en-GB, one decimal below 100 kWh). */
function kwhText(wh: number): string {
  const kwh = wh / 1000;
  return `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: kwh < 100 ? 1 : 0, maximumFractionDigits: kwh < 100 ? 1 : 0 }).format(kwh)} kWh`;
}

describe('history screen on the real hub', () => {
  beforeAll(async () => {
    hub = await startHub({
      speed,
      simStart,
      config: simHomeConfig(),
      prepare: (dir) => {
        seeded = seedHistory(dir, Date.parse(simStart), 45, timeZone);
      },
    });
    browser = await launchChromium();
    opened = await openPage(browser, hub, { size: sizes[0], screen: 'history' });
    page = opened.page;
    await page.waitForSelector('[data-testid="history-tiles"]', { timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('keeps energy totals exact after aggregating and pruning old minutes', async () => {
    // July 1-5 are older than the 40 days of minutes kept: they come from the 15-minute aggregates.
    const july = await stats('month', '2026-07-10');
    expect(july.buckets).toHaveLength(31);
    expect(july.totals.energy.pvWh).toBeCloseTo(seededSum('2026-07', 'pvWh'), 3);
    expect(july.totals.energy.gridImportWh).toBeCloseTo(seededSum('2026-07', 'gridImportWh'), 3);
    const day = await stats('day', '2026-07-02');
    expect(day.buckets).toHaveLength(24);
    expect(day.totals.energy.homeWh).toBeCloseTo(seededSum('2026-07-02', 'homeWh'), 3);
    expect(day.totals.cost?.currency).toBe('EUR');
    expect(day.totals.cost?.pricedShare).toBe(1);
    // The battery moved solar into the evening peak: cheaper than without it.
    expect(day.totals.cost?.savings).toBeGreaterThan(0);
  });

  it('shows today, then week, month and year, with the hub’s figures', async () => {
    expect(await page.textContent('[data-testid="period-title"]')).toMatch(/^Saturday,? 15 August 2026$/);
    for (const range of ['week', 'month', 'year'] as const) {
      await page.tap(`[data-testid="range-${range}"]`);
      await eventually(`the ${range} view`, 10_000, async () => (await page.getAttribute(`[data-testid="range-${range}"]`, 'aria-pressed')) === 'true' && (await page.getAttribute('.history-screen', 'aria-busy')) === 'false');
      const view = await stats(range, '2026-08-15');
      await eventually(`the ${range} solar tile`, 10_000, async () => (await page.textContent('[data-testid="tile-solar"]')) === kwhText(view.totals.energy.pvWh));
      if (range === 'month') {
        await shot(page, 'history-month-1280x800');
        expect(await page.textContent('[data-testid="period-title"]')).toBe('August 2026');
      }
    }
    await shot(page, 'history-year-1280x800');
  });

  it('steps back to July and forward again', async () => {
    await page.tap('[data-testid="range-month"]');
    await page.tap('[data-testid="period-prev"]');
    await eventually('July', 10_000, async () => (await page.textContent('[data-testid="period-title"]')) === 'July 2026');
    await eventually('July’s solar', 10_000, async () => (await page.textContent('[data-testid="tile-solar"]')) === kwhText(seededSum('2026-07', 'pvWh')));
    expect(await page.textContent('[data-testid="tile-savings"]')).toMatch(/^€\d+\.\d\d$/);
    expect(await page.textContent('[data-testid="tile-self-sufficiency"]')).toMatch(/^\d+ %$/);
    await page.tap('[data-testid="period-next"]');
    await eventually('August', 10_000, async () => (await page.textContent('[data-testid="period-title"]')) === 'August 2026');
    // The current period has no "next".
    expect(await page.isDisabled('[data-testid="period-next"]')).toBe(true);
  });

  it('exports the period as CSV', async () => {
    await page.tap('[data-testid="period-prev"]');
    await eventually('July', 10_000, async () => (await page.textContent('[data-testid="period-title"]')) === 'July 2026');
    const [download] = await Promise.all([page.waitForEvent('download'), page.tap('[data-testid="csv-export"]')]);
    expect(download.suggestedFilename()).toBe('scale-hub-month-2026-07-01.csv');
    const file = await download.path();
    const lines = (await readFile(file, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^start,end,minutes_recorded,pv_kwh,grid_import_kwh/);
    expect(lines).toHaveLength(32);
    // The seeded weeks start at noon on 1 July.
    expect(lines[1]).toMatch(/^2026-07-01T00:00:00\+02:00,2026-07-02T00:00:00\+02:00,720,/);
    expect(lines[2]).toMatch(/^2026-07-02T00:00:00\+02:00,2026-07-03T00:00:00\+02:00,1440,/);
    const pvKwh = lines.slice(1).reduce((s, l) => s + Number(l.split(',')[3]), 0);
    expect(pvKwh).toBeCloseTo(seededSum('2026-07', 'pvWh') / 1000, 0);
  });

  for (const size of sizes) {
    for (const range of ['day', 'month'] as const) {
      it(`meets the quality bar at ${sizeName(size)} (${range})`, async () => {
        const o = await openPage(browser!, runningHub(), { size, screen: 'history' });
        try {
          await o.page.waitForSelector('[data-testid="history-tiles"]', { timeout: 15_000 });
          if (range === 'month') {
            await o.page.tap('[data-testid="range-month"]');
            await o.page.tap('[data-testid="period-prev"]');
            await eventually('July', 10_000, async () => (await o.page.textContent('[data-testid="period-title"]')) === 'July 2026');
          }
          await o.page.waitForTimeout(600);
          expect(await contrastProblems(o.page)).toEqual([]);
          expect(await smallTargets(o.page)).toEqual([]);
          expect(await horizontalOverflow(o.page)).toEqual([]);
          await shot(o.page, `history-${range}-${sizeName(size)}`);
          expect(o.errors).toEqual([]);
        } finally {
          await o.context.close();
        }
      });
    }
  }

  it('raised no uncaught errors in the page', () => {
    expect(opened.errors).toEqual([]);
  });
});
