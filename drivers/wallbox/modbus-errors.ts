/**
 * Turns a failed Modbus request into a HubError that names the device, the
 * register and what went wrong, so the installer sees "reading state 0x219 on
 * 192.168.1.20:502 unit 1 timed out" rather than a bare "Timed out".
 */
import { HubError, type ErrorCode } from '../../main/common/errors.js';

/** Modbus exception codes (Modbus Application Protocol v1.1b3, section 7). */
const exceptionNames: Readonly<Record<number, string>> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  6: 'server device busy',
};

/** The exception code carried by a modbus-serial error (possibly wrapped by the pool), if any. */
export function modbusExceptionCode(err: unknown): number | null {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && typeof cur === 'object' && cur !== null; depth++) {
    // modbus-serial's errors carry `modbusCode`; the shared pool's ModbusExceptionError carries `exceptionCode`.
    if ('modbusCode' in cur && typeof cur.modbusCode === 'number') return cur.modbusCode;
    if ('exceptionCode' in cur && typeof cur.exceptionCode === 'number') return cur.exceptionCode;
    cur = 'cause' in cur ? cur.cause : undefined;
  }
  return null;
}

function classify(err: unknown): { code: ErrorCode; retryable: boolean; detail: string } {
  const exception = modbusExceptionCode(err);
  if (exception !== null) {
    return { code: 'device_rejected', retryable: false, detail: `Modbus exception ${exception} (${exceptionNames[exception] ?? 'unknown'})` };
  }
  if (err instanceof HubError) return { code: err.code, retryable: err.retryable, detail: err.message };
  const message = err instanceof Error ? err.message : String(err);
  if (/time[d ]?\s*out/i.test(message)) return { code: 'device_timeout', retryable: true, detail: message };
  return { code: 'device_unreachable', retryable: true, detail: message };
}

/** Wraps `err` with the operation (e.g. "writing power setpoint 0x104") and the endpoint. */
export function modbusError(operation: string, endpoint: string, err: unknown): HubError {
  const { code, retryable, detail } = classify(err);
  return new HubError(code, `${operation} on ${endpoint} failed: ${detail}`, { retryable, cause: err });
}

export function hex(address: number): string {
  return `0x${address.toString(16).toUpperCase().padStart(2, '0')}`;
}
