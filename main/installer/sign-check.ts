/**
 * The sign check: "switch on a 2 kW load: grid import should rise". It
 * watches what the site consumes, grid + pv + battery (W, signs of the
 * snapshot), so it passes whichever source carries the new load (the hub's
 * battery may cover it) and fails when the sum falls: a meter with its sign
 * the wrong way round shows a load as less consumption. Real time.
 */
import type { SignCheckView, StepError } from '../common/installer.js';

export interface SiteSample {
  readonly gridW: number | null;
  readonly pvW: number | null;
  readonly batteryW: number | null;
}

export interface SignCheckOptions {
  readonly sample: () => SiteSample;
  readonly now?: () => number;
  readonly expectedW?: number;
  /** A rise of at least this passes (below the 2 kW asked: kettles and heaters vary). */
  readonly thresholdW?: number;
  readonly baselineMs?: number;
  readonly timeoutMs?: number;
  readonly sampleEveryMs?: number;
  /** Consecutive samples beyond the threshold needed (one spike is not a load). */
  readonly confirmSamples?: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

type Phase = SignCheckView['state'];

export class SignCheck {
  private readonly o: Required<SignCheckOptions>;
  private phase: Phase = 'idle';
  private startedMs = 0;
  private waitStartMs = 0;
  private baselineSamples: SiteSample[] = [];
  private base: { total: number; grid: number; pv: number; battery: number } | null = null;
  private last: SiteSample | null = null;
  private streak = 0;
  private error: StepError | null = null;
  private timer: NodeJS.Timeout | null = null;
  private result: { grid: number; pv: number; battery: number; total: number } | null = null;

  constructor(options: SignCheckOptions) {
    this.o = { now: Date.now, expectedW: 2000, thresholdW: 1500, baselineMs: 3000, timeoutMs: 90_000, sampleEveryMs: 250, confirmSamples: 3, ...options };
  }

  start(): void {
    this.stop();
    this.phase = 'baseline';
    this.startedMs = this.o.now();
    this.baselineSamples = [];
    this.base = null;
    this.result = null;
    this.error = null;
    this.streak = 0;
    this.timer = setInterval(() => this.tick(), this.o.sampleEveryMs);
    this.timer.unref();
  }

  skip(): void {
    this.stop();
    this.phase = 'skipped';
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  reset(): void {
    this.stop();
    this.phase = 'idle';
    this.base = null;
    this.result = null;
    this.error = null;
    this.last = null;
  }

  get state(): Phase {
    return this.phase;
  }

  /** One sample; public so tests can drive it without timers. */
  tick(): void {
    const s = this.o.sample();
    this.last = s;
    const now = this.o.now();
    if (this.phase === 'baseline') {
      if (s.gridW === null) {
        if (now - this.startedMs >= this.o.baselineMs * 2) this.finish('failed', { code: 'meter_unavailable', detail: 'the grid meter gives no power reading' });
        return;
      }
      this.baselineSamples.push(s);
      if (now - this.startedMs >= this.o.baselineMs && this.baselineSamples.length >= 3) {
        const pick = (f: (x: SiteSample) => number | null): number => median(this.baselineSamples.map((x) => f(x) ?? 0));
        const grid = pick((x) => x.gridW);
        const pv = pick((x) => x.pvW);
        const battery = pick((x) => x.batteryW);
        this.base = { grid, pv, battery, total: median(this.baselineSamples.map(total)) };
        this.phase = 'waiting';
        this.waitStartMs = now;
      }
      return;
    }
    if (this.phase !== 'waiting' || this.base === null) return;
    if (s.gridW === null) return; // a missed telegram; the timeout still runs
    const delta = total(s) - this.base.total;
    const rising = delta >= this.o.thresholdW;
    const falling = delta <= -this.o.thresholdW;
    this.streak = rising ? Math.max(1, this.streak + 1) : falling ? Math.min(-1, this.streak - 1) : 0;
    const deltas = { grid: (s.gridW ?? 0) - this.base.grid, pv: (s.pvW ?? 0) - this.base.pv, battery: (s.batteryW ?? 0) - this.base.battery, total: delta };
    if (this.streak >= this.o.confirmSamples) {
      this.result = deltas;
      this.finish('passed', null);
    } else if (this.streak <= -this.o.confirmSamples) {
      this.result = deltas;
      const culprit = Math.abs(deltas.battery) > Math.abs(deltas.grid) ? 'battery' : 'grid meter';
      this.finish('failed', { code: 'sign_inverted', detail: `consumption fell by ${Math.round(-delta)} W when a load was switched on: the ${culprit} reports power with the wrong sign` });
    } else if (now - this.waitStartMs >= this.o.timeoutMs) {
      this.result = deltas;
      this.finish('failed', { code: 'no_change', detail: `no rise of ${this.o.thresholdW} W within ${Math.round(this.o.timeoutMs / 1000)} s (change ${Math.round(delta)} W)` });
    }
  }

  view(): SignCheckView {
    const s = this.last;
    const current = s === null || s.gridW === null ? null : total(s);
    const base = this.base;
    const d = this.result;
    const live = (f: (x: SiteSample) => number | null, b: number | undefined): number | null => (s === null || b === undefined ? null : (f(s) ?? 0) - b);
    return {
      state: this.phase,
      expectedW: this.o.expectedW,
      thresholdW: this.o.thresholdW,
      baselineW: base?.total ?? null,
      currentW: current,
      deltaW: d?.total ?? (base === null || current === null ? null : current - base.total),
      gridDeltaW: d?.grid ?? live((x) => x.gridW, base?.grid),
      pvDeltaW: d?.pv ?? live((x) => x.pvW, base?.pv),
      batteryDeltaW: d?.battery ?? live((x) => x.batteryW, base?.battery),
      remainingMs: this.phase === 'waiting' ? Math.max(0, this.waitStartMs + this.o.timeoutMs - this.o.now()) : this.phase === 'baseline' ? Math.max(0, this.startedMs + this.o.baselineMs - this.o.now()) : null,
      error: this.error,
    };
  }

  private finish(phase: 'passed' | 'failed', error: StepError | null): void {
    this.stop();
    this.phase = phase;
    this.error = error;
  }
}

function total(s: SiteSample): number {
  return (s.gridW ?? 0) + (s.pvW ?? 0) + (s.batteryW ?? 0);
}
