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

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const otherNumberFormats = new Map<string, Intl.NumberFormat>();

function cachedNumberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = otherNumberFormats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, options);
    otherNumberFormats.set(key, f);
  }
  return f;
}

function cachedDateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, f);
  }
  return f;
}

/** A number with fixed decimals and the locale's grouping, e.g. 12 345,6. */
export function formatNumber(value: number, locale: string, digits = 0): string {
  return cachedNumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(roundTo(value, digits));
}

/** Energy in kWh: one decimal below 100 kWh, none above (a year's totals read better whole). */
export function formatKwh(wh: number, locale: string): string {
  const kwh = wh / 1000;
  return formatNumber(kwh, locale, Math.abs(kwh) < 100 ? 1 : 0);
}

/** Forint amounts have no minor unit worth showing. */
function moneyDigits(currency: string): number {
  return currency === 'HUF' ? 0 : 2;
}

/** An amount of money in the site's currency, e.g. "€ 1,23", "12,30 kr", "1 234 Ft". */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const digits = moneyDigits(currency);
  return cachedNumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(roundTo(amount, digits));
}

/** A price per kWh: one more decimal than money (0.234 €), forint with one. */
export function formatPrice(perKWh: number, currency: string, locale: string): string {
  const digits = currency === 'HUF' ? 1 : 3;
  return cachedNumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(roundTo(perKWh, digits));
}

/** "14:05" (or "14:05:09") in the site's time zone. */
export function formatTime(ts: number, locale: string, timeZone: string | undefined, withSeconds = false): string {
  return cachedDateFormat(locale, { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone }).format(ts);
}

export type DateStyle = 'weekdayShort' | 'dayMonth' | 'weekdayDayMonth' | 'monthYear' | 'monthShort' | 'year' | 'full' | 'dayNumber';

const dateOptions: Readonly<Record<DateStyle, Intl.DateTimeFormatOptions>> = {
  weekdayShort: { weekday: 'short' },
  dayMonth: { day: 'numeric', month: 'short' },
  weekdayDayMonth: { weekday: 'short', day: 'numeric', month: 'short' },
  monthYear: { month: 'long', year: 'numeric' },
  monthShort: { month: 'short' },
  year: { year: 'numeric' },
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dayNumber: { day: 'numeric' },
};

/** A date in the site's time zone, in one of the screen's few styles. */
export function formatDate(ts: number, style: DateStyle, locale: string, timeZone: string | undefined): string {
  return cachedDateFormat(locale, { ...dateOptions[style], timeZone }).format(ts);
}
