/**
 * Starts the Mosquitto broker (Debian package "mosquitto") on a free
 * loopback port for a test, and stops it. Without the binary the test fails
 * and says what to install: silently skipping would hide that the hub was
 * never tried against a second broker implementation.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './signals-hub.js';

export interface Mosquitto {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

function findBinary(): string {
  const candidates = [process.env.MOSQUITTO_PATH, '/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', '/opt/homebrew/sbin/mosquitto', ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'mosquitto'))];
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  throw new Error('mosquitto not found: the MQTT integration tests need the Mosquitto broker. Install it (Debian/Ubuntu: sudo apt-get install mosquitto; macOS: brew install mosquitto) or set MOSQUITTO_PATH.');
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`mosquitto did not open port ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startMosquitto(extraConfig: readonly string[] = []): Promise<Mosquitto> {
  const binary = findBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', ...extraConfig, ''].join('\n'));
  const child: ChildProcess = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  try {
    await waitForPort(port, 5000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`mosquitto failed to start: ${stderr}`, { cause: err });
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
