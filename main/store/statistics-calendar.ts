/**
 * Periods of the history screen in site-local time: a day of hours, a week
 * (Monday first) of days, a month of days, a year of months. Local dates are
 * "YYYY-MM-DD"; date arithmetic is done on UTC calendar dates (no time zone
 * involved) and only the boundaries are turned into epoch ms in the site's
 * zone, so DST days simply have 23 or 25 hourly buckets.
 */
import { localTime, utcOffsetMs } from '../common/local-time.js';
import type { StatisticsRange } from '../common/statistics.js';

const dayMs = 86_400_000;
const hourMs = 3_600_000;

export interface LocalDate {
  readonly y: number;
  /** 1-12 */
  readonly m: number;
  readonly d: number;
}

export interface Period {
  readonly range: StatisticsRange;
  readonly date: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly buckets: readonly { readonly startMs: number; readonly endMs: number }[];
  readonly previousDate: string;
  readonly nextDate: string | null;
}

export const datePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function parseLocalDate(text: string): LocalDate | null {
  if (!datePattern.test(text)) return null;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1) return null;
  return { y, m, d };
}

export function formatLocalDate(date: LocalDate): string {
  return `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

/** Calendar arithmetic: normalises overflowing days and months (2025-01-32 -> 2025-02-01). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function addMonths(date: LocalDate, months: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1 + months, 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: 1 };
}

/** The local date at `ts` in `timeZone`. */
export function localDateAt(ts: number, timeZone: string): LocalDate {
  const t = new Date(localTime(ts, timeZone).dayIndex * dayMs);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Epoch ms of the local midnight that starts `date`. */
export function localMidnightMs(date: LocalDate, timeZone: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d);
  // Two passes: the offset at the guess, then at the corrected instant (correct east and west of UTC, and on DST days).
  const first = guess - utcOffsetMs(guess, timeZone);
  return guess - utcOffsetMs(first, timeZone);
}

/** The first local day of the period of `range` that contains `date`. */
export function periodStart(range: StatisticsRange, date: LocalDate): LocalDate {
  switch (range) {
    case 'day':
      return date;
    case 'week': {
      const weekday = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
      return addDays(date, -((weekday + 6) % 7));
    }
    case 'month':
      return { y: date.y, m: date.m, d: 1 };
    case 'year':
      return { y: date.y, m: 1, d: 1 };
  }
}

function step(range: StatisticsRange, start: LocalDate, n: number): LocalDate {
  switch (range) {
    case 'day':
      return addDays(start, n);
    case 'week':
      return addDays(start, 7 * n);
    case 'month':
      return addMonths(start, n);
    case 'year':
      return addMonths(start, 12 * n);
  }
}

/** The period of `range` containing `date` (default: today at the site). */
export function periodOf(range: StatisticsRange, date: LocalDate | null, nowMs: number, timeZone: string): Period {
  const start = periodStart(range, date ?? localDateAt(nowMs, timeZone));
  const next = step(range, start, 1);
  const fromMs = localMidnightMs(start, timeZone);
  const toMs = localMidnightMs(next, timeZone);
  const buckets: { startMs: number; endMs: number }[] = [];
  if (range === 'day') {
    for (let t = fromMs; t < toMs; t += hourMs) buckets.push({ startMs: t, endMs: Math.min(toMs, t + hourMs) });
  } else {
    const unit = range === 'year' ? (d: LocalDate, k: number) => addMonths(d, k) : (d: LocalDate, k: number) => addDays(d, k);
    for (let k = 0; ; k++) {
      const a = localMidnightMs(unit(start, k), timeZone);
      if (a >= toMs) break;
      buckets.push({ startMs: a, endMs: Math.min(toMs, localMidnightMs(unit(start, k + 1), timeZone)) });
    }
  }
  return {
    range,
    date: formatLocalDate(start),
    fromMs,
    toMs,
    buckets,
    previousDate: formatLocalDate(step(range, start, -1)),
    nextDate: toMs > nowMs ? null : formatLocalDate(next),
  };
}
