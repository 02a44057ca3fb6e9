/**
 * One Modbus connection (a TCP host:port or a serial RTU line), shared by
 * every unit id behind it.
 *
 * Requests run strictly one at a time (many devices and gateways answer only
 * one transaction at a time and some drop the socket when pipelined; a
 * serial bus can only carry one). After a connection error the connection
 * waits with exponential back-off before the next connect attempt; meanwhile
 * requests fail fast with a retryable 'device_unreachable' instead of queuing
 * behind a dead device (OpenEMS's bridge does the same). The back-off is
 * reset only by a successful response, so a device that accepts and
 * immediately drops connections is not hammered.
 */
import { HubError, describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import { mapModbusError, modbusTimeoutError } from './modbus-errors.js';
import type { ModbusClient, ModbusLink, OpenLink } from './modbus-link.js';
import type { ModbusConnectionStats } from './modbus-types.js';

export type { ModbusClient } from './modbus-link.js';

export interface ModbusConnectionTuning {
  /** Real ms to wait for the TCP handshake. */
  readonly connectTimeoutMs: number;
  /** First wait after a connection error, real ms; doubles up to backoffMaxMs. */
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** A socket that stays open but never answers is dropped after this many timeouts in a row. */
  readonly timeoutsBeforeReconnect: number;
}

export const defaultConnectionTuning: ModbusConnectionTuning = {
  connectTimeoutMs: 3000,
  backoffInitialMs: 250,
  backoffMaxMs: 30_000,
  timeoutsBeforeReconnect: 3,
};

/** One request on the wire; `start` issues it with the library's callback API. */
export interface WireRequest<T> {
  /** "reading 2 registers at 40000 from 127.0.0.1:502 unit 1", for error messages. */
  readonly what: string;
  readonly timeoutMs: number;
  start(client: ModbusClient, done: (err: unknown, value?: T) => void): void;
}

interface Inflight {
  fail(err: HubError): void;
}

export class ModbusConnection {
  readonly host: string;
  readonly port: number;
  readonly endpoint: string;
  private readonly link: ModbusLink;
  private readonly tuning: ModbusConnectionTuning;
  private readonly log: Logger;
  private open: OpenLink | null = null;
  private client: ModbusClient | null = null;
  /** Quiet time after connecting before the first request (Huawei's dongles drop requests sent too early). */
  private connectDelayMs = 0;
  private queue: Promise<void> = Promise.resolve();
  private inflight: Inflight | null = null;
  private closed = false;
  private backoffMs = 0;
  /** performance.now() before which no connect is attempted. */
  private retryAt = 0;
  private lastProblem: string | null = null;
  private consecutiveTimeouts = 0;
  /** performance.now() before which a serial line must stay quiet (a late reply may still be on its way). */
  private quietUntil = 0;
  private lastTimeoutMs = 0;
  private stats = { connects: 0, connectionLosses: 0, requests: 0, timeouts: 0, exceptions: 0 };

  constructor(link: ModbusLink, tuning: ModbusConnectionTuning, log: Logger) {
    this.link = link;
    this.host = link.host;
    this.port = link.port;
    this.endpoint = link.endpoint;
    this.tuning = tuning;
    this.log = log;
  }

  get kind(): ModbusLink['kind'] {
    return this.link.kind;
  }

  connectionStats(): ModbusConnectionStats {
    return { connected: this.open !== null, ...this.stats };
  }

  /** Asks for at least `ms` of quiet after each connect; the largest request of all units wins. */
  requestConnectDelay(ms: number): void {
    this.connectDelayMs = Math.max(this.connectDelayMs, ms);
  }

  /**
   * Runs `task` alone on the connection (after every earlier task), connected.
   * A task may issue several wire requests (a split read) that no other
   * request interleaves with, so a block read is never torn by a write.
   */
  exclusive<T>(task: (send: <R>(req: WireRequest<R>) => Promise<R>) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      this.ensureOpen();
      await this.ensureConnected();
      return task(async (req) => {
        await this.waitQuiet();
        return this.send(req);
      });
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.drop(new HubError('device_unreachable', `connection to ${this.endpoint} closed by the hub`));
    await this.queue;
  }

  private ensureOpen(): void {
    if (this.closed) throw new HubError('device_unreachable', `connection to ${this.endpoint} is closed`);
  }

  private async ensureConnected(): Promise<void> {
    if (this.open !== null && this.client !== null) return;
    const waitMs = Math.ceil(this.retryAt - performance.now());
    if (waitMs > 0) {
      throw new HubError('device_unreachable', `${this.endpoint} unreachable (${this.lastProblem ?? 'connection error'}); next attempt in ${waitMs} ms`, {
        retryable: true,
      });
    }
    try {
      await this.connect();
    } catch (err) {
      const first = this.lastProblem === null;
      this.lastProblem = describeError(err);
      this.startBackoff();
      // Log the transition, not every fail-fast: a dead device would flood the log.
      if (first) this.log.warn('modbus connect failed', { endpoint: this.endpoint, error: this.lastProblem, retryInMs: this.backoffMs });
      throw new HubError('device_unreachable', `cannot connect to ${this.endpoint}: ${this.lastProblem}`, { retryable: true, cause: err });
    }
  }

  private async connect(): Promise<void> {
    let link: OpenLink | null = null;
    link = await this.link.open(this.tuning.connectTimeoutMs, () => {
      if (link !== null) this.onLinkClosed(link);
    });
    if (this.closed) {
      link.close();
      this.ensureOpen();
    }
    if (this.connectDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.connectDelayMs));
    this.open = link;
    this.client = link.client;
    this.stats.connects++;
    this.consecutiveTimeouts = 0;
    if (this.lastProblem !== null || this.stats.connects > 1) this.log.info('modbus reconnected', { endpoint: this.endpoint });
    else this.log.debug('modbus connected', { endpoint: this.endpoint });
  }

  /**
   * On a serial bus a reply that comes after its request timed out cannot be
   * told from the reply to the next request to the same unit. After a
   * timeout the line is left quiet for as long again (at most a second) and
   * whatever arrives meanwhile is thrown away when the next request is sent
   * (modbus-rtu-port.ts). A unit slower than twice its timeout needs a larger
   * timeout, not luck.
   */
  private async waitQuiet(): Promise<void> {
    const waitMs = this.quietUntil - performance.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }

  private send<T>(req: WireRequest<T>): Promise<T> {
    const client = this.client;
    if (client === null || this.open === null) {
      return Promise.reject(new HubError('device_unreachable', `connection lost ${req.what}`, { retryable: true }));
    }
    this.stats.requests++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (err: HubError | null, value?: T): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inflight = null;
        if (err === null) {
          this.onSuccess();
          resolve(value as T);
        } else {
          if (err.code === 'device_timeout') this.lastTimeoutMs = req.timeoutMs;
          this.onFailure(err);
          reject(err);
        }
      };
      // Our timer is the authority; the library's own timeout (same value) only frees its transaction slot.
      const timer = setTimeout(() => finish(modbusTimeoutError(req.what, req.timeoutMs)), req.timeoutMs);
      this.inflight = { fail: (err) => finish(err) };
      client.setTimeout(req.timeoutMs);
      try {
        req.start(client, (err, value) => finish(err === null || err === undefined ? null : mapModbusError(err, req.what, req.timeoutMs), value));
      } catch (err) {
        finish(mapModbusError(err, req.what, req.timeoutMs));
      }
    });
  }

  private onSuccess(): void {
    this.consecutiveTimeouts = 0;
    this.backoffMs = 0;
    if (this.lastProblem !== null) {
      this.log.info('modbus device answers again', { endpoint: this.endpoint });
      this.lastProblem = null;
    }
  }

  private onFailure(err: HubError): void {
    if (err.code === 'device_rejected') {
      // An exception is an answer: the link works.
      this.stats.exceptions++;
      this.consecutiveTimeouts = 0;
      this.backoffMs = 0;
      return;
    }
    if (err.code !== 'device_timeout') return;
    this.stats.timeouts++;
    if (this.link.kind === 'rtu') this.quietUntil = performance.now() + Math.min(1000, this.lastTimeoutMs);
    this.consecutiveTimeouts++;
    if (this.link.timeoutsMeanDeadLink && this.consecutiveTimeouts >= this.tuning.timeoutsBeforeReconnect) {
      this.lastProblem = `${this.consecutiveTimeouts} timeouts in a row`;
      this.log.warn('modbus connection dropped after repeated timeouts', { endpoint: this.endpoint, timeouts: this.consecutiveTimeouts });
      this.drop(null);
      this.stats.connectionLosses++;
      this.startBackoff();
    }
  }

  private onLinkClosed(link: OpenLink): void {
    // Closed by drop() already (or a stale link): nothing to do.
    if (link !== this.open) return;
    this.lastProblem = 'connection closed by the device';
    this.log.warn('modbus connection lost', { endpoint: this.endpoint });
    this.drop(new HubError('device_unreachable', `connection to ${this.endpoint} lost during a request`, { retryable: true }));
    this.stats.connectionLosses++;
    this.startBackoff();
  }

  /** Forgets the current link and fails the request on the wire, if any. */
  private drop(inflightError: HubError | null): void {
    const link = this.open;
    this.open = null;
    this.client = null;
    this.consecutiveTimeouts = 0;
    link?.close();
    if (inflightError !== null) this.inflight?.fail(inflightError);
  }

  private startBackoff(): void {
    this.backoffMs = this.backoffMs === 0 ? this.tuning.backoffInitialMs : Math.min(this.tuning.backoffMaxMs, this.backoffMs * 2);
    this.retryAt = performance.now() + this.backoffMs;
  }
}
