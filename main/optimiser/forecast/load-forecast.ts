/**
 * Household load (without the car) from the hub's own history: the same
 * time of day over the last week, blended with the same weekday a week ago
 * (habits differ by weekday), then corrected towards the level of the last
 * hours (a guest, a heat pump running harder today), a correction that fades
 * over a few hours.
 */
import type { LocalTime } from '../../common/local-time.js';
import type { Series } from './series.js';
import { meanOver, valueAt } from './series.js';

export interface LoadForecastOptions {
  /** Used with no usable history at all (W). */
  readonly defaultW: number;
  /** How many past days form the time-of-day profile. */
  readonly profileDays: number;
  /** Weight of the same weekday a week ago against the profile (0..1). */
  readonly weekdayWeight: number;
  /** The recent-level correction fades with this time constant (ms). */
  readonly levelDecayMs: number;
}

export const defaultLoadForecastOptions: LoadForecastOptions = { defaultW: 400, profileDays: 7, weekdayWeight: 0.3, levelDecayMs: 3 * 3_600_000 };

const dayMs = 86_400_000;
const levelWindowMs = 2 * 3_600_000;

/**
 * Forecast mean load (W) for each slot start in `slotStartsMs` (each slot
 * `slotMs` long), from `history` up to `nowMs` (nothing after it is read).
 */
export function forecastLoad(
  history: Series,
  nowMs: number,
  slotStartsMs: readonly number[],
  slotMs: number,
  local: (ts: number) => LocalTime,
  options: LoadForecastOptions = defaultLoadForecastOptions,
): number[] {
  const base = (ts: number): number => baseline(history, nowMs, ts, slotMs, local, options);
  // The recent level: measured against what the baseline would have said for the last hours.
  const recent = meanOver(history, nowMs - levelWindowMs, nowMs);
  let expected = 0;
  let n = 0;
  for (let ts = nowMs - levelWindowMs; ts < nowMs; ts += slotMs) {
    const b = base(ts);
    if (!Number.isNaN(b)) {
      expected += b;
      n++;
    }
  }
  const ratio = n > 0 && expected > 0 && !Number.isNaN(recent) ? clamp(recent / (expected / n), 0.5, 2) : 1;
  return slotStartsMs.map((ts) => {
    const b = base(ts);
    const value = Number.isNaN(b) ? (Number.isNaN(recent) ? options.defaultW : recent) : b;
    const weight = Math.exp(-Math.max(0, ts - nowMs) / options.levelDecayMs);
    return Math.max(0, value * (1 + (ratio - 1) * weight));
  });
}

/** Profile of the same local time of day over the past days, blended with the same weekday last week. */
function baseline(history: Series, nowMs: number, ts: number, slotMs: number, local: (ts: number) => LocalTime, o: LoadForecastOptions): number {
  let sum = 0;
  let count = 0;
  let sameWeekday = Number.NaN;
  const weekday = local(ts).weekday;
  for (let d = 1; d <= Math.max(o.profileDays, 7); d++) {
    const past = ts - d * dayMs;
    if (past + slotMs > nowMs) continue;
    const v = meanOver(history, past, past + slotMs);
    if (Number.isNaN(v)) continue;
    if (d <= o.profileDays) {
      sum += v;
      count++;
    }
    if (Number.isNaN(sameWeekday) && local(past).weekday === weekday) sameWeekday = v;
  }
  if (count === 0) return Number.isNaN(sameWeekday) ? valueAt(history, nowMs - slotMs) : sameWeekday;
  const profile = sum / count;
  return Number.isNaN(sameWeekday) ? profile : (1 - o.weekdayWeight) * profile + o.weekdayWeight * sameWeekday;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
