/** Connection settings shared by the SunSpec drivers: Modbus TCP (host, port) or Modbus RTU (serial). */
import { z } from 'zod';
import { serialShape, type SerialPortConfig } from '../transports/serial-config.js';
import { vendorQuirks } from './vendor-quirks.js';

export interface SunSpecConnectionConfig {
  /** Modbus TCP: the device or gateway. Absent for Modbus RTU. */
  readonly host?: string;
  readonly port: number;
  /** Modbus RTU over RS-485: the adapter and line settings (SunSpec's usual 9600 8N1 by default). */
  readonly serial?: SerialPortConfig;
  readonly unitId: number;
  /** Poll period, site ms. */
  readonly pollMs: number;
  /** Per-request timeout, real ms (pool default when absent). */
  readonly timeoutMs?: number;
  /** Where to look for the "SunS" marker, in order (default 40000, 0, 50000). */
  readonly bases?: readonly number[];
  /**
   * Revert timeout written with every control (RvrtTms), site seconds: the
   * device drops the hub's setting this long after the hub stops writing. The
   * driver rewrites at a third of it while in control.
   */
  readonly revertS: number;
  /** Largest read in one request, for devices that reject long reads (default 125, the Modbus maximum). */
  readonly maxRegistersPerRead?: number;
  /** Quiet time after connecting, real ms (Huawei-style dongles). */
  readonly connectDelayMs?: number;
  /** Vendor quirks: 'auto' (from model 1's manufacturer), 'none', or a vendor id of vendor-quirks.ts. */
  readonly vendor: string;
}

const vendorChoices = ['auto', 'none', ...vendorQuirks.map((q) => q.id)] as const;

export const sunspecConnectionShape = {
  host: z.string().min(1, 'expected a host name or IP address').optional(),
  port: z.number().int().min(1).max(65535).default(502),
  serial: z.strictObject(serialShape({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 })).optional(),
  unitId: z.number().int().min(0).max(255).default(1),
  pollMs: z.number().int().min(100).max(600_000).default(1000),
  timeoutMs: z.number().int().min(50).max(60_000).optional(),
  bases: z.array(z.number().int().min(0).max(65534)).min(1).optional(),
  revertS: z.number().int().min(3).max(65535).default(60),
  maxRegistersPerRead: z.number().int().min(8).max(125).optional(),
  connectDelayMs: z.number().int().min(0).max(30_000).optional(),
  vendor: z.enum(vendorChoices).default('auto'),
};

/** Exactly one of host (TCP) and serial (RTU); the message names the key, as config errors do. */
export function checkTransport(value: { host?: string | undefined; serial?: unknown; unitId: number }, ctx: z.RefinementCtx): void {
  if (value.host === undefined && value.serial === undefined) {
    ctx.addIssue({ code: 'custom', path: ['host'], message: 'expected a host name or IP address (Modbus TCP), or a serial line (Modbus RTU)' });
  }
  if (value.host !== undefined && value.serial !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['serial'], message: 'give either host (Modbus TCP) or serial (Modbus RTU), not both' });
  }
  if (value.serial !== undefined && (value.unitId < 1 || value.unitId > 247)) {
    ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'expected a Modbus RTU address in 1..247' });
  }
}
