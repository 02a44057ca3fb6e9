/**
 * PV from the configured arrays: clear-sky power scaled by how the arrays
 * actually did lately. Two ratios of measured to clear-sky energy: the last
 * few days (the array's real size and the season's weather) and the last
 * hour (today's sky), the latter fading over a few hours. Without history the
 * clear-sky figure is derated by a typical ratio.
 */
import { clearSkyMeanW } from './clear-sky.js';
import type { PvArray, SiteLocation } from './clear-sky.js';
import type { Series } from './series.js';
import { meanOver } from './series.js';

export interface PvForecastOptions {
  /** Days of history for the slow ratio. */
  readonly days: number;
  /**
   * Which of those days' ratios to plan with (0.5: the median day). Below
   * the median because the two errors do not cost the same: sun that does
   * not come leaves the battery empty at the import price, sun that comes
   * unexpected is exported at the (lower) export price.
   */
  readonly dayQuantile: number;
  /** Ratio used with no usable history. */
  readonly defaultRatio: number;
  /** The last hour's ratio fades with this time constant (ms). */
  readonly nowcastDecayMs: number;
}

export const defaultPvForecastOptions: PvForecastOptions = { days: 3, dayQuantile: 0.5, defaultRatio: 0.6, nowcastDecayMs: 2 * 3_600_000 };

const dayMs = 86_400_000;
const hourMs = 3_600_000;

export function forecastPv(
  history: Series,
  nowMs: number,
  slotStartsMs: readonly number[],
  slotMs: number,
  loc: SiteLocation,
  arrays: readonly PvArray[],
  options: PvForecastOptions = defaultPvForecastOptions,
): number[] {
  if (arrays.length === 0) return slotStartsMs.map(() => 0);
  const clear = (from: number, to: number): number => clearSkyMeanW(from, to, loc, arrays);
  const daily: number[] = [];
  for (let d = 1; d <= options.days; d++) {
    const r = ratio(history, nowMs - d * dayMs, nowMs - (d - 1) * dayMs, hourMs, clear);
    if (r !== null) daily.push(r);
  }
  const slow = daily.length === 0 ? options.defaultRatio : quantile(daily, options.dayQuantile);
  // The last hour counts only with the sun well up: at dawn a small clear-sky figure makes any ratio noise.
  const nameplateW = arrays.reduce((sum, a) => sum + a.kwp * 1000, 0);
  const fast = ratio(history, nowMs - hourMs, nowMs, 15 * 60_000, clear, 0.1 * nameplateW) ?? slow;
  return slotStartsMs.map((ts) => {
    const w = Math.exp(-Math.max(0, ts - nowMs) / options.nowcastDecayMs);
    return Math.max(0, clear(ts, ts + slotMs) * (w * fast + (1 - w) * slow));
  });
}

/**
 * Measured over clear-sky energy in [fromMs, toMs), over the steps that have
 * measurements; null when the clear-sky mean stays below `minMeanW` (night,
 * dawn: the ratio would be noise).
 */
function ratio(history: Series, fromMs: number, toMs: number, stepMs: number, clear: (from: number, to: number) => number, minMeanW = 1): number | null {
  let measured = 0;
  let expected = 0;
  let steps = 0;
  for (let ts = fromMs; ts + stepMs <= toMs; ts += stepMs) {
    const m = meanOver(history, ts, ts + stepMs);
    if (Number.isNaN(m)) continue;
    measured += m;
    expected += clear(ts, ts + stepMs);
    steps++;
  }
  if (steps === 0 || expected / steps < minMeanW) return null;
  return Math.min(1.3, measured / expected);
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}
