/**
 * What a driver module exports: its type name, config schema and factory
 * (evcc's registry.Add, Actual's `satisfies IBank`). drivers/registry.ts lists
 * them all in one table.
 */
import type { z } from 'zod';
import type { Clock } from '../main/common/clock.js';
import type { Logger } from '../main/common/log.js';
import type { DeviceRole } from '../main/common/snapshot.js';
import type { Device } from './api.js';
import type { CsmsPool } from './ocpp/csms-types.js';
import type { ModbusPool } from './transports/modbus-types.js';

export interface DriverContext {
  readonly clock: Clock;
  readonly log: Logger;
  readonly modbus: ModbusPool;
  /**
   * The shared OCPP charging station manager (one WebSocket server for all
   * OCPP chargers). Optional so that contexts built for drivers that do not
   * need it (tests, tools) stay valid; the OCPP driver refuses to start without it.
   */
  readonly ocpp?: CsmsPool;
}

/** Every device config has these; the driver schema adds its own keys. */
export interface DeviceConfigBase {
  readonly id: string;
  readonly role: DeviceRole;
  readonly type: string;
}

export interface DriverDefinition<C extends object> {
  readonly type: string;
  readonly description: string;
  /** Roles this driver can fill. */
  readonly roles: readonly DeviceRole[];
  /** Validates the driver-specific keys (not id/role/type). */
  readonly configSchema: z.ZodType<C>;
  create(config: C & DeviceConfigBase, ctx: DriverContext): Device;
}
