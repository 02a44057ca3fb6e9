/**
 * Meter bytes over TCP (network P1/HAN/TIC/SML dongles, ser2net). Reconnects
 * with back-off in real time: the network does not speed up with the site
 * clock. A connection that stays silent is dropped and reopened (half-open
 * TCP, a hung dongle).
 */
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { ByteSink, ByteSource } from './byte-source.js';

/** Connection tuning in real (not site) ms. Tests shorten them. */
export interface TcpSourceOptions {
  /** First reconnect delay; doubles per failed attempt up to backoffMaxMs. */
  readonly backoffMinMs?: number;
  readonly backoffMaxMs?: number;
  readonly connectTimeoutMs?: number;
  /** A connection silent for this long is dropped and reopened. */
  readonly idleTimeoutMs?: number;
}

export const defaultTcpSourceOptions: Required<TcpSourceOptions> = {
  backoffMinMs: 500,
  backoffMaxMs: 30_000,
  connectTimeoutMs: 5000,
  idleTimeoutMs: 30_000,
};

export class TcpSource implements ByteSource {
  readonly endpoint: string;
  private readonly opts: Required<TcpSourceOptions>;
  private socket: Socket | null = null;
  private sink: ByteSink | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failedAttempts = 0;
  private stopped = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly log: Logger,
    options: TcpSourceOptions = {},
  ) {
    this.endpoint = `${host}:${port}`;
    this.opts = { ...defaultTcpSourceOptions, ...options };
  }

  start(sink: ByteSink): void {
    this.sink = sink;
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    if (socket === null || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private connect(): void {
    if (this.stopped || this.sink === null) return;
    const sink = this.sink;
    const socket = createConnection({ host: this.host, port: this.port });
    this.socket = socket;
    let failure: string | null = null;
    let gotData = false;
    const connectTimer = setTimeout(() => socket.destroy(new Error(`connect timed out after ${this.opts.connectTimeoutMs} ms`)), this.opts.connectTimeoutMs);
    connectTimer.unref();

    socket.once('connect', () => {
      clearTimeout(connectTimer);
      socket.setKeepAlive(true, 10_000);
      socket.setNoDelay(true);
      socket.setTimeout(this.opts.idleTimeoutMs);
      this.log.info('connected', { endpoint: this.endpoint });
    });
    socket.on('timeout', () => socket.destroy(new Error(`no data for ${Math.round(this.opts.idleTimeoutMs / 1000)} s`)));
    socket.on('data', (chunk: Buffer) => {
      // Only a connection that delivers bytes resets the back-off: a dongle that accepts and drops is not hammered.
      if (!gotData) this.failedAttempts = 0;
      gotData = true;
      sink.data(chunk);
    });
    socket.on('error', (err) => {
      failure = describeError(err);
    });
    socket.on('close', () => {
      clearTimeout(connectTimer);
      if (this.socket === socket) this.socket = null;
      if (this.stopped) return;
      sink.failed(failure ?? 'connection closed by the meter');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const delay = Math.min(this.opts.backoffMaxMs, this.opts.backoffMinMs * 2 ** Math.min(this.failedAttempts, 20));
    this.failedAttempts++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.sink?.reconnecting();
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
