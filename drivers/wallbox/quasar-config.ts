/**
 * Configuration of the Quasar driver: validated once at load, so a bad key is
 * rejected with its name instead of surfacing as a Modbus error later.
 */
import { z } from 'zod';

export interface QuasarConfig {
  readonly host: string;
  readonly port?: number;
  readonly unitId?: number;
  /** Poll period, site ms. */
  readonly pollMs?: number;
  /** Written to 0x58: the charger leaves remote control by itself after this long without a write. */
  readonly idleTimeoutS?: number;
  readonly setpoint?: 'power' | 'current';
  /** Current mode only: W = A * voltageV * phases. */
  readonly phases?: 1 | 3;
  readonly voltageV?: number;
}

// Strict: a misspelt key ("idleTimeout") is an error naming it, not a silently ignored setting.
export const quasarConfigSchema: z.ZodType<QuasarConfig> = z.strictObject({
  host: z.string().min(1, 'host: expected a host name or IP address'),
  port: z.number().int().min(1).max(65535).optional(),
  unitId: z.number().int().min(0).max(255).optional(),
  pollMs: z.number().int().min(200).max(60_000).optional(),
  // At least 10 s: the driver keeps alive at a third of it and must not flood the bus.
  idleTimeoutS: z.number().int().min(10).max(3600).optional(),
  setpoint: z.enum(['power', 'current']).optional(),
  phases: z.union([z.literal(1), z.literal(3)]).optional(),
  voltageV: z.number().min(100).max(500).optional(),
});

/** Defaults applied in one place. */
export interface QuasarSettings {
  readonly host: string;
  readonly port: number;
  readonly unitId: number;
  readonly pollMs: number;
  readonly idleTimeoutS: number;
  readonly setpoint: 'power' | 'current';
  readonly phases: 1 | 3;
  readonly voltageV: number;
}

export function quasarSettings(config: QuasarConfig): QuasarSettings {
  return {
    host: config.host,
    port: config.port ?? 502,
    unitId: config.unitId ?? 1,
    pollMs: config.pollMs ?? 1000,
    // Long enough to ride out a hub restart, short enough that a crashed hub does not leave the car discharging for long.
    idleTimeoutS: config.idleTimeoutS ?? 60,
    setpoint: config.setpoint ?? 'power',
    // The Quasar 1 is a single-phase 7.4 kW (32 A at 230 V) charger.
    phases: config.phases ?? 1,
    voltageV: config.voltageV ?? 230,
  };
}
