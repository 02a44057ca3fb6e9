/**
 * Wall-clock time at the site. Household habits (kettle at 07:00,
 * car home at 17:30) follow local time, including daylight saving time, while
 * the sun follows UTC; so profiles ask here instead of using the host's zone.
 */

export interface LocalTime {
  /** Milliseconds since local midnight. */
  readonly msOfDay: number;
  /** Days since 1970-01-01 in local time: one integer per local calendar day. */
  readonly dayIndex: number;
  /** 0 = Sunday ... 6 = Saturday. */
  readonly weekday: number;
  /** Local offset from UTC, ms. */
  readonly offsetMs: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets only change on whole UTC hours in the zones we simulate; cache per zone and hour. */
const offsetCache = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** UTC offset of `timeZone` at `ts`, ms (e.g. +3 600 000 for CET). */
export function utcOffsetMs(ts: number, timeZone: string): number {
  const hour = Math.floor(ts / HOUR_MS);
  let zoneCache = offsetCache.get(timeZone);
  if (zoneCache === undefined) {
    zoneCache = new Map();
    offsetCache.set(timeZone, zoneCache);
  }
  const cached = zoneCache.get(hour);
  if (cached !== undefined) return cached;
  const at = hour * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  const offset = asUtc - at;
  if (zoneCache.size > 10_000) zoneCache.clear();
  zoneCache.set(hour, offset);
  return offset;
}

export function localTime(ts: number, timeZone: string): LocalTime {
  const offsetMs = utcOffsetMs(ts, timeZone);
  const local = ts + offsetMs;
  const dayIndex = Math.floor(local / DAY_MS);
  return {
    msOfDay: local - dayIndex * DAY_MS,
    dayIndex,
    // 1970-01-01 was a Thursday.
    weekday: (((dayIndex + 4) % 7) + 7) % 7,
    offsetMs,
  };
}

/** Hours and minutes to ms of day, for readable schedules. */
export function hm(hours: number, minutes = 0): number {
  return (hours * 60 + minutes) * 60_000;
}

/**
 * The next moment (after `nowMs`) when the local clock of `timeZone` shows
 * "HH:MM". Used for the car's daily departure.
 */
export function nextLocalTimeMs(nowMs: number, hhmm: string, timeZone: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const target = hm(h ?? 0, m ?? 0);
  const now = localTime(nowMs, timeZone);
  let candidate = nowMs - now.msOfDay + target;
  if (candidate <= nowMs) candidate += DAY_MS;
  // Across a DST change the local offset differs at the candidate: correct once.
  candidate += now.offsetMs - utcOffsetMs(candidate, timeZone);
  return candidate <= nowMs ? candidate + DAY_MS : candidate;
}
