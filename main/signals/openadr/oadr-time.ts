/**
 * OpenADR 3 time: RFC 3339 date-times and ISO 8601 durations. 3.1.0 gives
 * two special values: a start of "0001-01-01" means now, and a duration of
 * P9999Y means no end. A zero duration (the default PT0S) on a limit means
 * "until further notice" as well.
 */
const durationRe = /^(-?)P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)([DW]))?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Duration in ms (years 365 days, months 30); Infinity for P9999Y; null when unreadable. */
export function durationMs(s: string): number | null {
  const m = durationRe.exec(s);
  if (m === null) return null;
  const years = Number(m[2] ?? 0);
  if (years >= 9999) return Number.POSITIVE_INFINITY;
  const days = years * 365 + Number(m[3] ?? 0) * 30 + Number(m[4] ?? 0) * (m[5] === 'W' ? 7 : 1);
  const ms = (((days * 24 + Number(m[6] ?? 0)) * 60 + Number(m[7] ?? 0)) * 60 + Number(m[8] ?? 0)) * 1000;
  return m[1] === '-' ? -ms : ms;
}

/** Start time in ms; "0001-01-01..." (3.1.0) means now. */
export function startMs(s: string, nowMs: number): number | null {
  if (s.startsWith('0001-01-01')) return nowMs;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

export function isoDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`;
}
