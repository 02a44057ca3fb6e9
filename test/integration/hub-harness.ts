/** Starts the real hub on the simulated home, in-process, for integration tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteSnapshot } from '../../main/common/snapshot.js';
import { silentLogger } from '../../main/common/log.js';
import { simulatedHomeConfig } from '../../main/hub/config.js';
import type { HubConfig } from '../../main/hub/config.js';
import { startHub } from '../../main/hub/hub.js';
import type { Hub } from '../../main/hub/hub.js';

export async function startTestHub(options: { speed: number; simStartIso: string; config?: (c: HubConfig) => HubConfig }): Promise<Hub> {
  let config = simulatedHomeConfig();
  config = { ...config, simulation: { ...config.simulation, startIso: options.simStartIso } };
  if (options.config) config = options.config(config);
  return startHub({
    config,
    dataDir: mkdtempSync(join(tmpdir(), 'hub-it-')),
    uiRoot: join(tmpdir(), 'no-ui'),
    log: silentLogger,
    speed: options.speed,
    port: 0,
  });
}

/** Polls until the predicate holds (real ms). */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Collects every snapshot for `siteMs` of site time. */
export async function collect(hub: Hub, siteMs: number): Promise<SiteSnapshot[]> {
  const out: SiteSnapshot[] = [];
  const off = hub.control.onSnapshot((s) => out.push(s));
  await new Promise((r) => setTimeout(r, siteMs / hub.clock.speed));
  off();
  return out;
}

export async function getState(hub: Hub): Promise<SiteSnapshot> {
  const res = await fetch(new URL('/api/state', hub.url));
  if (res.status !== 200) throw new Error(`GET /api/state answered ${res.status}`);
  return (await res.json()) as SiteSnapshot;
}

export async function setCarMode(hub: Hub, mode: string): Promise<void> {
  const res = await fetch(new URL('/api/car/mode', hub.url), { method: 'POST', body: JSON.stringify({ mode }) });
  if (res.status !== 200) throw new Error(`POST /api/car/mode answered ${res.status}: ${await res.text()}`);
}
