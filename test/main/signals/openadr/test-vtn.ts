/**
 * A VTN for the tests, built from the OpenADR 3 OpenAPI spec: every path and
 * operation of the spec's YAML becomes a route; request bodies are checked
 * against the operation's requestBody schema and every answer against its
 * response schema (a VTN bug fails the test instead of teaching the VEN a
 * wrong shape). Objects live in memory; the server provisions id, times and
 * objectType. Pushes: webhooks for subscriptions, and (3.1.0) the MQTT
 * notifier on a broker the test provides. Two roles: business logic ("bl")
 * writes programs and events, VENs read them and write reports.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { OadrValidator } from '../../../../main/signals/openadr/oadr-validator.js';
import type { OadrVersion } from '../../../../main/signals/openadr/oadr-validator.js';
import { specRoot } from './generate-oadr-schemas.js';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

type Obj = Record<string, unknown>;

interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly params: readonly string[];
  readonly path: string;
  /** Schema definition of the JSON request body, null for none. */
  readonly request: string | null;
  /** Success status and the definition of its body (array: a list of those). */
  readonly response: { readonly status: number; readonly def: string | null; readonly array: boolean } | null;
}

export interface TestVtnOptions {
  readonly version: OadrVersion;
  readonly clients: readonly { readonly id: string; readonly secret: string; readonly role: 'bl' | 'ven' }[];
  /** MQTT broker for the 3.1.0 notifier, null for none. */
  readonly notifierBrokerUrl?: string | null;
  readonly tokenLifetimeS?: number;
}

const refName = (ref: unknown): string | null => (typeof ref === 'string' ? (ref.split('/').at(-1) ?? null) : null);
const objectTypes: Record<string, string> = { programs: 'PROGRAM', events: 'EVENT', reports: 'REPORT', subscriptions: 'SUBSCRIPTION', vens: 'VEN', resources: 'RESOURCE' };

function operations(version: OadrVersion): Operation[] {
  const doc = yaml.load(readFileSync(join(specRoot, version, 'openadr3.yaml'), 'utf8')) as { paths: Record<string, Record<string, Obj>> };
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
    const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, '([A-Za-z0-9_-]+)')}$`);
    for (const method of ['get', 'post', 'put', 'delete']) {
      const op = item[method];
      if (op === undefined) continue;
      const body = ((op.requestBody as Obj | undefined)?.content as Obj | undefined)?.['application/json'] as Obj | undefined;
      let response: Operation['response'] = null;
      for (const [code, r] of Object.entries((op.responses as Obj | undefined) ?? {})) {
        const status = Number(code);
        if (status < 200 || status >= 300) continue;
        const schema = (((r as Obj).content as Obj | undefined)?.['application/json'] as Obj | undefined)?.schema as Obj | undefined;
        const array = schema?.type === 'array';
        const def = refName(array ? (schema?.items as Obj | undefined)?.$ref : schema?.$ref);
        response = { status, def, array };
      }
      out.push({ operationId: String(op.operationId), method: method.toUpperCase(), pattern, params, path, request: refName((body?.schema as Obj | undefined)?.$ref), response });
    }
  }
  return out;
}

export class TestVtn {
  readonly validator: OadrValidator;
  readonly store = new Map<string, Map<string, Obj>>();
  /** Every request the VTN answered: method, path, status. */
  readonly requests: { method: string; path: string; status: number }[] = [];
  private readonly tokens = new Map<string, { clientId: string; role: 'bl' | 'ven'; expiresMs: number }>();
  private readonly ops: Operation[];
  private server: Server | null = null;
  private notifier: MqttClient | null = null;
  private nextId = 1;
  url = '';
  /** Set to make the next responses fail (outage tests). */
  failWith: number | null = null;
  /** Ids of stored objects served without the response check: a buggy VTN, on purpose. */
  readonly unchecked = new Set<string>();

  private constructor(readonly o: TestVtnOptions) {
    this.validator = new OadrValidator(o.version);
    this.ops = operations(o.version);
  }

  static async start(o: TestVtnOptions): Promise<TestVtn> {
    const vtn = new TestVtn(o);
    vtn.server = createServer((req, res) => {
      vtn.handle(req, res).catch((err: unknown) => vtn.send(res, req, 500, { title: 'internal', detail: String(err) }));
    });
    await new Promise<void>((r) => vtn.server?.listen(0, '127.0.0.1', r));
    vtn.url = `http://127.0.0.1:${(vtn.server.address() as AddressInfo).port}/openadr3/${o.version}`;
    if (o.notifierBrokerUrl != null) vtn.notifier = await connectAsync(o.notifierBrokerUrl, { protocolVersion: 4 });
    return vtn;
  }

  async close(): Promise<void> {
    await this.notifier?.endAsync(true);
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  operationIds(): string[] {
    return this.ops.map((o) => o.operationId);
  }

  /** Business-logic calls over HTTP, as a real BL client would make them. */
  async bl(method: string, path: string, body?: unknown): Promise<{ status: number; body: Obj }> {
    const client = this.o.clients.find((c) => c.role === 'bl');
    if (client === undefined) throw new Error('no bl client configured');
    const tokenRes = await fetch(`${this.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }).toString(),
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Obj };
  }

  private collection(name: string): Map<string, Obj> {
    let c = this.store.get(name);
    if (c === undefined) {
      c = new Map();
      this.store.set(name, c);
    }
    return c;
  }

  private send(res: ServerResponse, req: IncomingMessage, status: number, body: unknown): void {
    this.requests.push({ method: req.method ?? '', path: new URL(req.url ?? '/', 'http://x').pathname, status });
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private problem(res: ServerResponse, req: IncomingMessage, status: number, detail: string): void {
    this.send(res, req, status, { type: 'about:blank', title: detail, status, detail });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const prefix = new URL(this.url).pathname;
    if (!url.pathname.startsWith(prefix)) return this.problem(res, req, 404, 'not under the VTN base path');
    const path = url.pathname.slice(prefix.length) || '/';
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (this.failWith !== null) return this.problem(res, req, this.failWith, 'failing on purpose');

    const op = this.ops.find((o) => o.method === req.method && o.pattern.test(path));
    if (op === undefined) return this.problem(res, req, 404, `no operation ${req.method ?? ''} ${path} in the spec`);
    const match = op.pattern.exec(path);
    const params = Object.fromEntries(op.params.map((p, i) => [p, match?.[i + 1] ?? '']));

    if (op.operationId === 'fetchToken') return this.token(raw, req, res);
    if (op.operationId === 'getAuthServerInfo') return this.send(res, req, 200, { tokenURL: `${this.url}/auth/token` });

    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const session = auth === null ? undefined : this.tokens.get(auth[1] ?? '');
    if (session === undefined || session.expiresMs < Date.now()) return this.problem(res, req, 401, 'missing or expired token');

    if (op.path.startsWith('/notifiers')) return this.notifiers(op, req, res);

    let body: Obj | null = null;
    if (op.request !== null) {
      try {
        body = JSON.parse(raw) as Obj;
      } catch {
        return this.problem(res, req, 400, 'body is not JSON');
      }
      const problem = this.validator.check(op.request, body);
      if (problem !== null) return this.problem(res, req, 400, problem);
    }

    const segments = op.path.split('/').filter((s) => s !== '' && !s.startsWith('{'));
    const name = segments.at(-1) ?? '';
    const objectType = objectTypes[name];
    if (objectType === undefined) return this.problem(res, req, 501, `${op.operationId} not implemented by the test VTN`);
    const writeRole = name === 'reports' || name === 'subscriptions' || name === 'vens' || name === 'resources' ? null : 'bl';
    if (req.method !== 'GET' && writeRole !== null && session.role !== writeRole) return this.problem(res, req, 403, `${session.role} may not write ${name}`);

    const coll = this.collection(name);
    const idParam = op.params.at(-1);
    const id = idParam !== undefined && op.path.endsWith(`{${idParam}}`) ? params[idParam] : undefined;
    const now = new Date().toISOString();
    let status = op.response?.status ?? 200;
    let result: unknown;
    if (req.method === 'GET' && id === undefined) {
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const filters = ['programID', 'eventID', 'clientName', 'venName', 'resourceName'].filter((k) => url.searchParams.has(k));
      result = [...coll.values()].filter((o) => filters.every((k) => o[k] === url.searchParams.get(k))).slice(skip, skip + limit);
    } else if (req.method === 'GET') {
      result = coll.get(id ?? '');
      if (result === undefined) return this.problem(res, req, 404, `no ${name} ${id ?? ''}`);
    } else if (req.method === 'POST') {
      const created: Obj = { ...body, id: `${name.slice(0, -1)}-${this.nextId++}`, createdDateTime: now, modificationDateTime: now, objectType };
      if (this.o.version === '3.1.0' && (name === 'reports' || name === 'subscriptions')) created.clientID = session.clientId;
      coll.set(String(created.id), created);
      result = created;
      this.push(objectType, 'CREATE', created);
    } else if (req.method === 'PUT') {
      const old = coll.get(id ?? '');
      if (old === undefined) return this.problem(res, req, 404, `no ${name} ${id ?? ''}`);
      const updated: Obj = { ...body, id: old.id, createdDateTime: old.createdDateTime, modificationDateTime: now, objectType };
      if (old.clientID !== undefined) updated.clientID = old.clientID;
      coll.set(String(updated.id), updated);
      result = updated;
      this.push(objectType, 'UPDATE', updated);
    } else {
      const old = coll.get(id ?? '');
      if (old === undefined) return this.problem(res, req, 404, `no ${name} ${id ?? ''}`);
      coll.delete(id ?? '');
      result = old;
      this.push(objectType, 'DELETE', old);
    }
    const def = op.response?.def ?? null;
    if (def !== null) {
      const items = op.response?.array === true ? (result as unknown[]) : [result];
      for (const item of items) {
        if (this.unchecked.has(String((item as Obj).id))) continue;
        const problem = this.validator.check(def, item);
        if (problem !== null) throw new Error(`test VTN answer does not fit the spec: ${problem}`);
      }
    }
    if (status === 0) status = 200;
    this.send(res, req, status, result);
  }

  private token(raw: string, req: IncomingMessage, res: ServerResponse): void {
    const form = Object.fromEntries(new URLSearchParams(raw));
    const problem = this.validator.check('clientCredentialRequest', form);
    if (problem !== null) return this.send(res, req, 400, { error: 'invalid_request', error_description: problem });
    const client = this.o.clients.find((c) => c.id === form.client_id && c.secret === form.client_secret);
    if (client === undefined) return this.send(res, req, 401, { error: 'invalid_client' });
    const token = randomBytes(16).toString('hex');
    const lifetime = this.o.tokenLifetimeS ?? 3600;
    this.tokens.set(token, { clientId: client.id, role: client.role, expiresMs: Date.now() + lifetime * 1000 });
    this.send(res, req, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime });
  }

  /** Forgets every token, as a VTN restart would: the next request gets 401. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  private notifiers(op: Operation, req: IncomingMessage, res: ServerResponse): void {
    const broker = this.o.notifierBrokerUrl ?? null;
    if (op.path === '/notifiers') {
      const body = { WEBHOOK: true, ...(broker !== null ? { MQTT: { URIS: [broker], serialization: 'JSON', authentication: { method: 'ANONYMOUS' } } } : {}) };
      if (this.validator.check('notifiersResponse', body) !== null) throw new Error('test VTN notifiers answer does not fit the spec');
      return this.send(res, req, 200, body);
    }
    if (broker === null) return this.problem(res, req, 501, 'no MQTT notifier');
    const kind = op.path.includes('/events') ? 'events' : (op.path.split('/')[4] ?? 'programs');
    const body = { topics: { CREATE: `${kind}/create`, UPDATE: `${kind}/update`, DELETE: `${kind}/delete`, ALL: `${kind}/+` } };
    if (this.validator.check('notifierTopicsResponse', body) !== null) throw new Error('test VTN topics answer does not fit the spec');
    return this.send(res, req, 200, body);
  }

  private push(objectType: string, operation: 'CREATE' | 'UPDATE' | 'DELETE', object: Obj): void {
    // 3.0.1 names the operation by its HTTP method in notifications; 3.1.0 by CRUD verb.
    const verb = this.o.version === '3.0.1' ? { CREATE: 'POST', UPDATE: 'PUT', DELETE: 'DELETE' }[operation] : operation;
    const notification = { objectType, operation: verb, object };
    const problem = this.validator.check('notification', notification);
    if (problem !== null) throw new Error(`test VTN notification does not fit the spec: ${problem}`);
    for (const sub of this.collection('subscriptions').values()) {
      const ops = sub.objectOperations as { objects: string[]; operations: string[]; callbackUrl: string; bearerToken?: string | null }[];
      for (const o of ops) {
        if (!o.objects.includes(objectType) || !o.operations.includes(operation)) continue;
        void fetch(o.callbackUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(o.bearerToken != null ? { authorization: `Bearer ${o.bearerToken}` } : {}) },
          body: JSON.stringify(notification),
        }).catch(() => undefined);
      }
    }
    this.notifier?.publish(`${objectType.toLowerCase()}s/${operation.toLowerCase()}`, JSON.stringify(notification));
  }
}
