/**
 * One shared, serialised Modbus connection per host:port or serial line
 * (evcc's modbus util, OpenEMS's bridge): several unit ids and drivers share
 * it; requests queue, each has its own timeout, a failing connection
 * reconnects with back-off.
 */
import type { SerialPortConfig } from './serial-config.js';

export interface ModbusUnit {
  /** TCP host, or the serial device path for Modbus RTU. */
  readonly host: string;
  /** TCP port; 0 for Modbus RTU. */
  readonly port: number;
  readonly unitId: number;
  /** "192.168.1.30:502" or "/dev/ttyUSB0 9600 8N1", for messages (pooled units have it; fakes may not). */
  readonly endpoint?: string;
  /** Function 3. Long reads are split by the pool's maxRegistersPerRead. */
  readHoldingRegisters(address: number, count: number): Promise<Uint16Array>;
  /** Function 4 (meters and vendor maps that use input registers). Optional so that test fakes need not implement it. */
  readInputRegisters?(address: number, count: number): Promise<Uint16Array>;
  /** Function 16. */
  writeRegisters(address: number, values: readonly number[]): Promise<void>;
}

export interface ModbusConnectionOptions {
  /** Per-request timeout, real ms (the network does not speed up with --speed). Default 1000. */
  readonly timeoutMs?: number;
  /** Largest read in one request; lower it for devices that reject long reads. Default 125. */
  readonly maxRegistersPerRead?: number;
  /**
   * Quiet time after each connect before the first request, real ms (some
   * Modbus TCP dongles, Huawei's in particular, drop requests that come too
   * early). Per connection: the largest value any unit asks for applies.
   */
  readonly connectDelayMs?: number;
}

export interface ModbusPool {
  /** The unit `unitId` on the shared connection to host:port (created on first use). */
  unit(host: string, port: number, unitId: number, options?: ModbusConnectionOptions): ModbusUnit;
  /**
   * The unit `unitId` on the shared Modbus RTU line at `serial.path` (opened
   * on first use). Optional so that test fakes need not implement it.
   */
  serialUnit?(serial: SerialPortConfig, unitId: number, options?: ModbusConnectionOptions): ModbusUnit;
  close(): Promise<void>;
}

/** Counters of the shared connection a unit uses (the same object for every unit on that host:port). */
export interface ModbusConnectionStats {
  readonly connected: boolean;
  /** Successful TCP connects, the first one included. */
  readonly connects: number;
  /** Connections lost or dropped after the first connect (peer closed, repeated timeouts). */
  readonly connectionLosses: number;
  readonly requests: number;
  readonly timeouts: number;
  readonly exceptions: number;
}

/** Optional extra of a ModbusUnit: pool-side counters for health(). Fakes in tests may leave it out. */
export interface ModbusUnitWithStats extends ModbusUnit {
  connectionStats(): ModbusConnectionStats;
}
