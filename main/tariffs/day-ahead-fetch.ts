/**
 * Optional network fetch of day-ahead prices (ENTSO-E Transparency API or
 * the Nord Pool data portal), today's and tomorrow's. Offline the hub runs on
 * files, pushed prices and forecasts; a failed fetch is logged and retried
 * later, never fatal. Uses real time: the network does not speed up.
 */
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { PricePoint } from './day-ahead-series.js';
import { parseEntsoeXml } from './parsers/entsoe-xml.js';
import { parseNordpoolJson } from './parsers/nordpool-json.js';
import type { PriceDocument } from './parsers/price-document.js';
import type { TariffConfig } from './tariff-config.js';
import { dayMs } from './slots.js';

type FetchConfig = NonNullable<TariffConfig['dayAhead']['fetch']>;

const timeoutMs = 15_000;

function yyyymmddhhmm(ts: number): string {
  return new Date(ts).toISOString().replace(/[-:T]/g, '').slice(0, 12);
}

/** Requests covering [fromMs, fromMs + days). */
export function dayAheadUrls(config: FetchConfig, fromMs: number, days: number): string[] {
  if (config.provider === 'entsoe') {
    const u = new URL(config.baseUrl);
    u.searchParams.set('securityToken', config.token);
    u.searchParams.set('documentType', 'A44');
    u.searchParams.set('in_Domain', config.area);
    u.searchParams.set('out_Domain', config.area);
    u.searchParams.set('periodStart', yyyymmddhhmm(fromMs));
    u.searchParams.set('periodEnd', yyyymmddhhmm(fromMs + days * dayMs));
    return [u.toString()];
  }
  const urls: string[] = [];
  for (let d = 0; d < days; d++) {
    const u = new URL(config.baseUrl);
    // The portal's "date" is the CET delivery day.
    u.searchParams.set('date', new Date(fromMs + d * dayMs + 3_600_000).toISOString().slice(0, 10));
    u.searchParams.set('market', 'DayAhead');
    u.searchParams.set('deliveryArea', config.area);
    u.searchParams.set('currency', config.currency);
    urls.push(u.toString());
  }
  return urls;
}

export async function fetchDayAhead(config: FetchConfig, fromMs: number, days: number, log: Logger): Promise<PriceDocument[]> {
  const docs: PriceDocument[] = [];
  for (const url of dayAheadUrls(config, fromMs, days)) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      // Nord Pool answers 204 before the auction result is out: not an error.
      if (res.status === 204) continue;
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      docs.push(config.provider === 'entsoe' ? parseEntsoeXml(text) : parseNordpoolJson(text, config.area));
    } catch (err) {
      log.warn('day-ahead fetch failed; will retry', { provider: config.provider, error: describeError(err) });
    }
  }
  return docs;
}

/** Converts a document's prices to the site currency; null when no rate is known. */
export function inSiteCurrency(doc: PriceDocument, siteCurrency: string, rates: Readonly<Record<string, number>>): PricePoint[] | null {
  if (doc.currency === siteCurrency) return [...doc.points];
  const rate = rates[doc.currency];
  if (rate === undefined) return null;
  return doc.points.map((p) => ({ ...p, perKWh: p.perKWh * rate }));
}
