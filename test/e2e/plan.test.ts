/**
 * The plan screen on the real hub: the next 48 h as price bars, forecast and
 * planned power, SoC lines; the reason for what happens now; a tap on a
 * slot shows its details. The plan is the hub's optimiser's; the state before
 * the first plan is staged in the browser (a 503 from /api/plan).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { contrastProblems, horizontalOverflow, openPage, serveNoPlan, shot, simHomeConfig, simStart, sizeName, sizes, smallTargets, speed, waitForHubPlan } from './helpers.js';
import type { OpenedPage } from './helpers.js';
import { startHub } from './hub-process.js';
import type { RunningHub } from './hub-process.js';

let hub: RunningHub | undefined;
let browser: Browser | undefined;
let opened: OpenedPage;
let page: Page;

function runningHub(): RunningHub {
  if (hub === undefined) throw new Error('hub not started');
  return hub;
}

describe('plan screen on the real hub', () => {
  beforeAll(async () => {
    hub = await startHub({ speed, simStart, config: simHomeConfig() });
    browser = await launchChromium();
    opened = await openPage(browser, hub, { size: sizes[0], screen: 'plan' });
    page = opened.page;
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('says clearly when there is no plan yet, with the controller’s reason', async () => {
    const o = await openPage(browser!, runningHub(), { size: sizes[0], screen: 'plan' });
    try {
      await serveNoPlan(o.page);
      await o.page.reload();
      await o.page.waitForSelector('[data-testid="plan-empty"]', { timeout: 10_000 });
      expect(await o.page.textContent('[data-testid="plan-empty"]')).toContain('No plan yet');
      expect((await o.page.textContent('[data-testid="plan-decision"]'))?.length).toBeGreaterThan(10);
      await shot(o.page, 'plan-empty-1280x800');
    } finally {
      await o.context.close();
    }
  });

  it('shows prices, forecasts, planned power and SoC for the next 48 hours', async () => {
    await waitForHubPlan(runningHub());
    await page.waitForSelector('[data-testid="plan-charts"]', { timeout: 20_000 });
    for (const id of ['price', 'power', 'soc']) expect(await page.locator(`[data-testid="plan-chart-${id}"]`).count()).toBe(1);
    expect((await page.textContent('[data-testid="plan-summary"]'))?.length).toBeGreaterThan(5);
    expect(await page.textContent('[data-testid="slot-title"]')).toContain('Now');
  });

  it('opens a slot’s details on a tap and steps through the slots', async () => {
    const first = await page.textContent('[data-testid="slot-title"]');
    const box = await page.locator('[data-testid="plan-chart-price"]').boundingBox();
    expect(box).not.toBeNull();
    if (box === null) return;
    // About two thirds along the 48 hours: tomorrow.
    await page.touchscreen.tap(box.x + box.width * 0.66, box.y + box.height / 2);
    await page.waitForFunction((before) => document.querySelector('[data-testid="slot-title"]')?.textContent !== before, first);
    const tapped = (await page.textContent('[data-testid="slot-title"]')) ?? '';
    expect(tapped).not.toContain('Now');
    expect((await page.textContent('[data-testid="slot-reason"]'))?.length).toBeGreaterThan(3);
    expect(await page.textContent('[data-testid="detail-price"]')).toMatch(/€\d\.\d{3} per kWh/);
    await shot(page, 'plan-slot-1280x800');

    await page.tap('[data-testid="slot-next"]');
    const next = (await page.textContent('[data-testid="slot-title"]')) ?? '';
    expect(next).not.toBe(tapped);
    // "HH:MM–HH:MM": the next slot starts where the tapped one ended.
    expect(next.match(/(\d\d:\d\d)–/)?.[1]).toBe(tapped.match(/–(\d\d:\d\d)/)?.[1]);
    await page.tap('text=Back to now');
    expect(await page.textContent('[data-testid="slot-title"]')).toContain('Now');
  });

  for (const size of sizes) {
    for (const theme of ['dark', 'light'] as const) {
      it(`meets the quality bar at ${sizeName(size)} in the ${theme} theme`, async () => {
        const o = await openPage(browser!, runningHub(), { size, theme, screen: 'plan' });
        try {
          await o.page.waitForSelector('[data-testid="plan-charts"]', { timeout: 15_000 });
          await o.page.waitForTimeout(500);
          expect(await contrastProblems(o.page)).toEqual([]);
          expect(await smallTargets(o.page)).toEqual([]);
          expect(await horizontalOverflow(o.page)).toEqual([]);
          await shot(o.page, `plan-${sizeName(size)}${theme === 'light' ? '-light' : ''}`);
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
