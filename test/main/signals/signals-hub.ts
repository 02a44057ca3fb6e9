/**
 * Starts the real hub on the simulated home with signals enabled, like
 * test/integration/hub-harness.ts but with a logger the tests can read (a
 * rejected signal must leave a log line saying why).
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../main/common/log.js';
import { simulatedHomeConfig } from '../../../main/hub/config.js';
import type { HubConfig } from '../../../main/hub/config.js';
import { startHub } from '../../../main/hub/hub.js';
import type { Hub } from '../../../main/hub/hub.js';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly scope: string;
  readonly msg: string;
  readonly fields: Record<string, unknown> | undefined;
}

export function captureLogger(lines: LogLine[], scope = 'hub'): Logger {
  const at =
    (level: LogLine['level']) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, scope, msg, fields });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (s) => captureLogger(lines, `${scope}.${s}`) };
}

export async function startSignalsHub(options: { speed: number; simStartIso: string; lines: LogLine[]; config: (c: HubConfig) => HubConfig; port?: number }): Promise<Hub> {
  let config = simulatedHomeConfig();
  config = options.config({ ...config, simulation: { ...config.simulation, startIso: options.simStartIso } });
  return startHub({
    config,
    dataDir: mkdtempSync(join(tmpdir(), 'hub-signals-')),
    uiRoot: join(tmpdir(), 'no-ui'),
    log: captureLogger(options.lines),
    speed: options.speed,
    port: options.port ?? 0,
  });
}

/** A port free right now (the hub's API must be known before start when a VTN calls it back). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function getJson<T>(hub: Hub, path: string): Promise<T> {
  const res = await fetch(new URL(path, hub.url));
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}
