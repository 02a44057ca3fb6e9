/** Reading TIC data fields: whole numbers only, horodates with their season letter. */
import type { TempoColour } from '../api.js';

const HOUR_MS = 3_600_000;

/** A TIC counter or measurement (digits only), or null when the field is not one. */
export function ticNumber(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,12}$/.test(text)) return null;
  return Number(text);
}

/**
 * SAAMMJJhhmmss: S is E (summer, UTC+2) or H (winter, UTC+1), in lower case
 * when the meter's clock is degraded; a space when it has no season.
 */
export function ticHorodate(text: string | null): number | null {
  if (text === null) return null;
  const m = /^([EeHh ])(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m === null) return null;
  const [, season, yy, mo, dd, hh, mi, ss] = m;
  const local = Date.UTC(2000 + Number(yy), Number(mo) - 1, Number(dd), Number(hh), Number(mi), Number(ss));
  if (Number.isNaN(local)) return null;
  const s = (season ?? ' ').toUpperCase();
  return s === 'E' ? local - 2 * HOUR_MS : local - HOUR_MS;
}

/** Tempo colour code of the standard mode's STGE bits: 1 blue, 2 white, 3 red, 0 none. */
export function tempoFromCode(code: number): TempoColour | null {
  return code === 1 ? 'blue' : code === 2 ? 'white' : code === 3 ? 'red' : null;
}
