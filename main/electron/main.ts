/**
 * The kiosk shell: the ONLY code that loads Electron. It starts the hub in a
 * utility process (or uses one already running, `--hub-url`, as `npm start`
 * does in a source checkout so that native modules keep Node's ABI) and shows
 * its UI full screen. Quitting stops the hub, which hands the devices back.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronModule, UtilityProcessLike } from './electron-types.js';
import { hardenSession, hardenWindow, secureWebPreferences } from './security.js';

// createRequire rather than `import 'electron'`: see electron-types.ts.
const electron = createRequire(import.meta.url)('electron') as ElectronModule;
const { app, BrowserWindow } = electron;

const here = dirname(fileURLToPath(import.meta.url));
const hubCli = join(here, '..', 'hub', 'cli.js');

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Starts the hub and resolves with the URL it prints. */
function startHubProcess(): Promise<{ url: string; child: UtilityProcessLike }> {
  const args = ['--headless', '--port', argValue('--port') ?? '8080', '--data-dir', argValue('--data-dir') ?? join(app.getPath('userData'), 'data')];
  const config = argValue('--config');
  if (config !== undefined) args.push('--config', config);
  const child = electron.utilityProcess.fork(hubCli, args, { stdio: 'pipe', serviceName: 'SCALE Hub' });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /SCALE Hub UI: (\S+)/.exec(out);
      if (m?.[1] !== undefined) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`hub exited with code ${code} before it was ready`)));
  });
}

async function run(): Promise<void> {
  app.commandLine.appendSwitch('disable-background-networking');
  await app.whenReady();
  hardenSession(electron);
  let url = argValue('--hub-url');
  let child: UtilityProcessLike | null = null;
  if (url === undefined) ({ url, child } = await startHubProcess());

  const win = new BrowserWindow({
    kiosk: process.env.SCALE_HUB_WINDOWED === undefined,
    fullscreen: process.env.SCALE_HUB_WINDOWED === undefined,
    autoHideMenuBar: true,
    backgroundColor: '#0f1419',
    show: false,
    webPreferences: { ...secureWebPreferences },
  });
  hardenWindow(win, new URL(url).origin);
  win.once('ready-to-show', () => win.show());
  await win.loadURL(url);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    // SIGTERM: the hub releases the battery and charger before it exits.
    child?.kill();
  });
}

run().catch((err: unknown) => {
  process.stderr.write(`SCALE Hub kiosk failed: ${err instanceof Error ? err.message : String(err)}\n`);
  app.exit(1);
});
