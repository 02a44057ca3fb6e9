/**
 * The hub's HTTP + WebSocket server, bound to the contract in
 * main/common/api.ts. The one place where errors become user messages.
 * Binds to 127.0.0.1 unless configured otherwise.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { carModeBody, carSettingsBody, historyQuery, routes } from '../common/api.js';
import type { CarModeBody, CarSettingsBody, HistoryRow, HubDiagnostics, HubInfo, ServerMessage } from '../common/api.js';
import { HubError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { SiteSnapshot } from '../common/snapshot.js';
import { readJsonBody, sendError, sendJson, validate } from './http-util.js';
import { serveStatic } from './static-files.js';
import { maxHistoryRangeMs } from '../store/history-store.js';
import { wsProtocol } from '../common/auth.js';
import { loopbackOnlyGate } from './auth/access-control.js';
import type { AccessControl, AccessGate, Principal } from './auth/access-control.js';
import { lanUrls } from './auth/lan-urls.js';
import { crossOrigin } from './auth/request-origin.js';
import { authRouteTable } from './auth-routes.js';
import { pairingRouteTable } from './pairing-routes.js';
import { RawBody } from './route.js';
import type { ApiRoute, RouteContext } from './route.js';

/** What the core routes need from the hub; the composition root provides it. */
export interface ApiHandlers {
  latest(): SiteSnapshot | null;
  onSnapshot(listener: (s: SiteSnapshot) => void): () => void;
  info(): HubInfo;
  diagnostics(): HubDiagnostics;
  history(fromMs: number, toMs: number): HistoryRow[];
  setCarMode(body: CarModeBody): void;
  setCarSettings(body: CarSettingsBody): void;
}

/** The core routes: state, info, diagnostics, history and the car commands. */
export function coreRoutes(handlers: ApiHandlers): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: routes.state,
      handle: () => {
        const s = handlers.latest();
        if (s === null) throw new HubError('not_available', 'no snapshot yet: the hub is starting', { retryable: true });
        return s;
      },
    },
    { method: 'GET', path: routes.info, handle: () => handlers.info() },
    { method: 'GET', path: routes.diagnostics, handle: () => handlers.diagnostics() },
    {
      method: 'GET',
      path: routes.history,
      handle: (ctx) => {
        const q = ctx.query(historyQuery);
        if (q.toMs < q.fromMs) throw new HubError('bad_request', 'query.toMs must not be before query.fromMs');
        if (q.toMs - q.fromMs > maxHistoryRangeMs) throw new HubError('bad_request', `query range longer than ${maxHistoryRangeMs / 86_400_000} days`);
        return handlers.history(q.fromMs, q.toMs);
      },
    },
    {
      method: 'POST',
      path: routes.carMode,
      handle: async (ctx) => {
        const body = await ctx.body(carModeBody);
        handlers.setCarMode(body);
        return { ok: true, mode: body.mode };
      },
    },
    {
      method: 'POST',
      path: routes.carSettings,
      handle: async (ctx) => {
        handlers.setCarSettings(await ctx.body(carSettingsBody));
        return { ok: true };
      },
    },
  ];
}

export interface ApiServerOptions {
  readonly host: string;
  readonly port: number;
  readonly uiRoot: string;
  readonly log: Logger;
  readonly handlers: ApiHandlers;
  /** Routes of feature modules, added to the core ones. */
  readonly routes?: readonly ApiRoute[];
  /**
   * Device tokens, pairing and installer mode. Without it the server lets in
   * the wall screen (loopback) only and has no installer mode.
   */
  readonly access?: AccessControl;
}

export interface RunningApi {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function sendRaw(res: ServerResponse, raw: RawBody): void {
  const body = typeof raw.body === 'string' ? Buffer.from(raw.body, 'utf8') : raw.body;
  const headers: Record<string, string | number> = { 'content-type': raw.contentType, 'cache-control': 'no-store', 'content-length': body.byteLength };
  // The name is ours (no user input), but keep the header well-formed whatever it holds.
  if (raw.filename !== undefined) headers['content-disposition'] = `attachment; filename="${raw.filename.replace(/[^\w.-]/g, '_')}"`;
  res.writeHead(200, headers);
  res.end(body);
}

/** A client that cannot keep up is not allowed to buffer snapshots without bound. */
const maxWsBufferedBytes = 1024 * 1024;

export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const { handlers, log } = options;
  const gate: AccessGate = options.access ?? loopbackOnlyGate;
  let boundPort = 0;
  const lan = { urls: () => lanUrls(options.host, boundPort) };
  const securityRoutes = options.access === undefined ? [] : [...authRouteTable(options.access, lan), ...pairingRouteTable(options.access, lan)];
  const table = new Map<string, ApiRoute>();
  for (const r of [...coreRoutes(handlers), ...securityRoutes, ...(options.routes ?? [])]) {
    const key = `${r.method} ${r.path}`;
    if (table.has(key)) throw new Error(`API route ${key} registered twice`);
    table.set(key, r);
  }
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!(err instanceof HubError) || err.code === 'internal') log.error('API request failed', { url: req.url, error: String(err) });
      if (!res.headersSent) sendError(res, err);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hub.local');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (!path.startsWith('/api/')) {
      if (method !== 'GET' && method !== 'HEAD') throw new HubError('bad_request', `${method} is not allowed on ${path}`);
      await serveStatic(options.uiRoot, path, res);
      return;
    }
    const foreign = crossOrigin(req);
    if (foreign !== null) throw new HubError('forbidden', `cross-origin request from ${foreign} refused: use the hub's own page`);
    const route = table.get(`${method} ${path}`);
    const access = route?.access ?? 'user';
    let principal: Principal | null;
    if (access === 'public') {
      // A stale token must not stop a device from reading the status or pairing again.
      try {
        principal = gate.authenticate(req);
      } catch {
        principal = null;
      }
    } else {
      principal = gate.authenticate(req);
    }
    gate.authorise(route === undefined ? 'user' : access, principal, req);
    if (route === undefined) throw new HubError('not_found', `no API route ${method} ${path}`);
    const ctx: RouteContext = {
      url,
      req,
      principal,
      body: (schema) => readJsonBody(req, schema),
      query: (schema) => validate(schema, Object.fromEntries(url.searchParams), 'query'),
    };
    const result: unknown = await route.handle(ctx);
    if (result instanceof RawBody) sendRaw(res, result);
    else sendJson(res, 200, result);
  }

  // The token rides in a second subprotocol; the hub selects only the plain one, so the token is never echoed.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, handleProtocols: (offered) => (offered.has(wsProtocol) ? wsProtocol : false) });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://hub.local').pathname;
    if (path !== routes.ws) {
      socket.destroy();
      return;
    }
    try {
      const foreign = crossOrigin(req);
      if (foreign !== null) throw new HubError('forbidden', `cross-origin WebSocket from ${foreign} refused`);
      gate.authorise('user', gate.authenticate(req), req);
    } catch (err) {
      refuseUpgrade(socket, err);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    const send = (s: SiteSnapshot): void => {
      if (ws.readyState !== ws.OPEN || ws.bufferedAmount > maxWsBufferedBytes) return;
      const msg: ServerMessage = { type: 'snapshot', snapshot: s };
      ws.send(JSON.stringify(msg));
    };
    const latest = handlers.latest();
    if (latest !== null) send(latest);
    const off = handlers.onSnapshot(send);
    ws.on('close', off);
    ws.on('error', off);
    // The socket is push-only; whatever a client sends is ignored.
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  boundPort = port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers a refused WebSocket handshake with a plain HTTP status and the reason. */
function refuseUpgrade(socket: Duplex, err: unknown): void {
  const hubError = err instanceof HubError ? err : new HubError('internal', 'internal error');
  const status = hubError.code === 'forbidden' ? 403 : hubError.code === 'unauthorized' ? 401 : 500;
  const text = JSON.stringify({ error: { code: hubError.code, message: hubError.message } });
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Internal Server Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
}
