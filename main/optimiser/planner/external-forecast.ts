/**
 * Optional external forecasts (a PV forecast service, a price forecast),
 * fetched from a configured URL as JSON and used where they cover the
 * horizon. A failed fetch keeps the last good answer for a while and is
 * logged; planning never waits on the network.
 */
import { z } from 'zod';
import { describeError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';

const pvEntry = z.object({ startMs: z.number(), endMs: z.number(), powerW: z.number().min(0) });
const priceEntry = z.object({ startMs: z.number(), endMs: z.number(), importPerKWh: z.number(), exportPerKWh: z.number() });

export type PvEntry = z.infer<typeof pvEntry>;
export type PriceEntry = z.infer<typeof priceEntry>;

/** An answer older than this is not used (ms). */
const maxAgeMs = 6 * 3_600_000;

export class ExternalForecast<T extends { startMs: number; endMs: number }> {
  private entries: readonly T[] = [];
  private fetchedMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly what: string,
    private readonly url: string,
    private readonly refreshMs: number,
    private readonly schema: z.ZodType<T[]>,
    private readonly log: Logger,
    private readonly onUpdate: () => void,
  ) {}

  start(): void {
    void this.fetch();
    this.timer = setInterval(() => void this.fetch(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** The entry covering `startMs`, null when none (or the answer is too old). */
  at(startMs: number, nowRealMs = Date.now()): T | null {
    if (nowRealMs - this.fetchedMs > maxAgeMs) return null;
    return this.entries.find((e) => e.startMs <= startMs && startMs < e.endMs) ?? null;
  }

  private async fetch(): Promise<void> {
    try {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const parsed = this.schema.safeParse(await res.json());
      if (!parsed.success) throw new Error(`unexpected answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      this.entries = parsed.data;
      this.fetchedMs = Date.now();
      this.onUpdate();
    } catch (err) {
      this.log.warn(`external ${this.what} forecast not fetched`, { url: this.url, error: describeError(err) });
    }
  }
}

export const pvForecastSchema = z.array(pvEntry);
export const priceForecastSchema = z.array(priceEntry);
