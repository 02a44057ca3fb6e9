/**
 * The recorded data aligned onto one simulated span of quarter hours: the
 * prices' own dates (the simulated year is the price year), the 2016
 * household and the 2019 car sessions mapped onto it by day of year and
 * weekday (day-mapping.ts). A warm-up before the start gives the forecasts a
 * history; data after the end lets the last plans look ahead.
 */
import { sourceDay } from './day-mapping.js';
import { evYear, readEvSessions } from './ev-sessions.js';
import type { EvSession } from './ev-sessions.js';
import { readPrices } from './prices.js';
import type { Zone } from './prices.js';
import { pvLoadYear, readPvLoad } from './pv-load.js';

export const quarterMs = 900_000;
const dayMs = 86_400_000;
const warmupDays = 28;
const lookaheadDays = 4;

export interface SimSession {
  /** First whole quarter hour plugged in. */
  readonly arrivalMs: number;
  /** End of the last whole quarter hour plugged in: the car must be ready then. */
  readonly departureMs: number;
  /** Energy used driving before this session (Wh). */
  readonly tripWh: number;
  /** The session runs past the simulated span: its departure is not counted. */
  readonly truncated: boolean;
}

export interface SimYear {
  readonly zone: Zone;
  /** Start of the arrays (the warm-up begins here). */
  readonly originMs: number;
  readonly startMs: number;
  readonly endMs: number;
  /** End of the arrays. */
  readonly dataEndMs: number;
  readonly pvW: Float64Array;
  readonly loadW: Float64Array;
  /** EUR/kWh; NaN where unknown. */
  readonly spotPerKWh: Float64Array;
  /** Sessions arriving in [startMs, endMs), sorted, not overlapping. */
  readonly sessions: readonly SimSession[];
}

export interface SimYearOptions {
  readonly dataDir: string;
  readonly zone: Zone;
  readonly carUser: string;
  /** Simulated days; default: the last 365 days with prices. */
  readonly days: number | null;
  /** First simulated day (UTC ms of a UTC midnight); default: 365 days before the prices end. */
  readonly startMs: number | null;
}

export function buildSimYear(o: SimYearOptions): SimYear {
  const prices = readPrices(o.dataDir, o.zone);
  const pvLoad = readPvLoad(o.dataDir);
  const ev = readEvSessions(o.dataDir, o.carUser);
  // The prices end at a local midnight (22:00 UTC in summer): the simulated days run midnight to midnight there.
  const defaultStart = prices.endMs - 365 * dayMs;
  const startMs = o.startMs ?? defaultStart;
  const endMs = Math.min(startMs + (o.days ?? 365) * dayMs, prices.endMs);
  if (!(endMs > startMs)) throw new Error(`no prices for the simulated span (prices end ${new Date(prices.endMs).toISOString()})`);
  const originMs = startMs - warmupDays * dayMs;
  const dataEndMs = Math.min(prices.endMs, endMs + lookaheadDays * dayMs);
  const n = Math.round((dataEndMs - originMs) / quarterMs);
  const pvW = new Float64Array(n);
  const loadW = new Float64Array(n);
  const spotPerKWh = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const ts = originMs + i * quarterMs;
    const day = Math.floor(ts / dayMs) * dayMs;
    const hour = Math.floor((sourceDay(day, pvLoadYear) + (ts - day) - pvLoad.startMs) / 3_600_000);
    pvW[i] = pvLoad.pvW[hour] ?? 0;
    loadW[i] = pvLoad.loadW[hour] ?? 0;
    const p = Math.round((ts - prices.startMs) / quarterMs);
    spotPerKWh[i] = p >= 0 ? (prices.spotPerKWh[p] ?? Number.NaN) : Number.NaN;
  }
  return { zone: o.zone, originMs, startMs, endMs, dataEndMs, pvW, loadW, spotPerKWh, sessions: mapSessions(ev, startMs, endMs) };
}

function mapSessions(ev: readonly EvSession[], startMs: number, endMs: number): SimSession[] {
  const mapped: EvSession[] = [];
  for (let day = startMs - 7 * dayMs; day < endMs; day += dayMs) {
    const simDay = Math.floor(day / dayMs) * dayMs;
    const src = sourceDay(simDay, evYear);
    for (const s of ev) {
      if (s.arrivalMs < src || s.arrivalMs >= src + dayMs) continue;
      const arrivalMs = simDay + (s.arrivalMs - src);
      mapped.push({ arrivalMs, departureMs: arrivalMs + (s.departureMs - s.arrivalMs), energyWh: s.energyWh });
    }
  }
  mapped.sort((a, b) => a.arrivalMs - b.arrivalMs);
  const out: SimSession[] = [];
  for (const s of mapped) {
    const arrivalMs = Math.ceil(s.arrivalMs / quarterMs) * quarterMs;
    let departureMs = Math.floor(s.departureMs / quarterMs) * quarterMs;
    if (arrivalMs < startMs || arrivalMs >= endMs) continue;
    let tripWh = s.energyWh;
    const prev = out[out.length - 1];
    // Where the mapping puts a session inside the previous one (at a wrap of the source year), the previous ends.
    if (prev !== undefined && prev.departureMs > arrivalMs) {
      if (prev.arrivalMs < arrivalMs) out[out.length - 1] = { ...prev, departureMs: arrivalMs };
      else {
        out.pop();
        tripWh += prev.tripWh;
      }
    }
    const truncated = departureMs > endMs;
    departureMs = Math.min(departureMs, endMs);
    if (departureMs <= arrivalMs) continue;
    out.push({ arrivalMs, departureMs, tripWh, truncated });
  }
  return out.filter((s) => s.departureMs > s.arrivalMs);
}
