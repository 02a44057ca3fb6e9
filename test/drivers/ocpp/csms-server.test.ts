/**
 * The charging station manager's connection handling over real WebSockets,
 * with hand-written frames (not our simulator): URL and Basic-auth checks,
 * subprotocol choice, TLS (security profile 2), and CALLERRORs that keep the
 * connection.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { CsmsServer } from '../../../drivers/ocpp/csms-server.js';
import { ocppHubConfigSchema, type OcppHubConfig } from '../../../drivers/ocpp/ocpp-hub-config.js';
import { ScaledClock } from '../../../main/common/clock.js';
import { silentLogger } from '../../../main/common/log.js';

const PASSWORD = 'correct-horse-battery';
let server: CsmsServer | null = null;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await server?.close();
  server = null;
});

async function startServer(config: Partial<OcppHubConfig> = {}, versions?: ('1.6' | '2.0.1' | '2.1')[]): Promise<string> {
  server = new CsmsServer(ocppHubConfigSchema.parse({ port: 0, ...config }), new ScaledClock({ speed: 10 }), silentLogger);
  server.station({ stationId: 'CP-1', password: PASSWORD, evseId: 1, connectorId: 1, ...(versions ? { versions } : {}) });
  return server.listen();
}

type Outcome = { readonly ws: WebSocket; readonly protocol: string } | { readonly status: number };

function connect(url: string, protocols: string[], user: string | null = 'CP-1', password = PASSWORD, extra: ClientOptions = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = user === null ? {} : { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
    const ws = new WebSocket(url, protocols, { headers, ...extra });
    sockets.push(ws);
    ws.once('open', () => resolve({ ws, protocol: ws.protocol }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', reject);
  });
}

function exchange(ws: WebSocket, frame: string): Promise<unknown[]> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as unknown[]));
    ws.send(frame);
  });
}

describe('CSMS connections', () => {
  it('refuses unknown stations (404) and wrong or missing credentials (401)', async () => {
    const base = await startServer();
    expect(await connect(`${base}/CP-2`, ['ocpp2.0.1'], 'CP-2')).toEqual({ status: 404 });
    expect(await connect(`${base}/CP-1`, ['ocpp2.0.1'], 'CP-1', 'wrong-password')).toEqual({ status: 401 });
    expect(await connect(`${base}/CP-1`, ['ocpp2.0.1'], null)).toEqual({ status: 401 });
    // The user name must be the station's own id.
    expect(await connect(`${base}/CP-1`, ['ocpp2.0.1'], 'CP-3')).toEqual({ status: 401 });
  });

  it('picks the newest common subprotocol, within what the station entry allows', async () => {
    const base = await startServer();
    expect(await connect(`${base}/CP-1`, ['ocpp1.6', 'ocpp2.0.1'])).toMatchObject({ protocol: 'ocpp2.0.1' });
    expect(await connect(`${base}/CP-1`, ['ocpp1.5'])).toEqual({ status: 400 });
  });

  it('honours the versions allowed for a station', async () => {
    const base = await startServer({}, ['1.6']);
    expect(await connect(`${base}/CP-1`, ['ocpp2.1', 'ocpp1.6'])).toMatchObject({ protocol: 'ocpp1.6' });
  });

  it('answers invalid 1.6 messages with the 1.6 error names and keeps the connection', async () => {
    const base = await startServer();
    const outcome = await connect(`${base}/CP-1`, ['ocpp1.6']);
    if (!('ws' in outcome)) throw new Error(`refused: ${outcome.status}`);
    const { ws } = outcome;
    expect(await exchange(ws, '[2,"a1","BootNotification",{"chargePointVendor":"X"}]')).toEqual([4, 'a1', 'OccurenceConstraintViolation', expect.any(String), {}]);
    expect(await exchange(ws, '[2,"a2","BootNotification",{"chargePointVendor":"X","chargePointModel":"Y","colour":"red"}]')).toEqual([4, 'a2', 'FormationViolation', expect.any(String), {}]);
    expect(await exchange(ws, '[2,"a3","TransactionEvent",{}]')).toEqual([4, 'a3', 'NotImplemented', expect.any(String), {}]);
    expect(await exchange(ws, '[2,"a4","RemoteStartTransaction",{"idTag":"X"}]')).toEqual([4, 'a4', 'NotSupported', expect.any(String), {}]);
    expect(await exchange(ws, '[2,"a5","Heartbeat"]')).toEqual([4, 'a5', 'FormationViolation', expect.any(String), {}]);
    const boot = await exchange(ws, '[2,"a6","BootNotification",{"chargePointVendor":"X","chargePointModel":"Y"}]');
    expect(boot[0]).toBe(3);
    expect(boot[2]).toMatchObject({ status: 'Accepted', interval: 300 });
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('accepts authorisation from its local list only, when one is configured', async () => {
    const base = await startServer({ authorizedIdTags: ['TAG-1'] });
    const outcome = await connect(`${base}/CP-1`, ['ocpp2.0.1']);
    if (!('ws' in outcome)) throw new Error(`refused: ${outcome.status}`);
    expect(await exchange(outcome.ws, '[2,"b1","Authorize",{"idToken":{"idToken":"tag-1","type":"ISO14443"}}]')).toEqual([3, 'b1', { idTokenInfo: { status: 'Accepted' } }]);
    expect(await exchange(outcome.ws, '[2,"b2","Authorize",{"idToken":{"idToken":"TAG-9","type":"ISO14443"}}]')).toEqual([3, 'b2', { idTokenInfo: { status: 'Invalid' } }]);
  });

  it('serves security profile 2 (TLS + Basic auth) when a certificate is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-tls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const base = await startServer({ tls: { certFile, keyFile } });
    expect(base.startsWith('wss://127.0.0.1:')).toBe(true);
    const ca = readFileSync(certFile);
    expect(await connect(`${base}/CP-1`, ['ocpp2.1'], 'CP-1', PASSWORD, { ca })).toMatchObject({ protocol: 'ocpp2.1' });
    expect(await connect(`${base}/CP-1`, ['ocpp2.1'], 'CP-1', 'nope-nope-nope', { ca })).toEqual({ status: 401 });
  }, 20_000);
});
