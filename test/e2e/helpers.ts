/**
 * Shared pieces of the browser tests: the simulated home with a real
 * day-ahead tariff, opening a page the way a wall screen would (touch,
 * site time zone), screenshots, and the quality checks every screen must
 * pass (WCAG AA contrast, no horizontal overflow, no layout shift, 48 px
 * touch targets).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningHub } from './hub-process.js';

export const shotDir = 'test-results/e2e';
export const speed = 10;
/** A summer Saturday noon inside the shared day-ahead price series (NL, 2025-10 to 2026-08). */
export const simStart = '2026-08-15T12:00:00+02:00';
export const timeZone = 'Europe/Amsterdam';

export const sizes = [
  { width: 1280, height: 800 },
  { width: 800, height: 480 },
] as const;
export type Size = (typeof sizes)[number];

const pricesFile = fileURLToPath(new URL('../../../shared/data/prices_day_ahead_15min_NL_DELU_FR_NO1_SE3_2025-2026.csv', import.meta.url));

/**
 * The simulated home with the NL dynamic tariff on real day-ahead prices
 * (../shared/data); where that file is absent, a fixed-price custom tariff so
 * prices and costs are still known.
 */
export function simHomeConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const tariff = existsSync(pricesFile)
    ? { preset: 'nl-dynamic', dayAhead: { files: [pricesFile], area: 'NL' } }
    : { preset: 'custom', params: { importPerKWh: 0.3, exportPerKWh: 0.08, timeOfUse: [{ window: '17:00-21:00', importPerKWh: 0.42 }] } };
  return { version: 1, simulation: { enabled: true }, tariff, ...extra };
}

/** Polls `check` until it returns true or `timeoutMs` of real time passed. */
export async function eventually(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the hub's optimiser has published a plan (GET /api/plan answers 200). */
export async function waitForHubPlan(hub: RunningHub): Promise<void> {
  await eventually('the hub\'s first plan', 30_000, async () => (await fetch(new URL('api/plan', hub.url))).status === 200);
}

/** Makes this page see the hub as it is before its first plan (GET /api/plan answers 503). */
export async function serveNoPlan(page: Page): Promise<void> {
  const body = JSON.stringify({ error: { code: 'not_available', message: 'no plan yet: the optimiser is starting', retryable: true } });
  await page.route('**/api/plan', (route) => route.fulfill({ status: 503, contentType: 'application/json', body }));
}

export async function getJson<T>(hub: RunningHub, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path.replace(/^\//, ''), hub.url));
  return { status: response.status, body: (await response.json()) as T };
}

export async function postJson(hub: RunningHub, path: string, body: unknown): Promise<number> {
  const response = await fetch(new URL(path.replace(/^\//, ''), hub.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.status;
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors in the page. */
  readonly errors: string[];
}

/** A touch screen in the site's time zone, with this screen's preferences (language, theme, dimming) preset. */
export async function openPage(
  browser: Browser,
  hub: RunningHub,
  options: { readonly size: Size; readonly screen?: string; readonly theme?: 'dark' | 'light'; readonly language?: string | null; readonly nightDim?: boolean },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { ...options.size }, hasTouch: true, timezoneId: timeZone, locale: 'en-GB' });
  await context.addInitScript(
    (prefs) => {
      if (window.localStorage.getItem('scale-hub.preferences') === null) window.localStorage.setItem('scale-hub.preferences', JSON.stringify(prefs));
    },
    { language: options.language ?? 'en', theme: options.theme ?? 'dark', nightDim: options.nightDim ?? false },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${hub.url}#/${options.screen ?? 'home'}`);
  await page.waitForSelector('[data-testid="link-status"][data-status="live"]', { timeout: 20_000 });
  return { context, page, errors };
}

/** Saves a screenshot as an artefact: test-results/e2e/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(shotDir, { recursive: true });
  await page.screenshot({ path: `${shotDir}/${name}.png` });
}

export function sizeName(size: Size): string {
  return `${size.width}x${size.height}`;
}

/**
 * Text whose contrast against what is behind it is below WCAG AA: 4.5:1, or
 * 3:1 for large text (24 px, or 18.66 px bold). The background is the first
 * opaque background up the tree (translucent ones are blended in). Text in
 * SVG uses its fill. Canvas text (chart axes) is not checked here.
 */
export async function contrastProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (m === null) return null;
      const parts = (m[1] ?? '').split(/[ ,/]+/).filter((p) => p !== '').map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const lum = ([r, g, b]: Rgba): number => {
      const f = (v: number): number => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const blend = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const background = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let e = el; e !== null; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c !== null && c[3] > 0) {
          layers.push(c);
          if (c[3] >= 1) break;
        }
      }
      let result: Rgba = parse(getComputedStyle(document.body).backgroundColor) ?? [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = blend(layer, result);
      return result;
    };
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const el = node.parentElement;
      if (el === null || seen.has(el) || (node.textContent ?? '').trim() === '') continue;
      seen.add(el);
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || el.closest('.visually-hidden,[aria-hidden="true"]') !== null) continue;
      if (rect.bottom < 0 || rect.top > window.innerHeight) continue;
      // Disabled controls are exempt from contrast requirements (WCAG 1.4.3).
      if (el.closest('button:disabled') !== null) continue;
      let opacity = 1;
      for (let e: Element | null = el; e !== null; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      if (opacity < 0.99) continue;
      const isSvg = el instanceof SVGElement;
      const fg = parse(isSvg ? style.fill : style.color);
      if (fg === null) continue;
      const bg = background(isSvg ? (el.closest('svg')?.parentElement ?? null) : el);
      const fgSolid = blend(fg, bg);
      const l1 = lum(fgSolid);
      const l2 = lum(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      // SVG text is scaled with its viewBox: judge it by its rendered height.
      const px = isSvg ? rect.height * 0.8 : size;
      const needed = px >= 24 || (bold && px >= 18.66) ? 3 : 4.5;
      if (ratio < needed) problems.push(`${ratio.toFixed(2)} < ${needed}: "${(node.textContent ?? '').trim().slice(0, 40)}" (${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''})`);
    }
    return problems;
  });
}

/** Buttons, links and switches smaller than 48 x 48 CSS px (visible ones). */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, [role="switch"]')) {
      // Layout size, not the rendered box: a button pressed a moment ago is still scaled down by :active.
      const w = el.offsetWidth;
      const h = el.offsetHeight;
      if (w === 0 || h === 0 || el.closest('[aria-hidden="true"]') !== null) continue;
      if (w < 48 || h < 48) out.push(`${w}x${h} ${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}"`);
    }
    return out;
  });
}

/** Whether anything makes the page scroll sideways (it never should). */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1 && el.closest('.visually-hidden') === null) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });
}

/**
 * Cumulative layout shift (Chromium's layout-shift entries) while live values
 * update for `ms`, and what moved. `bannersChanged`: a safety banner came or
 * went meanwhile (it rightly pushes the screen down; on a loaded test machine
 * at 10x speed a device can miss its 0.5 s staleness window).
 */
export async function layoutShift(page: Page, ms: number): Promise<{ total: number; moved: string[]; bannersChanged: boolean }> {
  return page.evaluate(
    (duration) =>
      new Promise<{ total: number; moved: string[]; bannersChanged: boolean }>((resolve) => {
        let total = 0;
        const moved: string[] = [];
        let bannersChanged = false;
        const banners = new MutationObserver(() => {
          bannersChanged = true;
        });
        const region = document.querySelector('.banners');
        if (region !== null) banners.observe(region, { childList: true, subtree: true, characterData: true });
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] };
            if (shift.hadRecentInput) continue;
            total += shift.value;
            for (const source of shift.sources ?? []) {
              const node = source.node;
              const el = node instanceof Element ? node : (node?.parentElement ?? null);
              if (el !== null) moved.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${shift.value.toFixed(3)}`);
            }
          }
        });
        observer.observe({ type: 'layout-shift', buffered: false });
        setTimeout(() => {
          observer.disconnect();
          banners.disconnect();
          resolve({ total, moved, bannersChanged });
        }, duration);
      }),
    ms,
  );
}
