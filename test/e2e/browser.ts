import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Flags for a headless Chromium in a container and without network chatter. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** The Chromium that scripts/e2e.mjs found; tests never download a browser. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.E2E_CHROMIUM_PATH;
  if (executablePath === undefined || executablePath === '') {
    throw new Error('E2E_CHROMIUM_PATH is not set: run the browser tests with `node scripts/e2e.mjs` (or `npm run test:e2e`).');
  }
  return chromium.launch({ executablePath, args: chromiumArgs });
}
