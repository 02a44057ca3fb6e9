/** Connection settings shared by the SunSpec drivers. */
import { z } from 'zod';

export interface SunSpecConnectionConfig {
  readonly host: string;
  readonly port: number;
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
}

export const sunspecConnectionShape = {
  host: z.string().min(1, 'expected a host name or IP address'),
  port: z.number().int().min(1).max(65535).default(502),
  unitId: z.number().int().min(0).max(255).default(1),
  pollMs: z.number().int().min(100).max(600_000).default(1000),
  timeoutMs: z.number().int().min(50).max(60_000).optional(),
  bases: z.array(z.number().int().min(0).max(65534)).min(1).optional(),
  revertS: z.number().int().min(3).max(65535).default(60),
};
