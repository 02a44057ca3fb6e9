/** Configuration of a Modbus meter: which template, where (TCP or an RS-485 line) and how often. */
import { z } from 'zod';
import { serialShape } from '../transports/serial-config.js';
import type { SerialPortConfig } from '../transports/serial-config.js';
import { templateNames } from './templates.js';

export interface ModbusMeterConfig {
  /** "eastron-sdm630", "carlo-gavazzi-em24" or "sunspec-meter" (models 201-204, found by discovery). */
  readonly template: string;
  /** Modbus TCP (a meter with Ethernet or an RS-485 gateway)... */
  readonly host?: string;
  readonly port?: number;
  /** ...or Modbus RTU on an RS-485 adapter. */
  readonly serial?: SerialPortConfig;
  readonly unitId: number;
  /** Poll period, site ms. */
  readonly pollMs: number;
  /** Per-request timeout, real ms. */
  readonly timeoutMs?: number;
  readonly staleAfterMs?: number;
}

export const modbusMeterConfigSchema: z.ZodType<ModbusMeterConfig> = z
  .strictObject({
    template: z.string().refine((t) => templateNames.includes(t), `expected one of ${templateNames.join(', ')}`),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    serial: z.strictObject(serialShape({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 })).optional(),
    unitId: z.number().int().min(0).max(247).default(1),
    pollMs: z.number().int().min(200).max(600_000).default(1000),
    timeoutMs: z.number().int().min(50).max(60_000).optional(),
    staleAfterMs: z.number().int().min(1000).max(600_000).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.host === undefined) === (c.serial === undefined)) ctx.addIssue({ code: 'custom', path: ['host'], message: 'expected either host (Modbus TCP) or serial (Modbus RTU)' });
    if (c.host !== undefined && c.port === undefined) ctx.addIssue({ code: 'custom', path: ['port'], message: 'expected the Modbus TCP port (usually 502)' });
  });
