/**
 * The car screen on the real hub: departure time, target and minimum set by
 * touch (no keyboard), V2H/V2G switches, mode; each change checked in the
 * hub's own state. The planned session comes from the hub's optimiser; the
 * state before the first plan is staged in the browser (a 503 from /api/plan).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SiteSnapshot } from '../../main/common/snapshot.js';
import { launchChromium } from './browser.js';
import { contrastProblems, eventually, getJson, horizontalOverflow, openPage, serveNoPlan, shot, simHomeConfig, simStart, sizeName, sizes, smallTargets, speed, waitForHubPlan } from './helpers.js';
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

async function car(): Promise<SiteSnapshot['car']> {
  return (await getJson<SiteSnapshot>(runningHub(), 'api/state')).body.car;
}

describe('car screen on the real hub', () => {
  beforeAll(async () => {
    hub = await startHub({ speed, simStart, config: simHomeConfig() });
    browser = await launchChromium();
    opened = await openPage(browser, hub, { size: sizes[0], screen: 'car' });
    page = opened.page;
    await page.waitForSelector('[data-testid="ready-by"]');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('shows the car’s state of charge and whether it is plugged in', async () => {
    // The simulated Quasar reports the SoC once a session runs: the hub learns it within seconds.
    await eventually('the hub to know the car\'s SoC', 20_000, async () => (await car()).socPct !== null);
    await eventually('the screen to show the hub\'s SoC', 5_000, async () => {
      const c = await car();
      return (await page.textContent('[data-testid="car-screen-soc"]')) === `${Math.round(c.socPct ?? -1)} %`;
    });
    expect(await page.textContent('[data-testid="car-state"]')).not.toContain('Not plugged');
  });

  it('sets the departure time with the big buttons', async () => {
    expect(await page.textContent('[data-testid="ready-by"]')).toBe('07:30');
    await page.tap('[data-testid="ready-by-plus15"]');
    await page.tap('[data-testid="ready-by-plus15"]');
    await page.tap('[data-testid="ready-by-minus60"]');
    expect(await page.textContent('[data-testid="ready-by"]')).toBe('07:00');
    await eventually('the hub to have 07:00 as the departure', 5_000, async () => (await car()).readyBy === '07:00');
    // The taps were sent together once the user stopped tapping.
    await page.waitForTimeout(500);
    expect(await page.textContent('[data-testid="ready-by"]')).toBe('07:00');
  });

  it('turns the departure time off and on again', async () => {
    await page.tap('[data-testid="ready-by-enabled"]');
    await eventually('no departure in the hub', 5_000, async () => (await car()).readyBy === null);
    expect(await page.locator('[data-testid="ready-by"]').count()).toBe(0);
    await page.tap('[data-testid="ready-by-enabled"]');
    // It comes back with the time it had.
    await eventually('a departure again', 5_000, async () => (await car()).readyBy === '07:00');
  });

  it('sets the target and the minimum by touch, never the target below the minimum', async () => {
    await page.tap('[data-testid="target-soc-plus5"]');
    await eventually('target 85 % in the hub', 5_000, async () => (await car()).targetSocPct === 85);
    expect(await page.textContent('[data-testid="target-soc"]')).toBe('85 %');
    // The slider drags in 5 % steps.
    await page.locator('[data-testid="target-soc-slider"]').fill('60');
    await eventually('target 60 % in the hub', 5_000, async () => (await car()).targetSocPct === 60);
    await page.tap('[data-testid="min-soc-plus5"]');
    await eventually('minimum 35 % in the hub', 5_000, async () => (await car()).minSocPct === 35);
    await page.locator('[data-testid="min-soc-slider"]').fill('100');
    // Clamped to the target: the minimum can be at most 60 %.
    await eventually('minimum 60 % in the hub', 5_000, async () => (await car()).minSocPct === 60);
    expect(await page.isDisabled('[data-testid="target-soc-minus5"]')).toBe(true);
    expect(await page.isDisabled('[data-testid="min-soc-plus5"]')).toBe(true);
    await page.locator('[data-testid="min-soc-slider"]').fill('30');
    await page.locator('[data-testid="target-soc-slider"]').fill('80');
    await eventually('back to 30 % / 80 %', 5_000, async () => {
      const c = await car();
      return c.minSocPct === 30 && c.targetSocPct === 80;
    });
  });

  it('switches V2H on with its explanation, leaving V2G off', async () => {
    expect(await page.getAttribute('[data-testid="v2h"]', 'aria-checked')).toBe('false');
    expect(await page.textContent('#v2h-explain')).toContain('never goes to the grid');
    await page.tap('[data-testid="v2h"]');
    await eventually('V2H allowed in the hub', 5_000, async () => (await car()).v2h);
    expect(await page.getAttribute('[data-testid="v2h"]', 'aria-checked')).toBe('true');
    expect((await car()).v2g).toBe(false);
  });

  it('changes the charging mode', async () => {
    await page.tap('[data-testid="car-mode-solar"]');
    await eventually('solar mode in the hub', 5_000, async () => (await car()).mode === 'solar');
    await eventually('Solar highlighted', 5_000, async () => (await page.getAttribute('[data-testid="car-mode-solar"]', 'aria-pressed')) === 'true');
    await page.tap('[data-testid="car-mode-smart"]');
    await eventually('smart mode in the hub', 5_000, async () => (await car()).mode === 'smart');
  });

  it('says so before the first plan, then shows the planned session and its expected cost', async () => {
    const o = await openPage(browser!, runningHub(), { size: sizes[0], screen: 'car' });
    try {
      await serveNoPlan(o.page);
      await o.page.reload();
      await o.page.waitForSelector('[data-testid="session-empty"]', { timeout: 10_000 });
      await shot(o.page, 'car-noplan-1280x800');
    } finally {
      await o.context.close();
    }
    await waitForHubPlan(runningHub());
    await page.waitForSelector('[data-testid="session"]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid="session-charge"]')).toMatch(/^\d+\.\d kWh$/);
    expect(await page.textContent('[data-testid="session-cost"]')).toMatch(/^€\d+\.\d\d$/);
  });

  for (const size of sizes) {
    it(`meets the quality bar at ${sizeName(size)}`, async () => {
      const o = await openPage(browser!, runningHub(), { size, screen: 'car' });
      try {
        await o.page.waitForSelector('[data-testid="session"]', { timeout: 20_000 });
        expect(await contrastProblems(o.page)).toEqual([]);
        expect(await smallTargets(o.page)).toEqual([]);
        expect(await horizontalOverflow(o.page)).toEqual([]);
        await shot(o.page, `car-${sizeName(size)}`);
        await o.page.locator('main').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
        await o.page.waitForTimeout(300);
        await shot(o.page, `car-${sizeName(size)}-scrolled`);
        expect(o.errors).toEqual([]);
      } finally {
        await o.context.close();
      }
    });
  }

  it('raised no uncaught errors in the page', () => {
    expect(opened.errors).toEqual([]);
  });
});
