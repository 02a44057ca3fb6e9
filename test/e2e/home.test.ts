/**
 * The home screen against the real hub on the simulated home with a real
 * day-ahead tariff, at the wall screen's 1280 x 800 and the 7-inch 800 x 480:
 * live values move, price and today's figures show, the car mode buttons
 * drive the real (simulated) wallbox, the quality bar holds (contrast, touch
 * targets, no overflow or layout shift, 200 % text), and a lost hub greys
 * the screen out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SiteSnapshot } from '../../main/common/snapshot.js';
import { launchChromium } from './browser.js';
import { contrastProblems, eventually, getJson, horizontalOverflow, layoutShift, openPage, postJson, shot, simHomeConfig, simStart, sizeName, sizes, smallTargets, speed } from './helpers.js';
import type { OpenedPage } from './helpers.js';
import { startHub } from './hub-process.js';
import type { RunningHub } from './hub-process.js';

const flowIds = ['pv', 'grid', 'battery', 'home', 'car'] as const;

let hub: RunningHub | undefined;
let browser: Browser | undefined;
let opened: OpenedPage;
let page: Page;

function runningHub(): RunningHub {
  if (hub === undefined) throw new Error('hub not started');
  return hub;
}

async function hubState(): Promise<SiteSnapshot> {
  const { status, body } = await getJson<SiteSnapshot>(runningHub(), 'api/state');
  expect(status).toBe(200);
  return body;
}

/** What the flow diagram shows right now: its five values and their state lines. */
async function flowTexts(): Promise<string[]> {
  return page.evaluate((ids) => ids.flatMap((id) => [document.querySelector(`[data-testid="flow-value-${id}"]`)?.textContent ?? '', document.querySelector(`[data-testid="flow-detail-${id}"]`)?.textContent ?? '']), [...flowIds]);
}

/** The car's power as the diagram shows it (kW), NaN when it shows none. */
async function shownCarKw(): Promise<number> {
  return Number.parseFloat((await page.textContent('[data-testid="flow-value-car"]')) ?? '');
}

describe('home screen on the real hub', () => {
  beforeAll(async () => {
    hub = await startHub({ speed, simStart, config: simHomeConfig() });
    browser = await launchChromium();
    opened = await openPage(browser, hub, { size: sizes[0] });
    page = opened.page;
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('shows live values in the flow diagram that change over a few seconds', async () => {
    const first = await flowTexts();
    for (const id of ['pv', 'grid', 'home'] as const) {
      expect(await page.textContent(`[data-testid="flow-value-${id}"]`), id).toMatch(/^\d+\.\d$/);
    }
    await eventually('a flow value to change', 8_000, async () => (await flowTexts()).join('|') !== first.join('|'));
  });

  it('shows the price now, whether it is cheap or dear today, and today’s figures', async () => {
    await page.waitForSelector('[data-testid="price-now"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="price-now"]')).toMatch(/^€\d\.\d{3}$/);
    expect(['cheap', 'normal', 'expensive', 'flat']).toContain(await page.getAttribute('[data-testid="price-level"]', 'data-level'));
    expect(await page.locator('[data-testid="price-strip"] > span').count()).toBeGreaterThan(24);
    // Today's statistics arrive once the first minutes are recorded.
    await eventually('self-sufficiency today', 15_000, async () => /^\d+ %$/.test((await page.textContent('[data-testid="today-self"]')) ?? ''));
    expect(await page.textContent('[data-testid="today-solar"]')).toMatch(/^\d+\.\d kWh$/);
    expect(await page.textContent('[data-testid="today-savings"]')).toMatch(/€/);
  });

  it('charges the car when "Fast" is tapped and stops when "Off" is tapped', async () => {
    expect(await postJson(runningHub(), 'api/car/mode', { mode: 'off' })).toBe(200);
    await eventually('the wallbox to be idle before the test', 15_000, async () => Math.abs((await hubState()).wallbox.powerW ?? 0) < 100);
    expect((await hubState()).car.pluggedIn, 'the simulated car should be plugged in').toBe(true);
    const fastW = 2_000;

    await page.tap('[data-testid="car-mode-fast"]');
    await eventually('the Fast button to be highlighted', 5_000, async () => (await page.getAttribute('[data-testid="car-mode-fast"]', 'aria-pressed')) === 'true');
    // The charger needs ~22 site-seconds to start: ~2.2 s real at speed 10.
    await eventually(`the hub to report wallbox power above ${fastW} W`, 10_000, async () => ((await hubState()).wallbox.powerW ?? 0) > fastW);
    await eventually(`the screen to show the car above ${fastW / 1000} kW`, 5_000, async () => (await shownCarKw()) * 1000 > fastW);
    expect(await page.textContent('[data-testid="flow-detail-car"]')).toContain('Charging');
    expect((await hubState()).car.mode).toBe('fast');

    await page.tap('[data-testid="car-mode-off"]');
    await eventually('the Off button to be highlighted', 5_000, async () => (await page.getAttribute('[data-testid="car-mode-off"]', 'aria-pressed')) === 'true');
    await eventually('the hub to report the wallbox below 100 W', 10_000, async () => Math.abs((await hubState()).wallbox.powerW ?? 0) < 100);
    await eventually('the screen to show the car at 0.0 kW', 5_000, async () => (await shownCarKw()) === 0);
  });

  it("opens a device's details on tap and shows a toast when the hub refuses a mode", async () => {
    const device = (await hubState()).devices[0];
    expect(device, 'the simulated home has devices').toBeDefined();
    if (device === undefined) return;
    await page.tap(`[data-testid="device-${device.id}"]`);
    const detail = await page.waitForSelector('[data-testid="device-detail"]', { timeout: 2_000 });
    expect(await detail.textContent()).toContain(device.id);
    await page.tap(`[data-testid="device-${device.id}"]`);
    await page.waitForSelector('[data-testid="device-detail"]', { state: 'detached', timeout: 2_000 });

    // The real hub accepts every mode the buttons send, so its refusal is staged in the browser.
    await page.route('**/api/car/mode', (route) =>
      route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'bad_request', message: 'car is not plugged in' } }) }),
    );
    await page.tap('[data-testid="car-mode-solar"]');
    const toast = await page.waitForSelector('[data-testid="toast"]', { timeout: 3_000 });
    expect(await toast.textContent()).toContain('car is not plugged in');
    await page.unroute('**/api/car/mode');
    await page.tap('[data-testid="toast"]');
    expect((await hubState()).car.mode).toBe('off');
  });

  for (const size of sizes) {
    for (const theme of ['dark', 'light'] as const) {
      it(`meets the quality bar at ${sizeName(size)} in the ${theme} theme`, async () => {
        const o = await openPage(browser!, runningHub(), { size, theme });
        try {
          await o.page.waitForSelector('[data-testid="price-now"]', { timeout: 10_000 });
          await o.page.waitForTimeout(1_500);
          // Live values update every tick: nothing may move around because of it.
          let shift = await layoutShift(o.page, 4_000);
          for (let retry = 0; retry < 3 && shift.bannersChanged; retry++) shift = await layoutShift(o.page, 4_000);
          expect(shift.bannersChanged, 'a banner kept coming and going').toBe(false);
          expect(shift.total, shift.moved.join('; ')).toBeLessThan(0.01);
          expect(await contrastProblems(o.page)).toEqual([]);
          expect(await smallTargets(o.page)).toEqual([]);
          expect(await horizontalOverflow(o.page)).toEqual([]);
          await shot(o.page, `home-${sizeName(size)}${theme === 'light' ? '-light' : ''}`);
          expect(o.errors).toEqual([]);
        } finally {
          await o.context.close();
        }
      });
    }
  }

  it('stays usable with 200 % text', async () => {
    for (const size of sizes) {
      const o = await openPage(browser!, runningHub(), { size });
      try {
        await o.page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
        await o.page.waitForTimeout(800);
        expect(await horizontalOverflow(o.page)).toEqual([]);
        await shot(o.page, `home-text200-${sizeName(size)}`);
        // Every screen can still be reached from the tab bar.
        await o.page.tap('[data-testid="nav-settings"]');
        await o.page.waitForSelector('[data-testid="about"]');
        expect(await horizontalOverflow(o.page)).toEqual([]);
        await shot(o.page, `settings-text200-${sizeName(size)}`);
      } finally {
        await o.context.close();
      }
    }
  });

  it('keeps the last values greyed out with "Reconnecting…" when the hub goes away', async () => {
    await page.setViewportSize(sizes[0]);
    await runningHub().kill();
    await page.waitForSelector('[data-testid="link-status"][data-status="reconnecting"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="link-status"]')).toContain('Reconnecting');
    const lastValues = await flowTexts();
    expect(await page.textContent('[data-testid="flow-value-pv"]')).toMatch(/^\d+\.\d$/);
    await page.waitForTimeout(1_500);
    expect(await flowTexts()).toEqual(lastValues);
    const filter = await page.$eval('main.screen', (el) => getComputedStyle(el).filter);
    expect(filter).toContain('grayscale');
    // The tab bar still works and other screens show their last data rather than nothing.
    await page.tap('[data-testid="nav-car"]');
    await page.waitForSelector('[data-testid="car-screen-soc"]');
    expect(await page.textContent('[data-testid="car-screen-soc"]')).toMatch(/\d+ %/);
    await shot(page, 'car-reconnecting-1280x800');
    await page.tap('[data-testid="nav-home"]');
    await page.waitForSelector('[data-testid="flow"]');
    await shot(page, 'home-reconnecting-1280x800');
  });

  it('raised no uncaught errors in the page', () => {
    expect(opened.errors).toEqual([]);
  });
});
