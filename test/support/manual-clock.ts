/**
 * A Clock the test moves by hand: timers fire in site-time order during
 * advance(), so protocol tests can send exactly one telegram at a time over a
 * real socket without waiting for wall-clock time.
 */
import type { Clock } from '../../main/common/clock.js';

interface Timer {
  due: number;
  readonly periodMs: number | null;
  readonly fn: () => void;
  cancelled: boolean;
}

export class ManualClock implements Clock {
  readonly speed = 1;
  private nowMs: number;
  private readonly timers = new Set<Timer>();

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  every(siteMs: number, fn: () => void): () => void {
    return this.add({ due: this.nowMs + siteMs, periodMs: siteMs, fn, cancelled: false });
  }

  after(siteMs: number, fn: () => void): () => void {
    return this.add({ due: this.nowMs + siteMs, periodMs: null, fn, cancelled: false });
  }

  /** Moves time forward by ms, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      let next: Timer | null = null;
      for (const t of this.timers) if (!t.cancelled && t.due <= target && (next === null || t.due < next.due)) next = t;
      if (next === null) break;
      this.nowMs = next.due;
      if (next.periodMs === null) this.timers.delete(next);
      else next.due += next.periodMs;
      next.fn();
    }
    this.nowMs = target;
  }

  private add(timer: Timer): () => void {
    this.timers.add(timer);
    return () => {
      timer.cancelled = true;
      this.timers.delete(timer);
    };
  }
}
