/**
 * Number formatting for the screen. Pure functions (no i18next, no DOM) so
 * they can be unit-tested; the locale is passed in.
 */

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${fractionDigits}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits, useGrouping: false });
    formats.set(key, format);
  }
  return format;
}

/** Rounds to `digits` decimals without ever producing -0 (which would print as "-0.0"). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** Watts as kilowatts with one decimal, e.g. 1234 -> "1.2"; null when unknown. */
export function formatKw(powerW: number | null, locale = 'en'): string | null {
  if (powerW === null || !Number.isFinite(powerW)) return null;
  return numberFormat(locale, 1).format(roundTo(powerW / 1000, 1));
}

/** A percentage without decimals, clamped to 0..100; null when unknown. */
export function formatPct(pct: number | null, locale = 'en'): string | null {
  if (pct === null || !Number.isFinite(pct)) return null;
  return numberFormat(locale, 0).format(roundTo(Math.min(100, Math.max(0, pct)), 0));
}

/** Site time as HH:MM:SS (or HH:MM) in the browser's time zone. */
export function formatClock(ts: number, locale = 'en', withSeconds = true): string {
  return new Date(ts).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hour12: false });
}
