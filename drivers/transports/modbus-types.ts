/**
 * One shared, serialised Modbus connection per host:port (evcc's modbus util,
 * OpenEMS's bridge): several unit ids and drivers share it; requests queue,
 * each has its own timeout, a failing connection reconnects with back-off.
 */
export interface ModbusUnit {
  readonly host: string;
  readonly port: number;
  readonly unitId: number;
  /** Function 3. Long reads are split by the pool's maxRegistersPerRead. */
  readHoldingRegisters(address: number, count: number): Promise<Uint16Array>;
  /** Function 16. */
  writeRegisters(address: number, values: readonly number[]): Promise<void>;
}

export interface ModbusConnectionOptions {
  /** Per-request timeout, real ms (the network does not speed up with --speed). Default 1000. */
  readonly timeoutMs?: number;
  /** Largest read in one request; lower it for devices that reject long reads. Default 125. */
  readonly maxRegistersPerRead?: number;
}

export interface ModbusPool {
  /** The unit `unitId` on the shared connection to host:port (created on first use). */
  unit(host: string, port: number, unitId: number, options?: ModbusConnectionOptions): ModbusUnit;
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
