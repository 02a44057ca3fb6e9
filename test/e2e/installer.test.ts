/**
 * Installer mode on the real hub and the simulated home, as an installer on
 * the wall screen would use it: set the PIN on the keypad, scan 127.0.0.1,
 * probe the simulators, pass the sign check by starting the car, set the
 * site, save, and download the commissioning report as a PDF whose text
 * holds the site's values. Then a wrong PIN, repeated, locks the keypad.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SiteSnapshot } from '../../main/common/snapshot.js';
import { launchChromium } from './browser.js';
import { contrastProblems, eventually, getJson, horizontalOverflow, openPage, postJson, shot, shotDir, simHomeConfig, simStart, sizes, smallTargets, speed } from './helpers.js';
import type { OpenedPage } from './helpers.js';
import { startHub } from './hub-process.js';
import type { RunningHub } from './hub-process.js';

const pin = '482913';
let hub: RunningHub | undefined;
let browser: Browser | undefined;
let opened: OpenedPage | undefined;

function page(): Page {
  if (opened === undefined) throw new Error('page not open');
  return opened.page;
}

function runningHub(): RunningHub {
  if (hub === undefined) throw new Error('hub not started');
  return hub;
}

async function typePin(digits: string): Promise<void> {
  for (const d of digits) await page().tap(`[data-testid="pin-keypad-${d}"]`);
  await page().tap('[data-testid="pin-keypad-ok"]');
}

async function next(): Promise<void> {
  await page().tap('[data-testid="step-next"]');
}

async function atStep(step: string, timeoutMs = 10_000): Promise<void> {
  await page().waitForSelector(`[data-testid="wizard"][data-step="${step}"]`, { timeout: timeoutMs });
}

/** Both wall-screen sizes, with the quality checks every screen must pass. */
async function shotsAndChecks(name: string): Promise<void> {
  const p = page();
  for (const size of sizes) {
    await p.setViewportSize(size);
    await p.waitForTimeout(300);
    await shot(p, `installer-${name}-${size.width}x${size.height}`);
    expect(await horizontalOverflow(p), `${name} at ${size.width}x${size.height}: sideways overflow`).toEqual([]);
    expect(await smallTargets(p), `${name} at ${size.width}x${size.height}: small touch targets`).toEqual([]);
  }
  expect(await contrastProblems(p), `${name}: contrast`).toEqual([]);
  await p.setViewportSize(sizes[0]);
}

/** Text drawn by the PDF's content streams (Tj operands, octal escapes decoded, WinAnsi as Latin-1). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    const body = Buffer.from(m[1] ?? '', 'latin1');
    const text = inflateSync(body).toString('latin1');
    for (const s of text.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)) {
      out.push((s[1] ?? '').replace(/\\([0-7]{3}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e, 8)) : e)));
    }
  }
  return out.join('\n');
}

/** Header, objects where the cross-reference table says, trailer and EOF. */
function checkPdfStructure(pdf: Buffer): void {
  const raw = pdf.toString('latin1');
  expect(raw.startsWith('%PDF-1.')).toBe(true);
  expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(raw)?.[1]);
  expect(raw.slice(startxref, startxref + 4)).toBe('xref');
  const [, first, count] = /xref\n(\d+) (\d+)\n/.exec(raw.slice(startxref)) ?? [];
  expect(first).toBe('0');
  const entries = raw.slice(startxref).split('\n').slice(2, 2 + Number(count));
  entries.slice(1).forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    expect(raw.slice(offset, offset + `${i + 1} 0 obj`.length), `object ${i + 1} at ${offset}`).toBe(`${i + 1} 0 obj`);
  });
  expect(raw).toMatch(/trailer\n<< \/Size \d+ \/Root 1 0 R/);
}

describe('installer mode and the commissioning wizard on the real hub', () => {
  beforeAll(async () => {
    hub = await startHub({ speed, simStart, config: simHomeConfig() });
    browser = await launchChromium();
    opened = await openPage(browser, hub, { size: sizes[0], screen: 'settings/installer' });
    opened.page.on('requestfailed', (r) => console.log('request failed', r.method(), r.url(), r.failure()?.errorText));
    opened.page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('sets the first installer PIN on the on-screen keypad', async () => {
    await page().waitForSelector('[data-testid="pin-setup"]');
    await shotsAndChecks('pin-setup');
    await typePin(pin);
    await typePin(pin);
    await page().waitForSelector('[data-testid="wizard-start"]', { timeout: 10_000 });
    // The hub stores only a scrypt hash.
    const status = await getJson<{ installer: { pinSet: boolean } }>(runningHub(), '/api/auth/status');
    expect(status.body.installer.pinSet).toBe(true);
  });

  it('chooses the devices and scans 127.0.0.1 with a progress bar, finding every simulator', async () => {
    await page().tap('[data-testid="wizard-new"]');
    await atStep('devices');
    // A new flow on the simulated home starts from its devices.
    expect(await page().getAttribute('[data-testid="type-grid-p1-tcp"]', 'aria-pressed')).toBe('true');
    await shotsAndChecks('devices');
    await next();
    await atStep('scan');
    expect(await page().getAttribute('[data-testid="scan-target-127.0.0.1"]', 'aria-pressed')).toBe('true');
    await page().tap('[data-testid="scan-start"]');
    await page().waitForSelector('[data-testid="scan-progress"]');
    await page().waitForSelector('[data-testid="scan-progress"][data-state="done"]', { timeout: 30_000 });
    const kinds = await page().$$eval('[data-testid="scan-hits"] > li', (els) => els.map((e) => e.getAttribute('data-testid')));
    expect(kinds.filter((k) => k === 'hit-sunspec')).toHaveLength(2); // inverter (unit 1) and battery (unit 2)
    expect(kinds).toContain('hit-p1');
    expect(kinds).toContain('hit-quasar');
    expect(await page().textContent('[data-testid="scan-hits"]')).toContain('Sim PV Inverter');
    // Taking the inverter from the scan fills its address.
    const useInverter = await page().$('[data-testid^="use-pv-"]');
    expect(useInverter).not.toBeNull();
    await useInverter?.tap();
    await shotsAndChecks('scan');
    await next();
    await atStep('connection');
  });

  it('probes each device and shows its identity and live readings', async () => {
    await shotsAndChecks('connection');
    await next();
    await atStep('probe');
    for (const role of ['grid', 'pv', 'battery', 'charger']) {
      await page().waitForSelector(`[data-testid="probe-${role}"][data-state="ok"]`, { timeout: 20_000 });
    }
    expect(await page().textContent('[data-testid="probe-pv-identity"]')).toContain('Sim PV Inverter');
    expect(await page().textContent('[data-testid="probe-grid-identity"]')).toContain('SCALE-HUB-P1');
    expect(await page().textContent('[data-testid="probe-battery-readings"]')).toMatch(/\d+ %/);
    // Live: the readings move while the step is shown.
    const before = await page().textContent('[data-testid="probe-grid-readings"]');
    await eventually('grid readings to change', 10_000, async () => (await page().textContent('[data-testid="probe-grid-readings"]')) !== before);
    await shotsAndChecks('probe');
    await next();
    await atStep('sign_check');
  });

  it('passes the sign check when a load (the car) is switched on', async () => {
    const hubNow = runningHub();
    expect(await postJson(hubNow, '/api/car/mode', { mode: 'off' })).toBe(200);
    await eventually('the wallbox to be idle', 20_000, async () => Math.abs((await getJson<SiteSnapshot>(hubNow, '/api/state')).body.wallbox.powerW ?? 0) < 100);
    await page().tap('[data-testid="sign-start"]');
    await page().waitForSelector('[data-testid="sign-check"][data-state="waiting"]', { timeout: 15_000 });
    // The installer's 2 kW load: the car starts charging at full power.
    expect(await postJson(hubNow, '/api/car/mode', { mode: 'fast' })).toBe(200);
    await page().waitForSelector('[data-testid="sign-check"][data-state="passed"]', { timeout: 45_000 });
    expect(await page().textContent('[data-testid="sign-delta"]')).toMatch(/^\+/);
    await shotsAndChecks('sign-check');
    await next();
    await atStep('site');
    await postJson(hubNow, '/api/car/mode', { mode: 'off' });
  });

  it('refuses a bad value with the key named, then takes the site, battery, car and tariff', async () => {
    // 35 A main fuse, export limited to 2 kW.
    await page().tap('[data-testid="site-fuse-35"]');
    await page().tap('[data-testid="site-export-switch"]');
    await page().tap('[data-testid="site-export-plus1000"]');
    await page().tap('[data-testid="site-export-plus1000"]');
    expect(await page().textContent('[data-testid="site-export"]')).toBe('2 kW');
    await shotsAndChecks('site');
    await next();
    await atStep('battery_car');
    // Target below the minimum: refused with a clear error, the step stays.
    for (let i = 0; i < 12; i++) await page().tap('[data-testid="car-target-minus5"]');
    await next();
    await page().waitForSelector('[data-testid="error-car.targetSocPct"]');
    expect(await page().textContent('[data-testid="error-car.targetSocPct"]')).toContain('car.targetSocPct');
    for (let i = 0; i < 14; i++) await page().tap('[data-testid="car-target-plus5"]');
    await page().tap('[data-testid="car-v2h"]');
    await shotsAndChecks('battery-car');
    await next();
    await atStep('tariff');
    await page().tap('[data-testid="tariff-nl-dynamic"]');
    await shotsAndChecks('tariff');
    await next();
    await atStep('summary');
    await shotsAndChecks('summary');
  });

  it('saves the config atomically and offers the report as a printable page and a PDF', async () => {
    await next();
    await atStep('done', 15_000);
    await page().waitForSelector('[data-testid="report-preview"]');
    const file = path.join(runningHub().dataDir, 'config.json');
    const saved = JSON.parse(await readFile(file, 'utf8')) as { site: { fuseA: number; exportLimitW: number }; car: { v2h: boolean }; tariff: { preset: string } };
    expect(saved.site.fuseA).toBe(35);
    expect(saved.site.exportLimitW).toBe(2000);
    expect(saved.car.v2h).toBe(true);
    expect(saved.tariff.preset).toBe('nl-dynamic');
    const preview = await page().frameLocator('[data-testid="report-preview"]').locator('body').textContent();
    expect(preview).toContain('Commissioning report');
    expect(preview).toContain('35 A');
    await shotsAndChecks('done');

    const [download] = await Promise.all([page().waitForEvent('download'), page().tap('[data-testid="report-pdf"]')]);
    expect(download.suggestedFilename()).toMatch(/^scale-hub-commissioning-1\.pdf$/);
    const pdf = await readFile((await download.path()) ?? '');
    await writeFile(path.join(shotDir, 'commissioning-report.pdf'), pdf);
    checkPdfStructure(pdf);
    const text = pdfText(pdf);
    // Values that fit on one line of their cell (longer ones wrap across Tj lines).
    for (const expected of ['Commissioning report', '35 A', '2,000 W', '24.2 kW', 'SIM-INV-0001', 'SIM-BAT-0001', 'p1-tcp', 'nl-dynamic', 'passed', 'Car may power the home (V2H)']) {
      expect(text, `PDF text should contain "${expected}"`).toContain(expected);
    }
  });

  it('locks the keypad after repeated wrong PINs', async () => {
    await page().tap('[data-testid="installer-logout"]');
    await page().waitForSelector('[data-testid="pin-login"]');
    for (let i = 0; i < 3; i++) {
      await typePin('111111');
      await page()
        .waitForSelector(`[data-testid="pin-attempts"]:has-text(": ${2 - i}")`, { timeout: 5_000 })
        .catch(async (err: unknown) => {
          await shot(page(), 'installer-pin-failure');
          throw err;
        });
    }
    // Three wrong PINs are free; the fourth locks the keypad.
    await typePin('111111');
    await page().waitForSelector('[data-testid="pin-locked"]', { timeout: 5_000 });
    expect(await page().textContent('[data-testid="pin-locked"]')).toMatch(/Try again in \d+ s/);
    expect(await page().isDisabled('[data-testid="pin-keypad-ok"]')).toBe(true);
    await shotsAndChecks('pin-locked');
    // While locked even the right PIN is refused, without being checked.
    const response = await fetch(new URL('api/installer/login', runningHub().url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin }) });
    expect(response.status).toBe(429);
    // And installer routes refuse a caller without a session.
    const catalog = await fetch(new URL('api/installer/catalog', runningHub().url));
    expect(catalog.status).toBe(403);
  });

  it('raised no uncaught errors in the page', () => {
    expect(opened?.errors).toEqual([]);
  });
});
