/**
 * The HTTP + WebSocket contract between the hub and every screen (kiosk window
 * and LAN browsers alike). Both sides import this file; the hub validates
 * every request body with these schemas and answers 400 with the message.
 */
import { z } from 'zod';
import { carModes, readyByPattern } from './car.js';
import type { SiteSnapshot } from './snapshot.js';
import { statisticsRanges } from './statistics.js';

export const carModeBody = z.object({ mode: z.enum(carModes) }).strict();
export type CarModeBody = z.infer<typeof carModeBody>;

export const carSettingsBody = z
  .object({
    mode: z.enum(carModes).optional(),
    minSocPct: z.number().int().min(0).max(100).optional(),
    targetSocPct: z.number().int().min(0).max(100).optional(),
    readyBy: z.string().regex(readyByPattern, 'expected a time "HH:MM"').nullable().optional(),
    v2h: z.boolean().optional(),
    v2g: z.boolean().optional(),
  })
  .strict();
export type CarSettingsBody = z.infer<typeof carSettingsBody>;

export const historyQuery = z.object({
  fromMs: z.coerce.number().int().nonnegative(),
  toMs: z.coerce.number().int().nonnegative(),
});
export type HistoryQuery = z.infer<typeof historyQuery>;

export const statisticsQuery = z.object({
  range: z.enum(statisticsRanges).default('day'),
  /** Any local day in the period, "YYYY-MM-DD"; default today at the site. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD"')
    .optional(),
});
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

export const statisticsCsvQuery = statisticsQuery.extend({
  /** bucket: one line per hour/day/month as on screen; 15m: every 15-minute slot of the period. */
  step: z.enum(['bucket', '15m']).default('bucket'),
});
export type StatisticsCsvQuery = z.infer<typeof statisticsCsvQuery>;

/** One minute of history: average powers over the minute and energy counters at its end. */
export interface HistoryRow {
  /** Start of the minute, epoch ms. */
  readonly ts: number;
  readonly gridW: number | null;
  readonly pvW: number | null;
  readonly batteryW: number | null;
  readonly wallboxW: number | null;
  readonly homeW: number | null;
  readonly batterySocPct: number | null;
  readonly carSocPct: number | null;
  /** Energy through each term during the minute, from the power averages (Wh). */
  readonly gridImportWh: number;
  readonly gridExportWh: number;
  readonly pvWh: number;
  readonly batteryChargeWh: number;
  readonly batteryDischargeWh: number;
  readonly carChargeWh: number;
  readonly carDischargeWh: number;
  readonly homeWh: number;
}

export interface HubInfo {
  readonly name: 'SCALE Hub';
  readonly version: string;
  /** Simulated time runs this many times faster than real time. */
  readonly speed: number;
  readonly simulated: boolean;
}

/** Latency percentiles over the recent ticks (real ms); null before any sample. */
export interface LatencyFigures {
  readonly p50: number | null;
  readonly p99: number | null;
  readonly samples: number;
}

/** For installers and benchmarks: how the hub itself is doing. */
export interface HubDiagnostics {
  /** Computation time of one control tick. */
  readonly tickMs: LatencyFigures;
  /** From the meter reading that started a tick to the device acknowledging the setpoint. */
  readonly setpointMs: LatencyFigures;
  readonly rssBytes: number;
  readonly uptimeS: number;
}

export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/** Messages pushed on the WebSocket at /api/ws. */
export type ServerMessage = { readonly type: 'snapshot'; readonly snapshot: SiteSnapshot };

export { routes } from './routes.js';
export type { StatisticsView, StatisticsBucket, StatisticsRange, StatisticsTotals, EnergyTotals, CostTotals } from './statistics.js';
