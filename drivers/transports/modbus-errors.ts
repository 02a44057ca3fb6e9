/**
 * Turns what modbus-serial throws into HubErrors with a code and whether a
 * retry can help, so drivers and health() never have to know the library.
 */
import { HubError } from '../../main/common/errors.js';

/** Standard Modbus exception codes (Modbus Application Protocol v1.1b3, section 7). */
const exceptionNames: Readonly<Record<number, string>> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge',
  6: 'server device busy',
  8: 'memory parity error',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond',
};

/** Busy/acknowledge and gateway problems are transient; the others mean "this request will never work". */
const retryableExceptions = new Set([5, 6, 10, 11]);

/** "illegal data address" for 2, and so on. */
export function modbusExceptionName(code: number): string {
  return exceptionNames[code] ?? 'unknown exception';
}

/** A Modbus exception response: the device understood the request and refused it. */
export class ModbusExceptionError extends HubError {
  readonly exceptionCode: number;

  constructor(exceptionCode: number, what: string, options: { cause?: unknown } = {}) {
    const name = modbusExceptionName(exceptionCode);
    super('device_rejected', `Modbus exception ${exceptionCode} (${name}) ${what}`, {
      retryable: retryableExceptions.has(exceptionCode),
      cause: options.cause,
    });
    this.name = 'ModbusExceptionError';
    this.exceptionCode = exceptionCode;
  }
}

export function modbusTimeoutError(what: string, timeoutMs: number): HubError {
  return new HubError('device_timeout', `timeout ${what} (no answer within ${timeoutMs} ms)`, { retryable: true });
}

/** `what` reads like "reading 2 registers at 40000 from 127.0.0.1:502 unit 1". */
export function mapModbusError(err: unknown, what: string, timeoutMs: number): HubError {
  if (err instanceof HubError) return err;
  const fields = typeof err === 'object' && err !== null ? (err as { modbusCode?: unknown; errno?: unknown; message?: unknown }) : {};
  if (typeof fields.modbusCode === 'number') return new ModbusExceptionError(fields.modbusCode, what, { cause: err });
  if (fields.errno === 'ETIMEDOUT') return modbusTimeoutError(what, timeoutMs);
  if (fields.message === 'Port Not Open' || fields.errno === 'ECONNREFUSED') {
    return new HubError('device_unreachable', `connection lost ${what}`, { retryable: true, cause: err });
  }
  // CRC/length errors and the like: a garbled frame, worth another try.
  const detail = typeof fields.message === 'string' ? fields.message : String(err);
  return new HubError('device_protocol', `bad response ${what}: ${detail}`, { retryable: true, cause: err });
}
