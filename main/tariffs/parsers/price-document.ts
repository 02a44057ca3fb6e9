/** What every price parser returns, and the errors they raise. */
import type { PricePoint } from '../day-ahead-series.js';
import { isSlotAligned } from '../slots.js';

export type PriceFormat = 'entsoe-xml' | 'nordpool-json' | 'csv';

export interface PriceDocument {
  readonly format: PriceFormat;
  /** Currency the document states (ENTSO-E: always EUR). */
  readonly currency: string;
  /** Bidding zone as the document names it (EIC code or "NO1"), null when not stated. */
  readonly area: string | null;
  /** Sorted by start, per kWh (documents give per MWh; converted). */
  readonly points: readonly PricePoint[];
}

export class PriceParseError extends Error {
  constructor(format: PriceFormat, message: string) {
    super(`${format}: ${message}`);
    this.name = 'PriceParseError';
  }
}

/** Rejects points that are not on the 15-minute grid or have no duration; sorts and de-duplicates (last wins). */
export function checkedPoints(format: PriceFormat, points: readonly PricePoint[]): PricePoint[] {
  const byStart = new Map<number, PricePoint>();
  for (const p of points) {
    if (!Number.isFinite(p.perKWh)) throw new PriceParseError(format, `price at ${new Date(p.startMs).toISOString()} is not a number`);
    if (!(p.endMs > p.startMs) || !isSlotAligned(p.startMs) || !isSlotAligned(p.endMs)) {
      throw new PriceParseError(format, `interval ${new Date(p.startMs).toISOString()} is not aligned to 15-minute slots`);
    }
    byStart.set(p.startMs, p);
  }
  return [...byStart.values()].sort((a, b) => a.startMs - b.startMs);
}

/** ISO 8601 durations of market time units: PT15M, PT30M, PT60M, PT1H, P1D. */
export function isoResolutionMs(s: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(s.trim());
  if (m === null) return null;
  const ms = ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000;
  return ms > 0 ? ms : null;
}

/** Strict ISO timestamp with a zone ("Z" or offset), seconds optional (ENTSO-E writes "2025-09-30T22:00Z"). */
export function parseIsoWithZone(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s.trim())) return null;
  const ms = Date.parse(s.trim());
  return Number.isNaN(ms) ? null : ms;
}

/** Price per MWh to per kWh, without binary noise (95.10 €/MWh is 0.0951 €/kWh, not 0.09509999…). */
export function perMWhToPerKWh(perMWh: number): number {
  return Number((perMWh / 1000).toPrecision(12));
}
