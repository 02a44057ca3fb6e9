/**
 * P1 objects beyond the power and energy registers: the Belgian capacity
 * tariff (Fluvius e-MUCS: 1-0:1.4.0 average demand of the running quarter
 * hour, 1-0:1.6.0 month peak with its time, 0-0:98.1.0 peaks of the last 13
 * months) and the power quality counters (power failures, voltage sags and
 * swells per phase). They are read from the parser's `raw` map, which keeps
 * them too, so that nothing a meter sends is lost.
 */
import { parseDsmrTimestamp } from './timestamp.js';
import { measurement } from './values.js';

export interface P1MonthPeak {
  /** Start of the month the peak belongs to. */
  readonly monthStartMs: number;
  readonly peakTs: number;
  readonly peakW: number;
}

export interface P1Demand {
  /** 1-0:1.4.0: average import of the running 15-min period, W. */
  readonly currentAverageW: number | null;
  /** 1-0:1.6.0: this month's highest 15-min average import, W, and when. */
  readonly monthPeakW: number | null;
  readonly monthPeakTs: number | null;
  /** 0-0:98.1.0: the peaks of previous months, oldest last as the meter sends them. */
  readonly history: readonly P1MonthPeak[];
}

export interface P1Events {
  /** 0-0:96.7.21: power failures in any phase. */
  readonly powerFailures: number | null;
  /** 0-0:96.7.9: long power failures in any phase. */
  readonly longPowerFailures: number | null;
  /** 1-0:32.32.0 / 52.32.0 / 72.32.0: voltage sags on L1..L3. */
  readonly voltageSags: readonly (number | null)[];
  /** 1-0:32.36.0 / 52.36.0 / 72.36.0: voltage swells on L1..L3. */
  readonly voltageSwells: readonly (number | null)[];
}

type Raw = Readonly<Record<string, readonly string[]>>;
type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function readDemand(raw: Raw): Result<P1Demand | null> {
  const avg = raw['1-0:1.4.0'];
  const peak = raw['1-0:1.6.0'];
  const hist = raw['0-0:98.1.0'];
  if (avg === undefined && peak === undefined && hist === undefined) return { ok: true, value: null };
  let currentAverageW: number | null = null;
  if (avg !== undefined) {
    const r = power('1-0:1.4.0', avg[avg.length - 1] ?? '');
    if (!r.ok) return r;
    currentAverageW = r.value;
  }
  let monthPeakW: number | null = null;
  let monthPeakTs: number | null = null;
  if (peak !== undefined) {
    if (peak.length !== 2) return { ok: false, error: `1-0:1.6.0: expected (time stamp)(power), got ${peak.length} values` };
    const ts = stamp('1-0:1.6.0', peak[0] ?? '');
    if (!ts.ok) return ts;
    const w = power('1-0:1.6.0', peak[1] ?? '');
    if (!w.ok) return w;
    monthPeakTs = ts.value;
    monthPeakW = w.value;
  }
  const history: P1MonthPeak[] = [];
  if (hist !== undefined) {
    // (n)(1-0:1.6.0)(1-0:1.6.0) then n times (month start)(peak time)(peak power).
    const n = Number(hist[0]);
    if (!/^\d{1,2}$/.test(hist[0] ?? '') || hist.length !== 3 + 3 * n) {
      return { ok: false, error: `0-0:98.1.0: expected (count)(1-0:1.6.0)(1-0:1.6.0) and 3 values per month, got ${hist.length} values` };
    }
    for (let i = 0; i < n; i++) {
      const at = 3 + 3 * i;
      const start = stamp('0-0:98.1.0', hist[at] ?? '');
      const ts = stamp('0-0:98.1.0', hist[at + 1] ?? '');
      const w = power('0-0:98.1.0', hist[at + 2] ?? '');
      if (!start.ok) return start;
      if (!ts.ok) return ts;
      if (!w.ok) return w;
      history.push({ monthStartMs: start.value, peakTs: ts.value, peakW: w.value });
    }
  }
  return { ok: true, value: { currentAverageW, monthPeakW, monthPeakTs, history } };
}

export function readEvents(raw: Raw): Result<P1Events | null> {
  const codes = ['0-0:96.7.21', '0-0:96.7.9', '1-0:32.32.0', '1-0:52.32.0', '1-0:72.32.0', '1-0:32.36.0', '1-0:52.36.0', '1-0:72.36.0'];
  if (codes.every((c) => raw[c] === undefined)) return { ok: true, value: null };
  const counts: (number | null)[] = [];
  for (const code of codes) {
    const v = raw[code];
    if (v === undefined) {
      counts.push(null);
      continue;
    }
    if (v.length !== 1 || !/^\d{1,10}$/.test(v[0] ?? '')) return { ok: false, error: `${code}: expected one whole number, got ${JSON.stringify(v)}` };
    counts.push(Number(v[0]));
  }
  const at = (i: number): number | null => counts[i] ?? null;
  return { ok: true, value: { powerFailures: at(0), longPowerFailures: at(1), voltageSags: [at(2), at(3), at(4)], voltageSwells: [at(5), at(6), at(7)] } };
}

function power(code: string, text: string): Result<number> {
  const r = measurement(text, 'power');
  return 'error' in r ? { ok: false, error: `${code}: ${r.error}` } : { ok: true, value: r.value };
}

function stamp(code: string, text: string): Result<number> {
  const ts = parseDsmrTimestamp(text);
  return ts === null ? { ok: false, error: `${code}: bad time stamp ${JSON.stringify(text)}` } : { ok: true, value: ts };
}
