/**
 * A regular time series: one value per step from `startMs`, NaN where
 * unknown. Forecasts read the hub's history through it, the benchmark its
 * recorded data.
 */
export interface Series {
  readonly startMs: number;
  readonly stepMs: number;
  readonly values: Float64Array;
}

/** The value at `ts` (the step containing it), NaN outside or unknown. */
export function valueAt(s: Series, ts: number): number {
  const i = Math.floor((ts - s.startMs) / s.stepMs);
  return i >= 0 && i < s.values.length ? (s.values[i] ?? Number.NaN) : Number.NaN;
}

/** Mean of the known values in [fromMs, toMs), NaN when none. */
export function meanOver(s: Series, fromMs: number, toMs: number): number {
  const from = Math.max(0, Math.floor((fromMs - s.startMs) / s.stepMs));
  const to = Math.min(s.values.length, Math.ceil((toMs - s.startMs) / s.stepMs));
  let sum = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    const v = s.values[i]!;
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** Averages (ts, value) samples into steps of `stepMs` from `startMs`; steps without samples are NaN. */
export function bucket(samples: readonly { readonly ts: number; readonly value: number | null }[], startMs: number, stepMs: number, steps: number): Series {
  const sum = new Float64Array(steps);
  const count = new Float64Array(steps);
  for (const s of samples) {
    if (s.value === null || !Number.isFinite(s.value)) continue;
    const i = Math.floor((s.ts - startMs) / stepMs);
    if (i < 0 || i >= steps) continue;
    sum[i] = (sum[i] ?? 0) + s.value;
    count[i] = (count[i] ?? 0) + 1;
  }
  const values = new Float64Array(steps);
  for (let i = 0; i < steps; i++) values[i] = (count[i] ?? 0) > 0 ? (sum[i] ?? 0) / (count[i] ?? 1) : Number.NaN;
  return { startMs, stepMs, values };
}
