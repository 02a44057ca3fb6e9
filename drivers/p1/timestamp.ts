/**
 * DSMR time stamps: local time as YYMMDDhhmmss plus X = 'S' (summer, UTC+2)
 * or 'W' (winter, UTC+1). Every country with P1 meters (NL, BE, LU, SE) uses
 * Central European Time with the EU summer-time rule, so the flag alone fixes
 * the offset; DSMR 2.2/3 stamps without a flag get the offset from the rule.
 */

const HOUR_MS = 3_600_000;

/** Last Sunday of a month, 01:00 UTC: when EU summer time starts (March) and ends (October). */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 24 * HOUR_MS;
}

/** True when EU summer time is in force at `ts`. */
export function isEuSummerTime(ts: number): boolean {
  const year = new Date(ts).getUTCFullYear();
  return ts >= lastSundayAt1Utc(year, 2) && ts < lastSundayAt1Utc(year, 9);
}

const STAMP = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([SW])?$/;

/** Epoch ms of a DSMR time stamp, or null when it is not a valid one. */
export function parseDsmrTimestamp(text: string): number | null {
  const m = STAMP.exec(text);
  if (m === null) return null;
  const [yy, mo, dd, hh, mi, ss] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const flag = m[7];
  const year = 2000 + yy;
  if (mo < 1 || mo > 12 || dd < 1 || hh > 23 || mi > 59 || ss > 59) return null;
  if (dd > new Date(Date.UTC(year, mo, 0)).getUTCDate()) return null;
  const localAsUtc = Date.UTC(year, mo - 1, dd, hh, mi, ss);
  if (flag === 'S') return localAsUtc - 2 * HOUR_MS;
  if (flag === 'W') return localAsUtc - HOUR_MS;
  const winter = localAsUtc - HOUR_MS;
  return isEuSummerTime(winter - HOUR_MS) ? winter - HOUR_MS : winter;
}

/** The stamp a meter in CET/CEST writes for `ts` (seconds truncated, as meters do). */
export function formatDsmrTimestamp(ts: number): string {
  const summer = isEuSummerTime(ts);
  const d = new Date(ts + (summer ? 2 : 1) * HOUR_MS);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    two(d.getUTCFullYear() % 100) +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes()) +
    two(d.getUTCSeconds()) +
    (summer ? 'S' : 'W')
  );
}
