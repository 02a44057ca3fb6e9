import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startApiServer } from '../../../main/api/api-server.js';
import type { RunningApi } from '../../../main/api/api-server.js';
import type { CarModeBody, ServerMessage } from '../../../main/common/api.js';
import { silentLogger } from '../../../main/common/log.js';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';

const snapshot = { ts: 1, seq: 1, grid: { powerW: 123 } } as unknown as SiteSnapshot;

describe('API server over real HTTP', () => {
  let api: RunningApi;
  const modes: CarModeBody[] = [];
  const listeners = new Set<(s: SiteSnapshot) => void>();
  const uiRoot = mkdtempSync(join(tmpdir(), 'hub-ui-'));
  writeFileSync(join(uiRoot, 'index.html'), '<!doctype html><title>SCALE Hub</title>');

  beforeAll(async () => {
    api = await startApiServer({
      host: '127.0.0.1',
      port: 0,
      uiRoot,
      log: silentLogger,
      handlers: {
        latest: () => snapshot,
        onSnapshot: (l) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
        info: () => ({ name: 'SCALE Hub', version: '0.1.0', speed: 1, simulated: true }),
        diagnostics: () => ({ tickMs: { p50: 1, p99: 2, samples: 3 }, setpointMs: { p50: null, p99: null, samples: 0 }, rssBytes: 1, uptimeS: 1 }),
        history: (from, to) => [{ ts: from, gridW: to } as never],
        setCarMode: (b) => modes.push(b),
        setCarSettings: () => undefined,
      },
    });
  });
  afterAll(() => api.close());

  const post = (path: string, body: string) => fetch(new URL(path, api.url), { method: 'POST', body, headers: { 'content-type': 'application/json' } });

  it('binds to loopback and serves the state', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(new URL('/api/state', api.url));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { grid: { powerW: number } }).grid.powerW).toBe(123);
  });

  it('accepts a valid car mode', async () => {
    const res = await post('/api/car/mode', '{"mode":"fast"}');
    expect(res.status).toBe(200);
    expect(modes.at(-1)).toEqual({ mode: 'fast' });
  });

  it('answers 400 with a clear message on bad input, and changes nothing', async () => {
    const before = modes.length;
    const cases: [string, RegExp][] = [
      ['{"mode":"warp"}', /body\.mode: Invalid option: expected one of "off"\|"solar"\|"smart"\|"fast"/],
      ['{"mode":"fast","extra":1}', /extra/],
      ['{"mode":', /not valid JSON/],
      ['[]', /body: /],
    ];
    for (const [body, message] of cases) {
      const res = await post('/api/car/mode', body);
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: { code: string; message: string } };
      expect(err.error.code).toBe('bad_request');
      expect(err.error.message).toMatch(message);
    }
    const big = await post('/api/car/mode', JSON.stringify({ mode: 'x'.repeat(70_000) }));
    expect(big.status).toBe(400);
    expect(modes.length).toBe(before);
  });

  it('validates history queries', async () => {
    expect((await fetch(new URL('/api/history?fromMs=0&toMs=60000', api.url))).status).toBe(200);
    expect((await fetch(new URL('/api/history?fromMs=abc&toMs=1', api.url))).status).toBe(400);
    expect((await fetch(new URL('/api/history?fromMs=10&toMs=1', api.url))).status).toBe(400);
    expect((await fetch(new URL(`/api/history?fromMs=0&toMs=${30 * 86_400_000}`, api.url))).status).toBe(400);
  });

  it('answers 404 for unknown API routes and serves the UI elsewhere', async () => {
    const res = await fetch(new URL('/api/nope', api.url));
    expect(res.status).toBe(404);
    const page = await fetch(new URL('/some/client/route', api.url));
    expect(await page.text()).toContain('SCALE Hub');
    const traversal = await fetch(new URL('/..%2f..%2fetc/passwd', api.url));
    expect(await traversal.text()).toContain('SCALE Hub');
  });

  it('pushes the latest snapshot and every new one on the WebSocket', async () => {
    const ws = new WebSocket(new URL('/api/ws', api.url.replace('http', 'ws')));
    const received: ServerMessage[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (d: Buffer) => {
        received.push(JSON.parse(d.toString()) as ServerMessage);
        if (received.length === 1) for (const l of listeners) l({ ...snapshot, seq: 2 });
        if (received.length === 2) resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(received.map((m) => m.snapshot.seq)).toEqual([1, 2]);
  });
});
