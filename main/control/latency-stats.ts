/**
 * Recent latencies (real ms) in a fixed ring: the tick's own computation and
 * the time from a meter reading to the device acknowledging the setpoint it
 * caused. Read by the benchmark and by diagnostics; costs nothing per tick.
 */
export class LatencyStats {
  private readonly samples: Float64Array;
  private next = 0;
  private count = 0;

  constructor(size = 2048) {
    this.samples = new Float64Array(size);
  }

  add(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    this.count = Math.min(this.count + 1, this.samples.length);
  }

  /** Percentiles (0-100) of the samples held, nearest-rank; null when empty. */
  percentiles(ps: readonly number[]): (number | null)[] {
    if (this.count === 0) return ps.map(() => null);
    const sorted = Array.from(this.samples.subarray(0, this.count)).sort((a, b) => a - b);
    return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
  }

  size(): number {
    return this.count;
  }
}
