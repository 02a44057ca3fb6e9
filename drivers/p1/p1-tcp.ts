/**
 * Smart meter over P1 via TCP: a network P1 dongle or ser2net in front of the
 * meter's serial port. The meter pushes a telegram every second (DSMR 5); we
 * frame, parse and cache the latest valid one. A telegram with a bad CRC is
 * dropped and counted, never half-used. The socket reconnects with back-off
 * in real time; staleness is judged in site time, like every other device.
 */
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import type { Clock } from '../../main/common/clock.js';
import { describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { DeviceHealth, DeviceRole, DeviceStatus, PhaseValues } from '../../main/common/snapshot.js';
import type { Device, EnergyMeter, PhaseMeter, PowerMeter } from '../api.js';
import type { DriverDefinition } from '../driver.js';
import { defaultConnectionOptions, p1TcpConfigSchema } from './p1-config.js';
import type { P1ConnectionOptions, P1TcpConfig } from './p1-config.js';
import { P1Framer } from './framer.js';
import { parseTelegram } from './parser.js';
import type { P1Reading } from './reading.js';

export type { P1TcpConfig, P1ConnectionOptions };

const DEFAULT_STALE_AFTER_MS = 5000;

export interface P1TcpMeterParams {
  readonly id: string;
  readonly role: DeviceRole;
  readonly config: P1TcpConfig;
  readonly clock: Clock;
  readonly log: Logger;
  readonly connection?: P1ConnectionOptions;
}

export class P1TcpMeter implements Device, PowerMeter, EnergyMeter, PhaseMeter {
  readonly id: string;
  readonly type = 'p1-tcp';
  readonly role: DeviceRole;
  readonly capabilities = ['powerMeter', 'energyMeter', 'phaseMeter'] as const;

  private readonly host: string;
  private readonly port: number;
  private readonly staleAfterMs: number;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly conn: Required<P1ConnectionOptions>;
  private readonly framer: P1Framer;
  private readonly listeners = new Set<() => void>();
  private readonly counters = { telegrams: 0, crcErrors: 0, parseErrors: 0, reconnects: 0 };

  private socket: Socket | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failedAttempts = 0;
  private started = false;
  private stopped = false;
  private startedTs: number | null = null;
  private reading: P1Reading | null = null;
  private lastValidTs: number | null = null;
  private lastError: string | null = null;
  /** A meter that once sent a CRC always does; a telegram without one from it is damaged. */
  private crcSeen = false;
  /** Log the first problem of a run at warn, the rest at debug: a broken cable must not flood the log. */
  private inErrorRun = false;
  private oversizedSeen = 0;

  constructor(params: P1TcpMeterParams) {
    this.id = params.id;
    this.role = params.role;
    this.host = params.config.host;
    this.port = params.config.port;
    this.staleAfterMs = params.config.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.clock = params.clock;
    this.log = params.log;
    this.conn = { ...defaultConnectionOptions, ...params.connection };
    this.framer = new P1Framer({ maxBytes: this.conn.maxTelegramBytes });
  }

  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.stopped = false;
      this.startedTs = this.clock.now();
      this.connect();
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    if (socket === null || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  health(): DeviceHealth {
    const now = this.clock.now();
    let status: DeviceStatus;
    let lastError = this.lastError;
    const since = this.lastValidTs ?? this.startedTs;
    const age = since === null ? 0 : now - since;
    const lastErrorSuffix = this.lastError === null ? '' : `: last error ${this.lastError}`;
    if (this.lastValidTs !== null && age <= this.staleAfterMs) {
      status = 'ok';
    } else if (this.lastValidTs !== null) {
      status = 'stale';
      lastError = `no valid telegram for ${Math.round(age / 1000)} s${lastErrorSuffix}`;
    } else if (this.lastError !== null) {
      status = 'error';
    } else if (this.startedTs !== null && age > this.staleAfterMs) {
      status = 'stale';
      lastError = `no telegram received in ${Math.round(age / 1000)} s since start`;
    } else {
      status = 'connecting';
    }
    return { id: this.id, role: this.role, type: this.type, status, lastValidTs: this.lastValidTs, lastError, counters: { ...this.counters } };
  }

  onReading(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Grid power, W, > 0 import. */
  powerW(): number | null {
    const r = this.fresh();
    return r === null || r.powerImportW === null || r.powerExportW === null ? null : r.powerImportW - r.powerExportW;
  }

  energyImportWh(): number | null {
    return this.fresh()?.energyImportWh ?? null;
  }

  energyExportWh(): number | null {
    return this.fresh()?.energyExportWh ?? null;
  }

  /** L1..Ln, trailing phases without any data left out (single-phase meters). */
  phases(): readonly PhaseValues[] | null {
    const r = this.fresh();
    if (r === null) return null;
    const values = r.phases.map((p) => ({
      currentA: p.currentA,
      voltageV: p.voltageV,
      powerW: p.powerImportW === null || p.powerExportW === null ? null : p.powerImportW - p.powerExportW,
    }));
    while (values.length > 0 && values[values.length - 1]?.currentA === null && values[values.length - 1]?.voltageV === null && values[values.length - 1]?.powerW === null) values.pop();
    return values.length === 0 ? null : values;
  }

  /** The latest valid telegram, fresh or not (diagnostics, commissioning, tests). */
  lastReading(): P1Reading | null {
    return this.reading;
  }

  private fresh(): P1Reading | null {
    if (this.reading === null || this.lastValidTs === null) return null;
    return this.clock.now() - this.lastValidTs > this.staleAfterMs ? null : this.reading;
  }

  private connect(): void {
    if (this.stopped) return;
    this.framer.reset();
    const socket = createConnection({ host: this.host, port: this.port });
    this.socket = socket;
    let failure: string | null = null;
    const connectTimer = setTimeout(() => socket.destroy(new Error(`connect timed out after ${this.conn.connectTimeoutMs} ms`)), this.conn.connectTimeoutMs);
    connectTimer.unref();

    socket.once('connect', () => {
      clearTimeout(connectTimer);
      socket.setKeepAlive(true, 10_000);
      socket.setTimeout(this.conn.idleTimeoutMs);
      this.log.info('connected', { host: this.host, port: this.port });
    });
    socket.on('timeout', () => socket.destroy(new Error(`no data for ${Math.round(this.conn.idleTimeoutMs / 1000)} s`)));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => {
      failure = describeError(err);
    });
    socket.on('close', () => {
      clearTimeout(connectTimer);
      if (this.socket === socket) this.socket = null;
      if (this.stopped) return;
      this.noteError(failure ?? 'connection closed by the meter');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const delay = Math.min(this.conn.backoffMaxMs, this.conn.backoffMinMs * 2 ** Math.min(this.failedAttempts, 20));
    this.failedAttempts++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.counters.reconnects++;
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private onData(chunk: Buffer): void {
    for (const text of this.framer.push(chunk)) this.onTelegram(text);
    if (this.framer.oversized > this.oversizedSeen) {
      this.counters.parseErrors += this.framer.oversized - this.oversizedSeen;
      this.oversizedSeen = this.framer.oversized;
      this.noteError(`telegram longer than ${this.framer.maxBytes} bytes dropped`);
    }
  }

  private onTelegram(text: string): void {
    const result = parseTelegram(text);
    if (!result.ok) {
      if (result.kind === 'crc') this.counters.crcErrors++;
      else this.counters.parseErrors++;
      this.noteError(result.error);
      return;
    }
    const reading = result.reading;
    if (!reading.crcChecked && this.crcSeen) {
      this.counters.crcErrors++;
      this.noteError('CRC missing in a telegram from a meter that sends CRCs');
      return;
    }
    if (reading.powerImportW === null || reading.powerExportW === null) {
      this.counters.parseErrors++;
      this.noteError('telegram without power registers 1-0:1.7.0 / 1-0:2.7.0');
      return;
    }
    this.crcSeen ||= reading.crcChecked;
    this.reading = reading;
    this.lastValidTs = this.clock.now();
    this.counters.telegrams++;
    this.failedAttempts = 0;
    this.inErrorRun = false;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (err) {
        this.log.error('reading listener failed', { error: describeError(err) });
      }
    }
  }

  private noteError(message: string): void {
    this.lastError = message;
    if (!this.inErrorRun) this.log.warn(message, { host: this.host, port: this.port });
    else this.log.debug(message);
    this.inErrorRun = true;
  }
}

export const p1TcpDriver: DriverDefinition<P1TcpConfig> = {
  type: 'p1-tcp',
  description: 'DSMR P1 smart meter (NL, BE, LU, SE) via a network P1 dongle or ser2net, TCP',
  roles: ['grid'],
  configSchema: p1TcpConfigSchema,
  create(config, ctx) {
    return new P1TcpMeter({ id: config.id, role: config.role, config, clock: ctx.clock, log: ctx.log.child(config.id) });
  },
};
