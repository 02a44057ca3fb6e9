/**
 * Where a meter's bytes come from: a TCP socket (network dongle, ser2net) or
 * a serial port (drivers/transports/serial-source.ts). The source reconnects
 * by itself; the driver core only sees bytes and connection events.
 */
export interface ByteSink {
  data(chunk: Buffer): void;
  /** The link failed or closed; the source retries on its own. */
  failed(message: string): void;
  /** A (re)connect attempt starts: the stream begins afresh. */
  reconnecting(): void;
}

export interface ByteSource {
  /** Human-readable endpoint for logs, e.g. "192.168.1.20:8088" or "/dev/ttyUSB0 @ 115200 8N1". */
  readonly endpoint: string;
  start(sink: ByteSink): void;
  /** Closes for good; resolves once the link is closed. */
  stop(): Promise<void>;
}
