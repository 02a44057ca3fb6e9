#!/usr/bin/env node
// Browser tests: find a Chromium that is already installed (never download
// one), then run the e2e specs with vitest. `npm run test:e2e` builds first.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Candidates in order: explicit setting, Debian's chromium, Ubuntu's name, Playwright's own install. */
function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (existsSync(fromEnv)) return fromEnv;
    console.error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
    process.exit(1);
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    const require = createRequire(import.meta.url);
    /** @type {typeof import('playwright-core')} */
    const playwright = require('playwright-core');
    const bundled = playwright.chromium.executablePath();
    if (bundled !== '' && existsSync(bundled)) return bundled;
  } catch {
    // playwright-core knows no installed browser: fall through to the advice.
  }
  return null;
}

const chromium = findChromium();
if (chromium === null) {
  console.error(
    [
      'No Chromium found for the browser tests. Install one of:',
      '  sudo apt-get install chromium        (Debian/Ubuntu)',
      '  npx playwright install chromium      (any platform)',
      'or point CHROMIUM_PATH at an existing Chromium/Chrome executable.',
    ].join('\n'),
  );
  process.exit(1);
}

for (const built of ['dist/main/hub/cli.js', 'dist/renderer/index.html']) {
  if (!existsSync(new URL(`../${built}`, import.meta.url))) {
    console.error(`${built} is missing: run \`npm run build\` first (or \`npm run test:e2e\`, which does).`);
    process.exit(1);
  }
}

console.log(`e2e: using Chromium at ${chromium}`);
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const child = spawn(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, E2E_CHROMIUM_PATH: chromium },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
