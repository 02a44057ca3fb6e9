/**
 * The month's import peaks so far, from the history, so that a plan does not
 * pay again for a peak already reached: the highest 15-minute and hourly
 * average import of the month, and each day's highest hourly average (days
 * before today, and today so far separately).
 */
import { localTime } from '../../common/local-time.js';
import type { PeaksSoFar } from '../../common/tariff.js';
import type { HistoryCache } from './history-cache.js';

export interface MonthPeaks {
  readonly peaksSoFar: PeaksSoFar;
  readonly todayHourlyPeakW: number;
}

export function monthPeaks(cache: HistoryCache, nowMs: number, timeZone: string): MonthPeaks {
  const now = localTime(nowMs, timeZone);
  const nowDate = new Date(nowMs + now.offsetMs);
  // Local midnight of the first day of the month (the offset of now is close enough for finding it).
  const monthStartMs = Date.UTC(nowDate.getUTCFullYear(), nowDate.getUTCMonth(), 1) - now.offsetMs;
  const quarters = cache.importByQuarter(monthStartMs, nowMs);
  let month15MinPeakW = 0;
  const hourly = new Map<number, { wh: number; day: number }>();
  for (const q of quarters) {
    month15MinPeakW = Math.max(month15MinPeakW, q.importWh * 4);
    const hour = Math.floor(q.startMs / 3_600_000);
    const h = hourly.get(hour) ?? { wh: 0, day: localTime(q.startMs, timeZone).dayIndex };
    h.wh += q.importWh;
    hourly.set(hour, h);
  }
  let monthHourlyPeakW = 0;
  const daily = new Map<number, number>();
  for (const { wh, day } of hourly.values()) {
    monthHourlyPeakW = Math.max(monthHourlyPeakW, wh);
    daily.set(day, Math.max(daily.get(day) ?? 0, wh));
  }
  const todayHourlyPeakW = daily.get(now.dayIndex) ?? 0;
  daily.delete(now.dayIndex);
  return {
    peaksSoFar: { month15MinPeakW, monthHourlyPeakW, dailyHourlyPeaksW: [...daily.entries()].sort((a, b) => a[0] - b[0]).map(([, w]) => w) },
    todayHourlyPeakW,
  };
}
