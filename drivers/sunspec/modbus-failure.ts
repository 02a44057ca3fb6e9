/**
 * Names the SunSpec operation in a failed Modbus request, so health() says
 * "timeout reading model 103 at 40070 from 127.0.0.1:1502 unit 1" instead of
 * a register count the installer cannot place.
 */
import { HubError } from '../../main/common/errors.js';
import { ModbusExceptionError, modbusExceptionName } from '../transports/modbus-errors.js';
import type { ModbusUnit } from '../transports/modbus-types.js';

export function sunspecFailure(err: unknown, action: 'reading' | 'writing', what: string, unit: ModbusUnit): HubError {
  const where = `${what} ${action === 'reading' ? 'from' : 'to'} ${endpointOf(unit)} unit ${unit.unitId}`;
  if (!(err instanceof HubError)) return new HubError('internal', `${action} ${where} failed unexpectedly`, { cause: err });
  if (err.code === 'device_timeout') return new HubError(err.code, `timeout ${action} ${where}`, { retryable: err.retryable, cause: err });
  const detail = err instanceof ModbusExceptionError ? `Modbus exception ${err.exceptionCode} (${modbusExceptionName(err.exceptionCode)})` : err.message;
  return new HubError(err.code, `${action} ${where} failed: ${detail}`, { retryable: err.retryable, cause: err });
}

/** "192.168.1.30:502" or "/dev/ttyUSB0 9600 8N1". */
export function endpointOf(unit: ModbusUnit): string {
  return unit.endpoint ?? `${unit.host}:${unit.port}`;
}
