/**
 * Shared arithmetic for bills: energy sums per slot, peaks, rounding. Every
 * preset's bill is built from these so that the hand-computed tests check
 * one implementation of "kWh times price".
 */
import type { Bill, BillLine } from '../common/bill.js';
import type { Currency } from '../common/tariff.js';
import { localMonthRange, localParts } from './local-calendar.js';
import type { BillInput, MeterInterval } from './presets/preset.js';
import { hourMs, kWh } from './slots.js';

/** Smallest unit of each currency: 0.01 EUR/NOK/SEK, 1 HUF (fillér are not used). */
const decimals: Record<Currency, number> = { EUR: 2, NOK: 2, SEK: 2, HUF: 0 };

export function roundMoney(amount: number, currency: Currency): number {
  const f = 10 ** decimals[currency];
  // toPrecision drops binary noise first, so 2.675 rounds to 2.68 as on paper.
  return Math.round(Number((amount * f).toPrecision(12))) / f + 0;
}

export function makeBill(currency: Currency, input: Pick<BillInput, 'fromMs' | 'toMs'>, lines: readonly BillLine[]): Bill {
  const rounded = lines.map((l) => ({ ...l, amount: roundMoney(l.amount, currency) }));
  const total = roundMoney(
    rounded.reduce((s, l) => s + l.amount, 0),
    currency,
  );
  return { currency, fromMs: input.fromMs, toMs: input.toMs, lines: rounded, total };
}

export function inPeriod(input: BillInput): MeterInterval[] {
  return input.intervals.filter((i) => i.startMs >= input.fromMs && i.startMs < input.toMs);
}

export function totalKWh(intervals: readonly MeterInterval[], key: 'importWh' | 'exportWh' | 'controllableWh'): number {
  return kWh(intervals.reduce((s, i) => s + (i[key] ?? 0), 0));
}

/** Σ kWh × price(slot). Throws when a price is missing: a bill is never silently wrong. */
export function weightedKWh(intervals: readonly MeterInterval[], key: 'importWh' | 'exportWh', price: (i: MeterInterval) => number | null): number {
  let sum = 0;
  for (const i of intervals) {
    const wh = i[key];
    if (wh === 0) continue;
    const p = price(i);
    if (p === null) throw new Error(`no price for the slot at ${new Date(i.startMs).toISOString()}`);
    sum += kWh(wh) * p;
  }
  return sum;
}

/** Highest 15-minute average import of the intervals (W). */
export function max15MinImportW(intervals: readonly MeterInterval[]): number {
  let max = 0;
  for (const i of intervals) max = Math.max(max, (i.importWh * hourMs) / (i.endMs - i.startMs));
  return max;
}

/** Average import per clock hour (W), keyed by the hour's start. */
export function hourlyImportW(intervals: readonly MeterInterval[]): Map<number, number> {
  const byHour = new Map<number, number>();
  for (const i of intervals) {
    const h = Math.floor(i.startMs / hourMs) * hourMs;
    byHour.set(h, (byHour.get(h) ?? 0) + i.importWh);
  }
  return byHour; // Wh in one hour equals its average W
}

/** Mean of the three highest hourly averages on three different local days (W); fewer days: mean of those. */
export function top3DailyHourlyPeaksW(intervals: readonly MeterInterval[], timeZone: string): number {
  const dailyMax = new Map<string, number>();
  for (const [h, w] of hourlyImportW(intervals)) {
    const date = localParts(h, timeZone).date;
    dailyMax.set(date, Math.max(dailyMax.get(date) ?? 0, w));
  }
  const top = [...dailyMax.values()].sort((a, b) => b - a).slice(0, 3);
  return top.length === 0 ? 0 : top.reduce((s, w) => s + w, 0) / top.length;
}

export const vatFactor = (vatPct: number): number => 1 + vatPct / 100;

/** Share of the local calendar month the bill period covers (1 for a full month): standing charges are pro-rated. */
export function monthFraction(input: Pick<BillInput, 'fromMs' | 'toMs'>, timeZone: string): number {
  const month = localMonthRange(input.fromMs, timeZone);
  return (Math.min(input.toMs, month.toMs) - input.fromMs) / (month.toMs - month.fromMs);
}
