/**
 * Nord Pool data portal, day-ahead prices (api/DayAheadPrices): one entry per
 * market time unit with deliveryStart/deliveryEnd (UTC) and a price per
 * delivery area, in the document's currency per MWh.
 */
import { z } from 'zod';
import { checkedPoints, parseIsoWithZone, perMWhToPerKWh, PriceParseError } from './price-document.js';
import type { PriceDocument } from './price-document.js';

const schema = z.object({
  deliveryDateCET: z.string().optional(),
  market: z.string().optional(),
  currency: z.string().min(3).max(3),
  deliveryAreas: z.array(z.string()).optional(),
  multiAreaEntries: z
    .array(
      z.object({
        deliveryStart: z.string(),
        deliveryEnd: z.string(),
        entryPerArea: z.record(z.string(), z.number().nullable()),
      }),
    )
    .min(1)
    .max(31 * 96),
});

export function parseNordpoolJson(text: string, area?: string): PriceDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PriceParseError('nordpool-json', `not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PriceParseError('nordpool-json', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const doc = parsed.data;
  const zone = area ?? (doc.deliveryAreas?.length === 1 ? doc.deliveryAreas[0] : undefined);
  if (zone === undefined) throw new PriceParseError('nordpool-json', `several delivery areas (${(doc.deliveryAreas ?? []).join(', ')}): name the area`);
  const points = [];
  for (const e of doc.multiAreaEntries) {
    const startMs = parseIsoWithZone(e.deliveryStart);
    const endMs = parseIsoWithZone(e.deliveryEnd);
    if (startMs === null || endMs === null) throw new PriceParseError('nordpool-json', `bad delivery interval ${e.deliveryStart}..${e.deliveryEnd}`);
    const price = e.entryPerArea[zone];
    // A missing or null price (area not cleared yet) is skipped, not read as zero.
    if (price === undefined || price === null) continue;
    points.push({ startMs, endMs, perKWh: perMWhToPerKWh(price) });
  }
  if (points.length === 0) throw new PriceParseError('nordpool-json', `no prices for area ${zone}`);
  return { format: 'nordpool-json', currency: doc.currency, area: zone, points: checkedPoints('nordpool-json', points) };
}
