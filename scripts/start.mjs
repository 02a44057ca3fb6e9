#!/usr/bin/env node
// `npm start [-- options]`: builds what is out of date, then opens the kiosk
// window when an Electron binary is installed, otherwise runs the hub headless
// and prints the URL of the same UI. Options are the hub's (see --help).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > built);
}

function run(script) {
  const r = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (needsBuild(join(root, 'dist/main/hub/cli.js'), ['main', 'drivers'])) run('build:main');
if (needsBuild(join(root, 'dist/renderer/index.html'), ['renderer', 'main/common'])) run('build:ui');

/** Path of an installed Electron binary, or null (optional dependency; its download may have failed). */
function electronBinary() {
  try {
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const cli = join(root, 'dist/main/hub/cli.js');
const electron = args.includes('--headless') ? null : electronBinary();
if (electron === null) {
  if (!args.includes('--headless')) console.log('No Electron binary installed: running headless. Open the URL below in a browser.');
  const hub = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => hub.kill(s));
  hub.on('exit', (code) => process.exit(code ?? 0));
} else {
  // The hub runs under Node (its native SQLite module is built for Node), the window under Electron.
  const hub = spawn(process.execPath, [cli, '--headless', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let kiosk = null;
  hub.stdout.on('data', (d) => {
    process.stdout.write(d);
    out += d.toString();
    const m = /SCALE Hub UI: (\S+)/.exec(out);
    if (m && kiosk === null) {
      kiosk = spawn(electron, [join(root, 'dist/main/electron/main.js'), '--hub-url', m[1]], { cwd: root, stdio: 'inherit' });
      kiosk.on('exit', () => hub.kill('SIGTERM'));
    }
  });
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => hub.kill(s));
  hub.on('exit', (code) => {
    kiosk?.kill();
    process.exit(code ?? 0);
  });
}
