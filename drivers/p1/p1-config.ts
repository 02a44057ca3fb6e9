/** Configuration of the P1-over-TCP driver (network P1 dongles, ser2net). */
import { z } from 'zod';

export interface P1TcpConfig {
  readonly host: string;
  readonly port: number;
  /** Site ms without a valid telegram before readings count as stale. Default 5000 (meters send every 1 s in DSMR 5, 10 s in DSMR 4). */
  readonly staleAfterMs?: number;
}

// Strict: a misspelt key is an error naming it, not a silently ignored setting.
export const p1TcpConfigSchema: z.ZodType<P1TcpConfig> = z.strictObject({
  host: z.string().min(1, 'host: expected a host name or IP address'),
  port: z.number().int().min(1).max(65535),
  staleAfterMs: z.number().int().min(1000).max(600_000).optional(),
});

/** Connection tuning in real (not site) ms: the network does not speed up with the site clock. Tests shorten them. */
export interface P1ConnectionOptions {
  /** First reconnect delay; doubles per failed attempt up to backoffMaxMs. */
  readonly backoffMinMs?: number;
  readonly backoffMaxMs?: number;
  readonly connectTimeoutMs?: number;
  /** A connection silent for this long is dropped and reopened (half-open TCP, hung dongle). */
  readonly idleTimeoutMs?: number;
  readonly maxTelegramBytes?: number;
}

export const defaultConnectionOptions: Required<P1ConnectionOptions> = {
  backoffMinMs: 500,
  backoffMaxMs: 30_000,
  connectTimeoutMs: 5000,
  idleTimeoutMs: 30_000,
  maxTelegramBytes: 8192,
};
