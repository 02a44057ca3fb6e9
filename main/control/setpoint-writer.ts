/**
 * Writes one device's setpoint without piling up requests: at most one write
 * in flight, and the newest wanted value wins (a tick that comes while a slow
 * Modbus write is pending only replaces what is written next).
 */
import type { Logger } from '../common/log.js';
import { describeError } from '../common/errors.js';

export class SetpointWriter<T> {
  private written: T | undefined;
  private wanted: T | undefined;
  private hasWanted = false;
  private inFlight = false;
  private lastError: string | null = null;
  /** Real time (performance.now) of the reading that asked for the pending value. */
  private wantedSinceMs = 0;
  /** Called with reading-to-acknowledged latency (real ms) after each successful write. */
  onWritten: ((latencyMs: number) => void) | null = null;

  constructor(
    private readonly name: string,
    private readonly write: (value: T) => Promise<void>,
    private readonly log: Logger,
    private readonly same: (a: T, b: T) => boolean = (a, b) => a === b,
  ) {}

  /** The last value the device acknowledged. */
  current(): T | undefined {
    return this.written;
  }

  error(): string | null {
    return this.lastError;
  }

  /** `sinceMs`: performance.now() of the reading behind this value, for latency figures. */
  set(value: T, sinceMs = performance.now()): void {
    if (!this.inFlight && this.written !== undefined && this.same(this.written, value)) return;
    this.wantedSinceMs = sinceMs;
    this.wanted = value;
    this.hasWanted = true;
    if (!this.inFlight) void this.flush();
  }

  /** Resolves when nothing is in flight or pending (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while (this.inFlight) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private async flush(): Promise<void> {
    while (this.hasWanted) {
      const value = this.wanted as T;
      const sinceMs = this.wantedSinceMs;
      this.hasWanted = false;
      if (this.written !== undefined && this.same(this.written, value)) continue;
      this.inFlight = true;
      try {
        await this.write(value);
        this.written = value;
        this.lastError = null;
        this.onWritten?.(performance.now() - sinceMs);
      } catch (err) {
        const message = describeError(err);
        if (message !== this.lastError) this.log.warn(`${this.name}: setpoint not written`, { error: message });
        this.lastError = message;
        // Not written: forget what we believed so the next tick writes again.
        this.written = undefined;
      } finally {
        this.inFlight = false;
      }
    }
  }
}
