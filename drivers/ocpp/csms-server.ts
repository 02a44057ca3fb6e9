/**
 * The charging station manager's WebSocket server, shared by every OCPP
 * charger of the site (the CsmsPool of DriverContext).
 *
 * Connection set-up follows OCPP-J and the OCPP security profiles:
 * - URL: <path>/<stationId>; an unknown station gets HTTP 404.
 * - Security profile 1: HTTP Basic auth, user = station id, password from the
 *   station's device entry, compared in constant time; otherwise HTTP 401.
 *   Profile 2 is the same over TLS, when a certificate is configured.
 * - Subprotocol: the newest of ocpp2.1, ocpp2.0.1, ocpp1.6 that both sides
 *   speak (and the device entry allows); none in common: HTTP 400.
 * The server opens on the first registration (or listen()), so a site without
 * OCPP chargers has no open port.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from '../../main/common/clock.js';
import { HubError, describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { CsmsPool, StationRegistration } from './csms-types.js';
import type { OcppHubConfig } from './ocpp-hub-config.js';
import { preferredVersions, subprotocolOf, type OcppVersion } from './ocpp-version.js';
import { RpcConnection } from './rpc-connection.js';
import { sharedOcppSchemas } from './schema-validator.js';
import { StationLink } from './station-link.js';

/** WebSocket ping period (real ms): a half-open TCP connection is noticed within two of them. */
const PING_MS = 20_000;

interface Registered {
  readonly registration: StationRegistration;
  readonly link: StationLink;
}

export class CsmsServer implements CsmsPool {
  private readonly config: OcppHubConfig;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly tls: { readonly cert: Buffer; readonly key: Buffer } | null;
  private readonly schemas = sharedOcppSchemas();
  private readonly stations = new Map<string, Registered>();
  private readonly chosen = new WeakMap<IncomingMessage, OcppVersion>();
  private readonly wss: WebSocketServer;
  private server: Server | null = null;
  private listening: Promise<string> | null = null;
  private baseUrl: string | null = null;
  private nextTransactionId: number;

  constructor(config: OcppHubConfig, clock: Clock, log: Logger) {
    this.config = config;
    this.clock = clock;
    this.log = log;
    this.tls = config.tls === null ? null : { cert: readPem(config.tls.certFile, 'ocpp.tls.certFile'), key: readPem(config.tls.keyFile, 'ocpp.tls.keyFile') };
    // 1.6 transaction ids are ours and must not repeat across hub restarts while a station may still use an old one.
    this.nextTransactionId = Math.floor(clock.now() / 1000) % 1_000_000_000;
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (_offered, req) => {
        const v = this.chosen.get(req);
        return v === undefined ? false : subprotocolOf[v];
      },
    });
  }

  station(registration: StationRegistration): StationLink {
    if (this.stations.has(registration.stationId)) {
      throw new HubError('config_invalid', `OCPP station "${registration.stationId}" is configured twice; each charger needs its own station id`);
    }
    const link = new StationLink({
      stationId: registration.stationId,
      evseId: registration.evseId,
      connectorId: registration.connectorId,
      clock: this.clock,
      log: this.log.child(registration.stationId),
      heartbeatIntervalS: this.config.heartbeatIntervalS,
      authorize: (idTag) => this.authorize(idTag),
      newTransactionId: () => ++this.nextTransactionId,
    });
    this.stations.set(registration.stationId, { registration, link });
    this.listen().catch((err: unknown) => this.log.error('OCPP server could not listen', { error: describeError(err) }));
    return link;
  }

  release(stationId: string): void {
    const entry = this.stations.get(stationId);
    this.stations.delete(stationId);
    entry?.link.disconnect('station no longer configured');
  }

  listen(): Promise<string> {
    this.listening ??= this.open();
    return this.listening;
  }

  /** The base URL once listening, else null. */
  url(): string | null {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const { link } of this.stations.values()) link.disconnect('hub stopping');
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const server = this.server;
    this.server = null;
    if (server !== null) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async open(): Promise<string> {
    // Compiling the validators takes a second or two; done now, before any station talks and before
    // the control loop runs, rather than as a stall in the middle of a session.
    const startedMs = performance.now();
    this.schemas.compileAll();
    this.log.debug('OCPP schemas compiled', { ms: Math.round(performance.now() - startedMs) });
    const server = this.tls === null ? createHttpServer() : createHttpsServer({ cert: this.tls.cert, key: this.tls.key });
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    server.on('request', (_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' }).end('OCPP-J: connect with a WebSocket to <path>/<stationId>\n');
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.port, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.log.error('OCPP server error', { error: describeError(err) }));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : this.config.port;
    const host = this.config.host === '0.0.0.0' ? '127.0.0.1' : this.config.host;
    this.baseUrl = `${this.tls === null ? 'ws' : 'wss'}://${host.includes(':') ? `[${host}]` : host}:${port}${this.config.path}`;
    this.log.info('OCPP charging station manager listening', { url: this.baseUrl, securityProfile: this.tls === null ? 1 : 2 });
    return this.baseUrl;
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://station').pathname;
    const prefix = `${this.config.path.replace(/\/$/, '')}/`;
    const stationId = path.startsWith(prefix) ? safeDecode(path.slice(prefix.length)) : null;
    const entry = stationId === null ? undefined : this.stations.get(stationId);
    if (stationId === null || entry === undefined) {
      this.log.warn('connection from an unknown OCPP station refused', { path });
      refuse(socket, 404, 'Not Found');
      return;
    }
    const credentials = basicAuth(req.headers.authorization);
    if (credentials === null || credentials.user !== stationId || !sameSecret(credentials.password, entry.registration.password)) {
      this.log.warn('OCPP station refused: wrong or missing Basic-auth credentials', { stationId });
      refuse(socket, 401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="SCALE Hub OCPP", charset="UTF-8"' });
      return;
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const allowed = entry.registration.versions ?? preferredVersions;
    const version = preferredVersions.find((v) => allowed.includes(v) && offered.includes(subprotocolOf[v]));
    if (version === undefined) {
      this.log.warn('OCPP station refused: no common subprotocol', { stationId, offered, allowed });
      refuse(socket, 400, 'Bad Request');
      return;
    }
    this.chosen.set(req, version);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, entry, version));
  }

  private connected(ws: WebSocket, entry: Registered, version: OcppVersion): void {
    const { link } = entry;
    const conn = new RpcConnection({
      socket: ws,
      version,
      side: 'csms',
      schemas: this.schemas,
      log: this.log.child(link.stationId),
      callTimeoutMs: this.config.callTimeoutMs,
      onCall: (action, payload) => link.handle(action, payload),
    });
    link.attach(conn);
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) {
        this.log.warn('OCPP station stopped answering pings; dropping the connection', { stationId: link.stationId });
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, PING_MS);
    ping.unref();
    conn.onClose(() => clearInterval(ping));
  }

  private authorize(idTag: string): boolean {
    const list = this.config.authorizedIdTags;
    // OCPP id tokens are case-insensitive.
    return list.length === 0 || list.some((t) => t.toLowerCase() === idTag.toLowerCase());
  }
}

function readPem(file: string, key: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new HubError('config_invalid', `${key}: cannot read ${file}`, { cause: err });
  }
}

function safeDecode(segment: string): string | null {
  if (segment.length === 0 || segment.includes('/')) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function basicAuth(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, text: string, headers: Record<string, string> = {}): void {
  const lines = [`HTTP/1.1 ${status} ${text}`, 'Connection: close', 'Content-Length: 0', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.end(`${lines.join('\r\n')}\r\n\r\n`);
}
