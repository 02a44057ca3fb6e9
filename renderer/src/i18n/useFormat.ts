import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatKw, formatKwh, formatMoney, formatNumber, formatPct, formatPrice, formatTime } from '../format.js';
import type { DateStyle } from '../format.js';
import { useSiteTimeZone } from '../site/timeZone.js';
import { formatLocale } from './languages.js';

/** Formatters bound to the UI language's locale and the site's time zone. */
export interface Formatters {
  readonly locale: string;
  readonly timeZone: string | undefined;
  kw(powerW: number | null): string | null;
  pct(pct: number | null): string | null;
  kwh(wh: number): string;
  number(value: number, digits?: number): string;
  money(amount: number, currency: string): string;
  price(perKWh: number, currency: string): string;
  time(ts: number): string;
  /** With seconds, for the header clock. */
  clock(ts: number): string;
  date(ts: number, style: DateStyle): string;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const timeZone = useSiteTimeZone();
  const locale = formatLocale(i18n.language);
  return useMemo(
    () => ({
      locale,
      timeZone,
      kw: (w) => formatKw(w, locale),
      pct: (p) => formatPct(p, locale),
      kwh: (wh) => formatKwh(wh, locale),
      number: (v, digits = 0) => formatNumber(v, locale, digits),
      money: (a, c) => formatMoney(a, c, locale),
      price: (p, c) => formatPrice(p, c, locale),
      time: (ts) => formatTime(ts, locale, timeZone),
      clock: (ts) => formatTime(ts, locale, timeZone, true),
      date: (ts, style) => formatDate(ts, style, locale, timeZone),
    }),
    [locale, timeZone],
  );
}
