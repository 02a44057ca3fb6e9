/**
 * PV without configured arrays: the mean of the same quarter hour over the
 * last few days. Cruder than the clear-sky model (it cannot follow the
 * season), but it needs nothing but the hub's own history.
 */
import type { Series } from './series.js';
import { meanOver } from './series.js';

const dayMs = 86_400_000;

export function forecastFromRecentDays(history: Series, nowMs: number, slotStartsMs: readonly number[], slotMs: number, days = 3): number[] {
  return slotStartsMs.map((ts) => {
    let sum = 0;
    let n = 0;
    for (let d = 1; n < days && d <= days + 4; d++) {
      const past = ts - d * dayMs;
      if (past + slotMs > nowMs) continue;
      const v = meanOver(history, past, past + slotMs);
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n === 0 ? 0 : Math.max(0, sum / n);
  });
}
