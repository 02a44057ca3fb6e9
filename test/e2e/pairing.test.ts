/**
 * LAN access on the real hub bound to the LAN: the wall screen (loopback)
 * opens a pairing and shows a QR code and a code; a tablet on the LAN is
 * refused until it pairs (typed code, or the QR code's link), then sees
 * live data; a browser without a token stays refused; revoking a tablet
 * locks it out again.
 */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PairingOffer } from '../../main/common/auth.js';
import { launchChromium } from './browser.js';
import { contrastProblems, horizontalOverflow, openPage, shot, simHomeConfig, simStart, sizes, smallTargets, speed, timeZone } from './helpers.js';
import type { OpenedPage } from './helpers.js';
import { startHub } from './hub-process.js';
import type { RunningHub } from './hub-process.js';

let hub: RunningHub | undefined;
let browser: Browser | undefined;
let wall: OpenedPage | undefined;
const contexts: BrowserContext[] = [];

/** The machine's own LAN address: requests to it do not come from loopback, as a tablet's would not. */
function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const i of list ?? []) if (i.family === 'IPv4' && !i.internal) return i.address;
  }
  throw new Error('no non-loopback IPv4 address on this machine: the LAN pairing test needs one (a container normally has eth0)');
}

function running(): RunningHub {
  if (hub === undefined) throw new Error('hub not started');
  return hub;
}

function lanUrl(): string {
  return `http://${lanAddress()}:${running().port}/`;
}

function wallPage(): Page {
  if (wall === undefined) throw new Error('wall screen not open');
  return wall.page;
}

/** A tablet on the LAN: its own browser context (own storage), touch, 800x480 or 1280x800. */
async function tablet(size: (typeof sizes)[number] = sizes[1]): Promise<Page> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { ...size }, hasTouch: true, timezoneId: timeZone, locale: 'en-GB' });
  await context.addInitScript(() => window.localStorage.setItem('scale-hub.preferences', JSON.stringify({ language: 'en', theme: 'dark', nightDim: false })));
  contexts.push(context);
  return context.newPage();
}

/** What the hub answers this page's own fetch of /api/state (with whatever token the page holds). */
async function stateStatus(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const token = window.localStorage.getItem('scale-hub.deviceToken');
    const response = await fetch('/api/state', { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
    return response.status;
  });
}

async function checks(page: Page, name: string): Promise<void> {
  expect(await horizontalOverflow(page), `${name}: sideways overflow`).toEqual([]);
  expect(await smallTargets(page), `${name}: small touch targets`).toEqual([]);
  expect(await contrastProblems(page), `${name}: contrast`).toEqual([]);
}

describe('LAN access and pairing on the real hub', () => {
  beforeAll(async () => {
    hub = await startHub({ speed, simStart, config: simHomeConfig({ api: { host: '0.0.0.0' } }) });
    browser = await launchChromium();
    wall = await openPage(browser, hub, { size: sizes[0], screen: 'settings' });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await hub?.stop();
  });

  it('refuses a LAN browser without a token, with a clear message, over HTTP and WebSocket', async () => {
    const response = await fetch(new URL('api/state', lanUrl()));
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toContain('not paired');
    // The UI itself loads (so it can say what to do), but no data does.
    const page = await tablet();
    await page.goto(`${lanUrl()}#/settings`);
    await page.waitForSelector('[data-testid="not-paired"]', { timeout: 15_000 });
    expect(await stateStatus(page)).toBe(401);
    const wsRefused = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const ws = new WebSocket(`ws://${window.location.host}/api/ws`);
          ws.onmessage = () => resolve(false);
          ws.onerror = () => resolve(true);
          ws.onclose = () => resolve(true);
        }),
    );
    expect(wsRefused).toBe(true);
    expect(await page.getAttribute('[data-testid="link-status"]', 'data-status')).not.toBe('live');
    await page.locator('[data-testid="pairing-panel"]').scrollIntoViewIfNeeded();
    await shot(page, 'pairing-not-paired-800x480');
    await checks(page, 'not paired');
  });

  it('shows a QR code and a short code on the wall screen', async () => {
    const page = wallPage();
    await page.waitForSelector('[data-testid="pairing-panel"][data-principal="local"]');
    await page.tap('[data-testid="pairing-open"]');
    await page.waitForSelector('[data-testid="pairing-qr"]');
    expect(await page.textContent('[data-testid="pairing-code"]')).toMatch(/^\d{4} \d{4}$/);
    expect(await page.textContent('[data-testid="lan-urls"]')).toContain(lanAddress());
    await page.locator('[data-testid="pairing-panel"]').scrollIntoViewIfNeeded();
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.locator('[data-testid="pairing-offer"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await shot(page, `pairing-wall-${size.width}x${size.height}`);
      await checks(page, `wall ${size.width}x${size.height}`);
    }
    await page.setViewportSize(sizes[0]);
  });

  it('pairs a tablet with the typed code; it then sees live data', async () => {
    const code = ((await wallPage().textContent('[data-testid="pairing-code"]')) ?? '').replace(/\s/g, '');
    const page = await tablet();
    await page.goto(`${lanUrl()}#/settings`);
    await page.waitForSelector('[data-testid="pair-keypad"]', { timeout: 15_000 });
    for (const d of code) await page.tap(`[data-testid="pair-keypad-${d}"]`);
    await page.tap('[data-testid="pair-keypad-ok"]');
    // Paired: the page reloads, the live stream (token as subprotocol) flows.
    await page.waitForSelector('[data-testid="pairing-panel"][data-principal="device"]', { timeout: 15_000 });
    await page.waitForSelector('[data-testid="link-status"][data-status="live"]', { timeout: 15_000 });
    expect(await stateStatus(page)).toBe(200);
    await page.locator('[data-testid="pairing-panel"]').scrollIntoViewIfNeeded();
    await shot(page, 'pairing-tablet-paired-800x480');
    // The wall screen lists it, and the used offer is gone.
    await wallPage().waitForSelector('[data-testid="paired-devices"] li', { timeout: 10_000 });
    await wallPage().waitForSelector('[data-testid="pairing-offer"]', { state: 'detached', timeout: 10_000 });
    // The code was for one device: a second browser is refused with it.
    const other = await fetch(new URL('api/pairing/claim', lanUrl()), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(other.status).toBe(401);
  });

  it('pairs a second browser context by the QR code link, while a context without a token stays refused', async () => {
    // The QR code holds the URL with the one-time secret in its fragment.
    const offer = (await (await fetch(new URL('api/pairing/offer', running().url), { method: 'POST' })).json()) as PairingOffer;
    expect(offer.url.startsWith(lanUrl())).toBe(true);
    const paired = await tablet(sizes[0]);
    await paired.goto(offer.url);
    await paired.waitForSelector('[data-testid="link-status"][data-status="live"]', { timeout: 20_000 });
    expect(paired.url()).not.toContain('pair=');
    expect(await stateStatus(paired)).toBe(200);
    await paired.goto(`${lanUrl()}#/settings`);
    await paired.waitForSelector('[data-testid="pairing-panel"][data-principal="device"]');
    await shot(paired, 'pairing-tablet-paired-1280x800');

    const stranger = await tablet(sizes[0]);
    await stranger.goto(`${lanUrl()}#/`);
    await stranger.waitForTimeout(2_000);
    expect(await stranger.getAttribute('[data-testid="link-status"]', 'data-status')).not.toBe('live');
    expect(await stateStatus(stranger)).toBe(401);
    // A forged token is refused as well, with its own message.
    const forged = await fetch(new URL('api/state', lanUrl()), { headers: { authorization: 'Bearer shd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toContain('not valid');
  });

  it('revokes a tablet from the wall screen: its next request is refused', async () => {
    const page = wallPage();
    await page.reload();
    await page.waitForSelector('[data-testid="paired-devices"]');
    const rows = await page.$$('[data-testid="paired-devices"] li');
    expect(rows.length).toBe(2);
    const first = await rows[0]?.getAttribute('data-testid');
    const id = (first ?? '').replace(/^paired-/, '');
    await page.tap(`[data-testid="revoke-${id}"]`);
    await page.tap(`[data-testid="revoke-${id}"]`);
    await page.waitForSelector(`[data-testid="paired-${id}"]`, { state: 'detached' });
    await shot(page, 'pairing-wall-after-revoke-1280x800');
    // The first tablet (typed code) held that token.
    const revokedTablet = contexts[1]?.pages()[0];
    expect(revokedTablet).toBeDefined();
    if (revokedTablet === undefined) return;
    expect(await stateStatus(revokedTablet)).toBe(401);
    await revokedTablet.reload();
    await revokedTablet.waitForSelector('[data-testid="not-paired"]', { timeout: 15_000 });
    expect(await revokedTablet.textContent('[data-testid="not-paired"]')).toContain('revoked');
  });

  it('raised no uncaught errors on the wall screen', () => {
    expect(wall?.errors).toEqual([]);
  });
});
