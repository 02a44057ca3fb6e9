/**
 * The home screen against the real hub on the simulated home, in Chromium at
 * the wall screen's 1280 x 800: live values move, the car mode buttons drive
 * the real (simulated) wallbox, and a lost hub greys the screen out.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SiteSnapshot } from '../../main/common/snapshot.js';
import { launchChromium } from './browser.js';
import { startHub } from './hub-process.js';
import type { RunningHub } from './hub-process.js';

const speed = 10;
/** Summer noon on a Saturday: PV well above the house load, and the simulated commuter's car is at home. */
const simStart = process.env.E2E_SIM_START ?? '2025-06-21T12:00:00+02:00';
const shotDir = 'test-results/e2e';
const flowIds = ['pv', 'grid', 'battery', 'home', 'car'] as const;

let hub: RunningHub | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

function runningHub(): RunningHub {
  if (hub === undefined) throw new Error('hub not started');
  return hub;
}

async function hubState(): Promise<SiteSnapshot> {
  const response = await fetch(new URL('api/state', runningHub().url));
  expect(response.ok).toBe(true);
  return (await response.json()) as SiteSnapshot;
}

/** What the flow diagram shows right now: its five values and their state lines. */
async function flowTexts(): Promise<string[]> {
  return page.evaluate((ids) => {
    return ids.flatMap((id) => [
      document.querySelector(`[data-testid="flow-value-${id}"]`)?.textContent ?? '',
      document.querySelector(`[data-testid="flow-detail-${id}"]`)?.textContent ?? '',
    ]);
  }, [...flowIds]);
}

/** The car's power as the diagram shows it (kW), NaN when it shows none. */
async function shownCarKw(): Promise<number> {
  return Number.parseFloat((await page.textContent('[data-testid="flow-value-car"]')) ?? '');
}

/** Polls `check` until it returns true or `timeoutMs` of real time passed. */
async function eventually(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('home screen on the real hub', () => {
  beforeAll(async () => {
    await mkdir(shotDir, { recursive: true });
    hub = await startHub({ speed, simStart });
    browser = await launchChromium();
    // A touch screen: taps, not clicks.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(hub.url);
    await page.waitForSelector('[data-testid="link-status"][data-status="live"]', { timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('shows live values in the flow diagram that change over a few seconds', async () => {
    const first = await flowTexts();
    // Known numbers, not the "unknown" dash, for PV, grid and home at least.
    for (const id of ['pv', 'grid', 'home'] as const) {
      expect(await page.textContent(`[data-testid="flow-value-${id}"]`), id).toMatch(/^\d+\.\d$/);
    }
    await eventually('a flow value to change', 8_000, async () => (await flowTexts()).join('|') !== first.join('|'));
  });

  it('charges the car when "Fast" is tapped and stops when "Off" is tapped', async () => {
    // Start from a car that is not charging: at a sunny noon "Solar" may
    // already charge at the wallbox's maximum, and then Fast could not add.
    const off = await fetch(new URL('api/car/mode', runningHub().url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'off' }) });
    expect(off.status).toBe(200);
    await eventually('the wallbox to be idle before the test', 15_000, async () => Math.abs((await hubState()).wallbox.powerW ?? 0) < 100);
    const before = await hubState();
    expect(before.car.pluggedIn, 'the simulated car should be plugged in').toBe(true);
    const fastW = 2_000;

    await page.tap('[data-testid="car-mode-fast"]');
    await eventually('the Fast button to be highlighted', 5_000, async () => (await page.getAttribute('[data-testid="car-mode-fast"]', 'aria-pressed')) === 'true');
    // The charger needs ~22 site-seconds to start: ~2.2 s real at speed 10.
    await eventually(`the hub to report wallbox power above ${fastW} W`, 10_000, async () => ((await hubState()).wallbox.powerW ?? 0) > fastW);
    await eventually(`the screen to show the car above ${fastW / 1000} kW`, 5_000, async () => (await shownCarKw()) * 1000 > fastW);
    expect(await page.textContent('[data-testid="flow-detail-car"]')).toContain('Charging');
    expect((await hubState()).car.mode).toBe('fast');

    await page.screenshot({ path: `${shotDir}/home-1280x800.png` });
    await page.setViewportSize({ width: 800, height: 480 });
    await page.waitForTimeout(1_200); // let the chart redraw at the new size
    await page.screenshot({ path: `${shotDir}/home-800x480.png` });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.tap('[data-testid="car-mode-off"]');
    await eventually('the Off button to be highlighted', 5_000, async () => (await page.getAttribute('[data-testid="car-mode-off"]', 'aria-pressed')) === 'true');
    await eventually('the hub to report the wallbox below 100 W', 10_000, async () => Math.abs((await hubState()).wallbox.powerW ?? 0) < 100);
    await eventually('the screen to show the car at 0.0 kW', 5_000, async () => (await shownCarKw()) === 0);
  });

  it('opens a device\'s details on tap and shows a toast when the hub refuses a mode', async () => {
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
    expect((await hubState()).car.mode).toBe('off');
  });

  it('keeps the last values greyed out with "Reconnecting…" when the hub goes away', async () => {
    await runningHub().kill();
    await page.waitForSelector('[data-testid="link-status"][data-status="reconnecting"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="link-status"]')).toContain('Reconnecting');
    // The last numbers stay on screen, unchanged, instead of blanks.
    const lastValues = await flowTexts();
    expect(await page.textContent('[data-testid="flow-value-pv"]')).toMatch(/^\d+\.\d$/);
    await page.waitForTimeout(1_500);
    expect(await flowTexts()).toEqual(lastValues);
    const filter = await page.$eval('main.home', (el) => getComputedStyle(el).filter);
    expect(filter).toContain('grayscale');
    await page.screenshot({ path: `${shotDir}/home-reconnecting-1280x800.png` });
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
