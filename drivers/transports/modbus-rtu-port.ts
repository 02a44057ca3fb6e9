/**
 * The serial side of Modbus RTU for modbus-serial (which takes any object
 * with open/close/write/isOpen and 'data'/'close'/'error' events as its port).
 * We do not use the library's RTUBufferedPort because of what a shared
 * RS-485 bus needs:
 *
 * - Every new request first throws away whatever arrived before it. A reply
 *   that comes after its request timed out (slow unit, wrong timeout) would
 *   otherwise be taken as the answer to the next request with the same unit
 *   and function: a wrong number, silently.
 * - A frame is cut by its expected length (known from the request), not by
 *   timing, so a busy machine that delivers bytes late does not split it.
 * - Adapters that echo what they send (two-wire RS-485 without echo
 *   suppression) are handled: a leading copy of the request is skipped.
 * - Between frames the line stays quiet for 3.5 character times (Modbus over
 *   serial line v1.02, 2.5.1.1; 1.75 ms above 19200 baud).
 */
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import type { SerialPortConfig } from './serial-config.js';

const exceptionFrameBytes = 5;

export class RtuPort extends EventEmitter {
  private readonly serial: SerialPort;
  private readonly gapMs: number;
  private buffer: Buffer = Buffer.alloc(0);
  private request: Buffer | null = null;
  private expectedBytes: number | null = null;
  private lastActivityMs = 0;
  private silenceTimer: NodeJS.Timeout | null = null;

  constructor(config: SerialPortConfig) {
    super();
    this.serial = new SerialPort({
      path: config.path,
      baudRate: config.baudRate,
      dataBits: config.dataBits,
      parity: config.parity,
      stopBits: config.stopBits,
      autoOpen: false,
    });
    const bitsPerChar = 1 + config.dataBits + (config.parity === 'none' ? 0 : 1) + config.stopBits;
    this.gapMs = config.baudRate > 19_200 ? 1.75 : (3.5 * bitsPerChar * 1000) / config.baudRate;
    this.serial.on('data', (chunk: Buffer) => this.onData(chunk));
    this.serial.on('close', () => this.emit('close'));
    this.serial.on('error', (err: Error) => this.emit('error', err));
  }

  get isOpen(): boolean {
    return this.serial.isOpen;
  }

  open(callback: (err: Error | null) => void): void {
    this.serial.open((err) => callback(err ?? null));
  }

  close(callback?: (err: Error | null) => void): void {
    this.clearSilenceTimer();
    if (!this.serial.isOpen) {
      callback?.(null);
      return;
    }
    this.serial.close((err) => callback?.(err ?? null));
  }

  /** Called by modbus-serial with a complete request frame (CRC included). */
  write(frame: Buffer): void {
    this.buffer = Buffer.alloc(0);
    this.clearSilenceTimer();
    this.request = Buffer.from(frame);
    this.expectedBytes = expectedReplyBytes(frame);
    const waitMs = this.lastActivityMs + this.gapMs - performance.now();
    const send = (): void => {
      this.lastActivityMs = performance.now();
      this.serial.write(frame);
    };
    if (waitMs > 0) setTimeout(send, waitMs);
    else send();
  }

  private onData(chunk: Buffer): void {
    this.lastActivityMs = performance.now();
    if (this.request === null) return; // nobody asked: noise or another master
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.skipEcho();
    this.resync();
    this.tryEmit();
  }

  /** An echoing adapter returns the request first; it is not the reply. */
  private skipEcho(): void {
    const req = this.request;
    if (req === null || this.buffer.length < req.length) return;
    if (this.buffer.subarray(0, req.length).equals(req)) this.buffer = this.buffer.subarray(req.length);
  }

  /** Drops bytes until the buffer starts with the addressed unit id (line noise before the reply). */
  private resync(): void {
    const unitId = this.request?.[0];
    const start = this.buffer.indexOf(unitId ?? 0);
    if (start > 0) this.buffer = this.buffer.subarray(start);
    else if (start === -1) this.buffer = Buffer.alloc(0);
  }

  private tryEmit(): void {
    const fc = this.request?.[1];
    if (fc === undefined || this.buffer.length < 2) return;
    const replyFc = this.buffer[1] ?? 0;
    if (replyFc === (fc | 0x80) && this.buffer.length >= exceptionFrameBytes) {
      this.emitFrame(exceptionFrameBytes);
      return;
    }
    if (this.expectedBytes !== null) {
      if (this.buffer.length >= this.expectedBytes) this.emitFrame(this.expectedBytes);
      return;
    }
    // A function whose reply length we cannot know: the frame ends at the first 3.5-character silence.
    this.clearSilenceTimer();
    this.silenceTimer = setTimeout(() => this.emitFrame(this.buffer.length), Math.max(2, this.gapMs));
  }

  private emitFrame(bytes: number): void {
    const frame = this.buffer.subarray(0, bytes);
    this.buffer = Buffer.alloc(0);
    this.request = null;
    this.expectedBytes = null;
    this.emit('data', Buffer.from(frame));
  }

  private clearSilenceTimer(): void {
    if (this.silenceTimer !== null) clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
  }
}

/** Reply length for the functions whose reply size follows from the request (address, fc, data, CRC). */
function expectedReplyBytes(request: Buffer): number | null {
  const fc = request[1];
  const quantity = request.length >= 6 ? request.readUInt16BE(4) : 0;
  switch (fc) {
    case 1:
    case 2:
      return 5 + Math.ceil(quantity / 8);
    case 3:
    case 4:
      return 5 + 2 * quantity;
    case 5:
    case 6:
    case 15:
    case 16:
      return 8;
    default:
      return null;
  }
}
