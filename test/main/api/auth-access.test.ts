/**
 * Access enforcement over real HTTP and WebSocket: the API server bound to
 * every interface, called from loopback (the wall screen) and from the
 * machine's LAN address (as a tablet would).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startApiServer } from '../../../main/api/api-server.js';
import type { RunningApi } from '../../../main/api/api-server.js';
import { AccessControl } from '../../../main/api/auth/access-control.js';
import type { ApiRoute } from '../../../main/api/route.js';
import { installerSessionHeader, wsProtocol, wsTokenProtocolPrefix } from '../../../main/common/auth.js';
import type { InstallerLogin, PairingClaim, PairingOffer } from '../../../main/common/auth.js';
import { silentLogger } from '../../../main/common/log.js';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';
import { openDatabase } from '../../../main/store/database.js';

const snapshot = { ts: 1, seq: 1, grid: { powerW: 123 } } as unknown as SiteSnapshot;

function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) if (i.family === 'IPv4' && !i.internal) return i.address;
  return null;
}
const lan = lanAddress();

interface Answer {
  readonly status: number;
  readonly body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** A raw request (node:http, so that Host and Origin can be set as an attacker would). */
function call(host: string, port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host, port, path, method: options.method ?? 'GET', headers: { 'content-type': 'application/json', ...options.headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        const json = (res.headers['content-type'] ?? '').startsWith('application/json');
        resolve({ status: res.statusCode ?? 0, body: json && text !== '' ? (JSON.parse(text) as Answer['body']) : { text } });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

function wsOpens(url: string, protocols?: string[], headers?: Record<string, string>): Promise<{ opened: boolean; status: number | null; protocol: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('open', () => {
      const protocol = ws.protocol;
      ws.close();
      resolve({ opened: true, status: null, protocol });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? null, protocol: '' }));
    ws.on('error', () => resolve({ opened: false, status: null, protocol: '' }));
  });
}

describe('access enforcement over real HTTP', () => {
  let api: RunningApi;
  let access: AccessControl;
  const uiRoot = mkdtempSync(join(tmpdir(), 'hub-ui-'));
  writeFileSync(join(uiRoot, 'index.html'), '<!doctype html><title>SCALE Hub</title>');
  const extra: ApiRoute[] = [
    { method: 'GET', path: '/api/test/installer', access: 'installer', handle: () => ({ secret: 'installer things' }) },
    { method: 'GET', path: '/api/test/public', access: 'public', handle: (ctx) => ({ principal: ctx.principal?.kind ?? 'none' }) },
  ];

  beforeAll(async () => {
    access = new AccessControl({ db: openDatabase(':memory:'), pin: { scrypt: { N: 1024, r: 8, p: 1 } } });
    api = await startApiServer({
      host: '0.0.0.0',
      port: 0,
      uiRoot,
      log: silentLogger,
      access,
      routes: extra,
      handlers: {
        latest: () => snapshot,
        onSnapshot: () => () => undefined,
        info: () => ({ name: 'SCALE Hub', version: '0.1.0', speed: 1, simulated: true }),
        diagnostics: () => ({ tickMs: { p50: 1, p99: 2, samples: 3 }, setpointMs: { p50: null, p99: null, samples: 0 }, rssBytes: 1, uptimeS: 1 }),
        history: () => [],
        setCarMode: () => undefined,
        setCarSettings: () => undefined,
      },
    });
  });

  afterAll(async () => {
    await api.close();
  });

  it('lets the wall screen (loopback) in without a token', async () => {
    expect((await call('127.0.0.1', api.port, '/api/state')).status).toBe(200);
    const status = await call('127.0.0.1', api.port, '/api/auth/status');
    expect(status.body).toMatchObject({ principal: 'local', lan: { enabled: true } });
  });

  it('does not treat a loopback request with a foreign Host (DNS rebinding) or a proxy header as the wall screen', async () => {
    const rebound = await call('127.0.0.1', api.port, '/api/state', { headers: { host: `evil.example:${api.port}` } });
    expect(rebound.status).toBe(401);
    const proxied = await call('127.0.0.1', api.port, '/api/state', { headers: { 'x-forwarded-for': '192.168.1.50' } });
    expect(proxied.status).toBe(401);
    expect((await call('127.0.0.1', api.port, '/api/state', { headers: { host: `localhost:${api.port}` } })).status).toBe(200);
  });

  it('refuses a page from another site (CSRF, cross-site WebSocket) even on loopback', async () => {
    const csrf = await call('127.0.0.1', api.port, '/api/car/mode', { method: 'POST', headers: { origin: 'http://evil.example' }, body: { mode: 'fast' } });
    expect(csrf.status).toBe(403);
    expect(csrf.body.error?.message).toMatch(/cross-origin/);
    const same = await call('127.0.0.1', api.port, '/api/car/mode', { method: 'POST', headers: { origin: `http://127.0.0.1:${api.port}` }, body: { mode: 'fast' } });
    expect(same.status).toBe(200);
    const ws = await wsOpens(`ws://127.0.0.1:${api.port}/api/ws`, undefined, { origin: 'http://evil.example' });
    expect(ws).toMatchObject({ opened: false, status: 403 });
  });

  it('answers 403 on installer routes without an installer session, and 200 with one', async () => {
    const refused = await call('127.0.0.1', api.port, '/api/test/installer');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden' });
    expect(refused.body.error?.message).toMatch(/installer PIN/);
    const first = await call('127.0.0.1', api.port, '/api/installer/pin', { method: 'POST', body: { pin: '482913' } });
    expect(first.status).toBe(200);
    const session = (first.body as unknown as InstallerLogin).session;
    expect((await call('127.0.0.1', api.port, '/api/test/installer', { headers: { [installerSessionHeader]: session } })).status).toBe(200);
    expect((await call('127.0.0.1', api.port, '/api/test/installer', { headers: { [installerSessionHeader]: `${session}x` } })).status).toBe(403);
    await call('127.0.0.1', api.port, '/api/installer/logout', { method: 'POST', headers: { [installerSessionHeader]: session }, body: {} });
    expect((await call('127.0.0.1', api.port, '/api/test/installer', { headers: { [installerSessionHeader]: session } })).status).toBe(403);
    // A wrong PIN: 401 with what comes next.
    const wrong = await call('127.0.0.1', api.port, '/api/installer/login', { method: 'POST', body: { pin: '000000' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toMatch(/wrong PIN: 2 more tries/);
    expect((await call('127.0.0.1', api.port, '/api/installer/login', { method: 'POST', body: { pin: '482913' } })).status).toBe(200);
  });

  describe.skipIf(lan === null)('from the LAN (the machine\'s own non-loopback address)', () => {
    const host = lan ?? '';

    it('refuses every API call and the WebSocket without a token: 401 with a clear message', async () => {
      const state = await call(host, api.port, '/api/state');
      expect(state.status).toBe(401);
      expect(state.body.error?.code).toBe('unauthorized');
      expect(state.body.error?.message).toMatch(/not paired.*Pair a device/);
      // Unknown routes too: no probing the API without a token.
      expect((await call(host, api.port, '/api/nothing-here')).status).toBe(401);
      const ws = await wsOpens(`ws://${host}:${api.port}/api/ws`);
      expect(ws).toMatchObject({ opened: false, status: 401 });
      // Public: the UI itself, the auth status and the pairing claim.
      expect((await call(host, api.port, '/api/test/public')).body).toEqual({ principal: 'none' });
      expect((await call(host, api.port, '/api/auth/status')).body).toMatchObject({ principal: 'none' });
      expect((await call(host, api.port, '/index.html')).status).toBe(200);
      // Pairing is opened on the wall screen only.
      expect((await call(host, api.port, '/api/pairing/offer', { method: 'POST', body: {} })).status).toBe(401);
    });

    it('pairs by code, then lets the token in over HTTP and WebSocket until it is revoked', async () => {
      const offer = (await call('127.0.0.1', api.port, '/api/pairing/offer', { method: 'POST', body: {} })).body as unknown as PairingOffer;
      expect(offer.url).toMatch(new RegExp(`^http://${host.replace(/\./g, '\\.')}:${api.port}/#pair=[A-Za-z0-9_-]{43}$`));
      expect(offer.qrSvg).toMatch(/^<svg/);
      const claim = await call(host, api.port, '/api/pairing/claim', { method: 'POST', headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0' }, body: { code: offer.code } });
      expect(claim.status).toBe(200);
      const { token, device } = claim.body as unknown as PairingClaim;
      expect(device.name).toBe('Chrome on Android');
      const auth = { authorization: `Bearer ${token}` };
      expect((await call(host, api.port, '/api/state', { headers: auth })).status).toBe(200);
      expect((await call(host, api.port, '/api/auth/status', { headers: auth })).body).toMatchObject({ principal: 'device', device: { id: device.id } });
      const ws = await wsOpens(`ws://${host}:${api.port}/api/ws`, [wsProtocol, `${wsTokenProtocolPrefix}${token}`]);
      // The hub selects the plain subprotocol: the token is never echoed.
      expect(ws).toEqual({ opened: true, status: null, protocol: wsProtocol });
      // A paired tablet is a user, not the wall screen: it cannot pair others or list tokens...
      expect((await call(host, api.port, '/api/pairing/devices', { headers: auth })).status).toBe(403);
      // ...unless in installer mode, with a session bound to this tablet.
      const login = (await call(host, api.port, '/api/installer/login', { method: 'POST', headers: auth, body: { pin: '482913' } })).body as unknown as InstallerLogin;
      const withSession = { ...auth, [installerSessionHeader]: login.session };
      expect((await call(host, api.port, '/api/pairing/devices', { headers: withSession })).status).toBe(200);
      expect((await call('127.0.0.1', api.port, '/api/test/installer', { headers: { [installerSessionHeader]: login.session } })).status).toBe(403);

      // Revoked on the wall screen: refused at once, its installer session gone too.
      expect((await call('127.0.0.1', api.port, '/api/pairing/revoke', { method: 'POST', body: { id: device.id } })).status).toBe(200);
      const after = await call(host, api.port, '/api/state', { headers: auth });
      expect(after.status).toBe(401);
      expect(after.body.error?.message).toMatch(/not valid \(revoked or unknown\)/);
      expect((await wsOpens(`ws://${host}:${api.port}/api/ws`, [wsProtocol, `${wsTokenProtocolPrefix}${token}`])).status).toBe(401);
      // A stale token does not stand in the way of pairing again.
      expect((await call(host, api.port, '/api/auth/status', { headers: auth })).body).toMatchObject({ principal: 'none' });
    });
  });
});
