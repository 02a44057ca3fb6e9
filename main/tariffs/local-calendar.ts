/**
 * Calendar facts at the site, for tariff rules written in local time: the
 * Norwegian day rate runs 06:00-22:00 on weekdays, French off-peak hours are
 * 22:00-06:00, bills run per local calendar month.
 */
import { localTime, utcOffsetMs } from '../common/local-time.js';
import { dayMs } from './slots.js';

export interface LocalParts {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  /** 0 = Sunday ... 6 = Saturday. */
  readonly weekday: number;
  /** Minutes since local midnight. */
  readonly minuteOfDay: number;
  /** "YYYY-MM-DD", local. */
  readonly date: string;
  /** "YYYY-MM", local. */
  readonly monthKey: string;
}

export function localParts(ts: number, timeZone: string): LocalParts {
  const lt = localTime(ts, timeZone);
  const d = new Date(lt.dayIndex * dayMs);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const mm = String(month).padStart(2, '0');
  return {
    year,
    month,
    day,
    weekday: lt.weekday,
    minuteOfDay: Math.floor(lt.msOfDay / 60_000),
    date: `${year}-${mm}-${String(day).padStart(2, '0')}`,
    monthKey: `${year}-${mm}`,
  };
}

/** Epoch ms of local midnight starting the given local date. */
export function localMidnightMs(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  // The offset at local midnight; one correction handles zones east and west of UTC.
  let ts = guess - utcOffsetMs(guess, timeZone);
  ts = guess - utcOffsetMs(ts, timeZone);
  return ts;
}

/** [start, end) of the local calendar month containing ts. */
export function localMonthRange(ts: number, timeZone: string): { readonly fromMs: number; readonly toMs: number } {
  const p = localParts(ts, timeZone);
  const next = p.month === 12 ? { y: p.year + 1, m: 1 } : { y: p.year, m: p.month + 1 };
  return { fromMs: localMidnightMs(p.year, p.month, 1, timeZone), toMs: localMidnightMs(next.y, next.m, 1, timeZone) };
}

/** "HH:MM" to minutes of the day. */
export function parseHhmm(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** A daily window "HH:MM-HH:MM" (may wrap midnight) contains the minute of day. */
export function inWindow(minuteOfDay: number, window: string): boolean {
  const [from, to] = window.split('-');
  const a = parseHhmm(from ?? '00:00');
  const b = parseHhmm(to ?? '00:00');
  return a <= b ? minuteOfDay >= a && minuteOfDay < b : minuteOfDay >= a || minuteOfDay < b;
}

/** Pattern for a daily window, e.g. "22:00-06:00". */
export const windowPattern = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
