/**
 * Meter bytes from a serial port (P1 cable, M-Bus HAN adapter, TIC reader,
 * SML IR head), with the line settings the protocol needs. An inverted P1
 * line is the cable's business: we read plain UART bytes. A port that cannot
 * be opened or that disappears (USB adapter unplugged) is reopened with
 * back-off in real time, like a TCP dongle.
 *
 * A wrong baud rate or parity does not fail at open: it shows as garbage,
 * hence as checksum or format errors in the meter's health.
 */
import { SerialPort } from 'serialport';
import { describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { ByteSink, ByteSource } from '../p1/byte-source.js';
import { describeLine } from './serial-config.js';
import type { SerialPortConfig } from './serial-config.js';

export interface SerialSourceOptions {
  /** First reopen delay, real ms; doubles per failure up to backoffMaxMs. */
  readonly backoffMinMs?: number;
  readonly backoffMaxMs?: number;
}

export class SerialSource implements ByteSource {
  readonly endpoint: string;
  private readonly backoffMinMs: number;
  private readonly backoffMaxMs: number;
  private port: SerialPort | null = null;
  private sink: ByteSink | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly config: SerialPortConfig,
    private readonly log: Logger,
    options: SerialSourceOptions = {},
  ) {
    this.endpoint = `${config.path} @ ${describeLine(config)}`;
    this.backoffMinMs = options.backoffMinMs ?? 1000;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
  }

  start(sink: ByteSink): void {
    this.sink = sink;
    this.stopped = false;
    this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const port = this.port;
    this.port = null;
    if (port === null || !port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private open(): void {
    if (this.stopped || this.sink === null) return;
    const sink = this.sink;
    const { path, baudRate, dataBits, parity, stopBits } = this.config;
    const port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, autoOpen: false, lock: true });
    this.port = port;
    let failure: string | null = null;
    port.on('data', (chunk: Buffer) => {
      this.failures = 0;
      sink.data(chunk);
    });
    port.on('error', (err) => {
      failure = describeError(err);
    });
    port.on('close', () => {
      if (this.port !== port || this.stopped) return;
      this.port = null;
      sink.failed(failure ?? `serial port ${path} closed`);
      this.retry();
    });
    port.open((err) => {
      if (err === null || err === undefined) {
        this.log.info('serial port open', { endpoint: this.endpoint });
        return;
      }
      if (this.port !== port || this.stopped) return;
      this.port = null;
      sink.failed(`cannot open ${path}: ${describeError(err)}`);
      this.retry();
    });
  }

  private retry(): void {
    const delay = Math.min(this.backoffMaxMs, this.backoffMinMs * 2 ** Math.min(this.failures, 20));
    this.failures++;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sink?.reconnecting();
      this.open();
    }, delay);
    this.timer.unref();
  }
}
