/**
 * UI benchmark: bundle sizes (what the home screen loads first, and the
 * chunks loaded on demand), and the time from opening the page to the first
 * live value on the home screen, in Debian's Chromium against the built hub
 * on the simulated home. Cold runs use a fresh browser context (empty cache);
 * warm runs reload the same page (hashed assets cached).
 * Usage: npm run build && npx tsx bench/ui.ts [--runs 15]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { chromiumArgs } from '../test/e2e/browser.js';
import { startHub } from '../test/e2e/hub-process.js';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 15;
const distDir = 'dist/renderer';

interface Size {
  raw: number;
  gzip: number;
}

function sizeOf(files: readonly string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const data = readFileSync(join(distDir, f));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Files index.html loads (entry script, its static imports, CSS) versus every other chunk. */
function bundleFigures(): { initial: Size; lazy: Size; byChunk: [string, Size][] } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const assets = readdirSync(join(distDir, 'assets')).map((f) => `assets/${f}`);
  const initial = new Set<string>(['index.html']);
  for (const m of html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)) if (m[1] !== undefined) initial.add(m[1]);
  const lazy = assets.filter((a) => !initial.has(a) && /\.(js|css)$/.test(a));
  return { initial: sizeOf([...initial]), lazy: sizeOf(lazy), byChunk: lazy.map((a) => [a, sizeOf([a])]) };
}

/** ms from navigation start until the flow diagram shows a live PV value. */
async function timeToLiveValue(page: Page): Promise<{ value: number; dcl: number }> {
  await page.waitForFunction(() => /^\d+[.,]\d$/.test(document.querySelector('[data-testid="flow-value-pv"]')?.textContent ?? ''), undefined, { polling: 'raf', timeout: 30_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { value: performance.now(), dcl: nav?.domContentLoadedEventEnd ?? Number.NaN };
  });
}

function pct(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const b = bundleFigures();
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`initial load (index.html + entry JS + CSS): ${kib(b.initial.gzip)} gzipped (${kib(b.initial.raw)} raw)`);
  console.log(`loaded on demand: ${kib(b.lazy.gzip)} gzipped (${kib(b.lazy.raw)} raw)`);
  for (const [name, s] of b.byChunk.sort((x, y) => y[1].gzip - x[1].gzip).slice(0, 8)) console.log(`  ${name}: ${kib(s.gzip)} gz`);

  const hub = await startHub({ speed: 1, simStart: new Date().toISOString() });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    // Let the hub read its devices first: we measure the UI, not the hub's start.
    await new Promise((r) => setTimeout(r, 3_000));
    const cold: number[] = [];
    const coldDcl: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(hub.url, { waitUntil: 'commit' });
      const t = await timeToLiveValue(page);
      cold.push(t.value);
      coldDcl.push(t.dcl);
      await context.close();
    }
    const warm: number[] = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(hub.url);
    await timeToLiveValue(page);
    for (let i = 0; i < runs; i++) {
      await page.reload({ waitUntil: 'commit' });
      warm.push((await timeToLiveValue(page)).value);
    }
    await context.close();
    const line = (name: string, v: readonly number[]): void => console.log(`${name}: median ${pct(v, 50).toFixed(0)} ms, p90 ${pct(v, 90).toFixed(0)} ms, min ${Math.min(...v).toFixed(0)} ms (n = ${v.length})`);
    line('first live value, cold cache', cold);
    line('DOMContentLoaded, cold cache', coldDcl);
    line('first live value, warm cache', warm);
  } finally {
    await browser.close();
    await hub.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
