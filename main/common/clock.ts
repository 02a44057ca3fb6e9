/**
 * Site time. The hub, the control loop and the simulated home all read time
 * from one Clock so that `--speed K` runs the whole site K times faster and
 * every duration (stale data after 5 s, a charger's 22 s start-up, 15-min plan
 * slots) stays consistent. Socket timeouts stay in real milliseconds: the
 * network does not speed up.
 */
export interface Clock {
  /** Site time, epoch milliseconds. */
  now(): number;
  /** How many site milliseconds pass per real millisecond. */
  readonly speed: number;
  /** Calls fn every `siteMs` of site time. Returns a function that cancels. */
  every(siteMs: number, fn: () => void): () => void;
  /** Calls fn once after `siteMs` of site time. Returns a function that cancels. */
  after(siteMs: number, fn: () => void): () => void;
}

/** Site time runs `speed` times faster than real time, from `startMs`. */
export class ScaledClock implements Clock {
  readonly speed: number;
  private readonly startMs: number;
  private readonly realStartMs: number;

  constructor(options: { startMs?: number; speed?: number } = {}) {
    const speed = options.speed ?? 1;
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
    this.speed = speed;
    this.realStartMs = performance.now();
    this.startMs = options.startMs ?? Date.now();
  }

  now(): number {
    return Math.round(this.startMs + (performance.now() - this.realStartMs) * this.speed);
  }

  every(siteMs: number, fn: () => void): () => void {
    const handle = setInterval(fn, Math.max(1, siteMs / this.speed));
    unrefTimer(handle);
    return () => clearInterval(handle);
  }

  after(siteMs: number, fn: () => void): () => void {
    const handle = setTimeout(fn, Math.max(0, siteMs / this.speed));
    unrefTimer(handle);
    return () => clearTimeout(handle);
  }
}

/** Timers must not keep a Node process alive on their own (no-op in browsers). */
function unrefTimer(handle: unknown): void {
  if (typeof handle === 'object' && handle !== null && 'unref' in handle && typeof handle.unref === 'function') {
    (handle as { unref(): void }).unref();
  }
}
