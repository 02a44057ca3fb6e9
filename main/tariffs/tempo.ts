/**
 * EDF Tempo day colours. A Tempo day runs from 06:00 to 06:00 the next
 * morning; RTE announces tomorrow's colour the day before (the Linky TIC and
 * public feeds carry it). Red days (22 a season) fall only on weekdays from
 * November to March; white days (43) never on Sundays. When the colour is not
 * known yet the hub forecasts it, and the prices built on it are marked as
 * forecasts.
 */
import type { TempoColour } from '../common/tariff-inputs.js';
import { localParts } from './local-calendar.js';
import { dayMs } from './slots.js';

/** Local date ("YYYY-MM-DD") of the Tempo day a moment belongs to. */
export function tempoDay(ts: number, timeZone: string): string {
  const l = localParts(ts, timeZone);
  if (l.minuteOfDay >= 6 * 60) return l.date;
  return localParts(ts - 7 * 3_600_000, timeZone).date;
}

/** Weekday of a "YYYY-MM-DD" date (0 = Sunday). */
function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/**
 * Forecast when nothing is announced: blue from April to October and on
 * winter Sundays; white on other winter days. White is the expected middle:
 * planning on blue would spend a red day's peak, on red would waste blue days.
 */
export function forecastTempo(date: string): TempoColour {
  const month = Number(date.slice(5, 7));
  const winter = month >= 11 || month <= 3;
  if (!winter || weekdayOf(date) === 0) return 'blue';
  return 'white';
}

/** A colour is possible on a date: red only on winter weekdays, white never on Sundays. */
export function tempoColourPossible(date: string, colour: TempoColour): boolean {
  const month = Number(date.slice(5, 7));
  const weekday = weekdayOf(date);
  if (colour === 'red') return (month >= 11 || month <= 3) && weekday >= 1 && weekday <= 5;
  if (colour === 'white') return weekday !== 0;
  return true;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}
