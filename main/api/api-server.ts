/**
 * The hub's HTTP + WebSocket server, bound to the contract in
 * main/common/api.ts. The one place where errors become user messages.
 * Binds to 127.0.0.1 unless configured otherwise.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
}

export interface RunningApi {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A client that cannot keep up is not allowed to buffer snapshots without bound. */
const maxWsBufferedBytes = 1024 * 1024;

export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const { handlers, log } = options;
  const table = new Map<string, ApiRoute>();
  for (const r of [...coreRoutes(handlers), ...(options.routes ?? [])]) {
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
    const route = table.get(`${method} ${path}`);
    if (route === undefined) throw new HubError('not_found', `no API route ${method} ${path}`);
    const ctx: RouteContext = {
      url,
      req,
      body: (schema) => readJsonBody(req, schema),
      query: (schema) => validate(schema, Object.fromEntries(url.searchParams), 'query'),
    };
    const result: unknown = await route.handle(ctx);
    sendJson(res, 200, result);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://hub.local').pathname;
    if (path !== routes.ws) {
      socket.destroy();
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
