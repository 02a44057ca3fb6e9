/**
 * Signals & tariff and Settings on the real hub, with the embedded MQTT
 * broker accepting one utility: a valid import limit and a malformed message
 * arrive over MQTT and show with their state (accepted / rejected and why),
 * the limit shows as a banner and in the limits; the tariff with its prices
 * and this month's bill. Settings: every language, the light theme, night
 * dimming (the simulated clock crosses 22:00 during the test), installer
 * and pairing entries, about.
 */
import { readFileSync } from 'node:fs';
import { connectAsync } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SignalsView } from '../../main/common/signals.js';
import type { SiteSnapshot } from '../../main/common/snapshot.js';
import { launchChromium } from './browser.js';
import { contrastProblems, eventually, getJson, horizontalOverflow, openPage, shot, simHomeConfig, sizeName, sizes, smallTargets, speed } from './helpers.js';
import type { OpenedPage } from './helpers.js';
import { startHub } from './hub-process.js';
import type { RunningHub } from './hub-process.js';

/** Late evening: the clock passes 22:00 (night dimming) about 20 real seconds in. */
const simStart = '2026-08-15T21:56:30+02:00';
const languages = ['en', 'nl', 'de', 'fr', 'nb', 'sv', 'hu'] as const;

let hub: RunningHub | undefined;
let browser: Browser | undefined;
let client: MqttClient | undefined;
let opened: OpenedPage;
let page: Page;

function runningHub(): RunningHub {
  if (hub === undefined) throw new Error('hub not started');
  return hub;
}

async function siteNow(): Promise<number> {
  return (await getJson<SiteSnapshot>(runningHub(), 'api/state')).body.ts;
}

function translation(language: string): { nav: { home: string; settings: string } } {
  return JSON.parse(readFileSync(new URL(`../../renderer/src/i18n/locales/${language}/translation.json`, import.meta.url), 'utf8')) as { nav: { home: string; settings: string } };
}

describe('signals, tariff and settings on the real hub', () => {
  beforeAll(async () => {
    hub = await startHub({
      speed,
      simStart,
      config: simHomeConfig({
        signals: { siteId: 'e2e', mqtt: { enabled: true, telemetryIntervalS: 60 }, broker: { port: 0 }, accept: { issuers: [{ id: 'dso', kinds: ['import-limit', 'export-limit', 'price-curve', 'heartbeat', 'revoke'] }] } },
      }),
    });
    browser = await launchChromium();
    let url: string | undefined;
    await eventually('the embedded broker', 10_000, async () => {
      const view = (await getJson<SignalsView>(runningHub(), 'api/signals')).body;
      url = /mqtt:\/\/[\d.]+:\d+/.exec(view.channels.find((c) => c.channel === 'mqtt')?.detail ?? '')?.[0];
      return url !== undefined;
    });
    client = await connectAsync(url ?? '', { protocolVersion: 4 });
    opened = await openPage(browser, runningHub(), { size: sizes[0], screen: 'signals' });
    page = opened.page;
  });

  afterAll(async () => {
    await client?.endAsync();
    await browser?.close();
    await hub?.stop();
  });

  it('lists an accepted limit and a rejected message with its reason, and shows the limit in force', async () => {
    const now = await siteNow();
    const hour = Math.floor(now / 3_600_000) * 3_600_000;
    const limit = { v: 1, type: 'import-limit', id: 'e2e-limit-1', issuer: 'dso', createdAt: new Date(now - 1000).toISOString(), validFrom: new Date(hour).toISOString(), validUntil: new Date(hour + 2 * 3_600_000).toISOString(), body: { limitW: 5000 } };
    await client!.publishAsync('scale/e2e/signals/import-limit', JSON.stringify(limit), { qos: 1 });
    await client!.publishAsync('scale/e2e/signals/import-limit', '{"v":1,"id":', { qos: 1 });
    await eventually('both messages in the signal log', 10_000, async () => (await getJson<SignalsView>(runningHub(), 'api/signals')).body.signals.length >= 2);

    await page.waitForSelector('[data-testid="signal"][data-state="rejected"]', { timeout: 15_000 });
    await page.waitForSelector('[data-testid="signal"][data-state="accepted"]', { timeout: 15_000 });
    const rejected = await page.textContent('[data-testid="signal"][data-state="rejected"]');
    expect(rejected).toContain('Rejected');
    // The hub's reason, as it logged it.
    expect(rejected).toContain('not JSON');
    expect(await page.textContent('[data-testid="signal"][data-state="accepted"]')).toContain('Import limit');
    await page.waitForSelector('[data-testid="limit-banner"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="limit-banner"]')).toContain('limits what the home may draw to 5.0 kW until');
    expect(await page.textContent('[data-testid="limit-import"]')).toBe('5.0 kW');
  });

  it('shows the tariff, its prices and the month so far', async () => {
    expect(await page.textContent('[data-testid="tariff-name"]')).toMatch(/\S/);
    expect(await page.textContent('[data-testid="tariff-import"]')).toMatch(/^€\d\.\d{3}$/);
    expect(await page.locator('[data-testid="tariff-panel"] [data-testid="price-strip"] > span').count()).toBeGreaterThan(24);
  });

  for (const size of sizes) {
    it(`meets the quality bar at ${sizeName(size)} (signals)`, async () => {
      const o = await openPage(browser!, runningHub(), { size, screen: 'signals' });
      try {
        await o.page.waitForSelector('[data-testid="signal"]', { timeout: 15_000 });
        expect(await contrastProblems(o.page)).toEqual([]);
        expect(await smallTargets(o.page)).toEqual([]);
        expect(await horizontalOverflow(o.page)).toEqual([]);
        await shot(o.page, `signals-${sizeName(size)}`);
        await o.page.locator('main').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
        await o.page.waitForTimeout(300);
        await shot(o.page, `signals-${sizeName(size)}-scrolled`);
      } finally {
        await o.context.close();
      }
    });
  }

  it('switches between all seven languages', async () => {
    await page.tap('[data-testid="nav-settings"]');
    await page.waitForSelector('[data-testid="about"]');
    for (const language of [...languages.slice(1), 'en'] as const) {
      await page.tap(`[data-testid="language-${language}"]`);
      const expected = translation(language).nav;
      await eventually(`the tab bar in ${language}`, 5_000, async () => (await page.textContent('[data-testid="nav-home"]'))?.trim() === expected.home);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.textContent('[data-testid="nav-settings"]')).toBe(expected.settings);
      // No raw keys anywhere on the screen.
      expect(await page.textContent('main')).not.toMatch(/\b(settings|nav|units|car|history)\.[a-z]+[A-Za-z.]*\b/);
      if (language === 'de' || language === 'hu') {
        for (const size of sizes) {
          await page.setViewportSize(size);
          await page.waitForTimeout(300);
          expect(await horizontalOverflow(page)).toEqual([]);
          await shot(page, `settings-${language}-${sizeName(size)}`);
        }
        await page.tap('[data-testid="nav-home"]');
        await page.waitForSelector('[data-testid="flow"]');
        await shot(page, `home-${language}-${sizeName(sizes[1])}`);
        await page.setViewportSize(sizes[0]);
        await page.tap('[data-testid="nav-settings"]');
        await page.waitForSelector('[data-testid="about"]');
      }
    }
  });

  it('switches to the light theme and back', async () => {
    await page.tap('[data-testid="theme-light"]');
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    expect(await contrastProblems(page)).toEqual([]);
    await shot(page, 'settings-1280x800-light');
    await page.tap('[data-testid="theme-dark"]');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await contrastProblems(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await shot(page, 'settings-1280x800');
    await page.setViewportSize(sizes[1]);
    await page.waitForTimeout(300);
    await shot(page, 'settings-800x480');
    await page.setViewportSize(sizes[0]);
  });

  it('gives installer mode and pairing a place', async () => {
    await page.tap('[data-testid="open-installer"]');
    await page.waitForURL(/#\/settings\/installer$/);
    await page.waitForSelector('[data-testid="settings-back"]');
    // The installer's own screen loads on demand (or the placeholder shows while it is not built in).
    await page.waitForFunction(() => !(document.querySelector('main')?.textContent ?? '').includes('Loading'), undefined, { timeout: 10_000 });
    await page.waitForTimeout(300);
    await shot(page, 'settings-installer-1280x800');
    await page.tap('[data-testid="settings-back"]');
    await page.waitForSelector('[data-testid="about"]');
    expect(await page.textContent('[data-testid="about-version"]')).toMatch(/^SCALE Hub \d+\.\d+\.\d+/);
  });

  it('dims the screen at night; the first tap only wakes it', async () => {
    await page.tap('[data-testid="night-dim-switch"]');
    expect(await page.getAttribute('[data-testid="night-dim-switch"]', 'aria-checked')).toBe('true');
    await page.waitForSelector('[data-testid="night-dim"]', { timeout: 40_000 });
    await shot(page, 'night-dim-1280x800');
    // The tap lands on the veil, not on the Dark/Light buttons under it.
    const themeBefore = await page.getAttribute('html', 'data-theme');
    await page.tap('[data-testid="theme-light"]', { force: true });
    await page.waitForSelector('[data-testid="night-dim"]', { state: 'detached', timeout: 2_000 });
    expect(await page.getAttribute('html', 'data-theme')).toBe(themeBefore);
  });

  it('raised no uncaught errors in the page', () => {
    expect(opened.errors).toEqual([]);
  });
});
