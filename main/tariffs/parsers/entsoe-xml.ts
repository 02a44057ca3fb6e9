/**
 * ENTSO-E Transparency Platform, day-ahead prices (document type A44):
 * Publication_MarketDocument > TimeSeries > Period > Point. Prices are
 * EUR/MWh. Curve type A03 ("variable sized blocks") omits positions whose
 * price repeats the previous one; A01 lists every position. Some zones carry
 * both a 15-minute and an hourly series for the same day: the finer wins.
 * An Acknowledgement_MarketDocument (no data) becomes an error with its reason.
 */
import type { PricePoint } from '../day-ahead-series.js';
import { checkedPoints, isoResolutionMs, parseIsoWithZone, perMWhToPerKWh, PriceParseError } from './price-document.js';
import type { PriceDocument } from './price-document.js';
import { child, childrenNamed, childText, parseXml, XmlError } from './xml.js';
import type { XmlElement } from './xml.js';

const fail = (message: string): never => {
  throw new PriceParseError('entsoe-xml', message);
};

export function parseEntsoeXml(text: string): PriceDocument {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (err) {
    throw new PriceParseError('entsoe-xml', err instanceof XmlError ? err.message : String(err));
  }
  if (root.local === 'Acknowledgement_MarketDocument') {
    const reason = child(root, 'Reason');
    return fail(`no data: ${(reason && childText(reason, 'text')) ?? 'acknowledgement without reason'}`);
  }
  if (root.local !== 'Publication_MarketDocument') return fail(`unexpected root element <${root.name}>`);
  const type = childText(root, 'type');
  if (type !== 'A44') return fail(`document type ${type ?? '(none)'} is not A44 (day-ahead prices)`);

  const series = childrenNamed(root, 'TimeSeries');
  if (series.length === 0) return fail('no TimeSeries');
  let currency: string | null = null;
  let area: string | null = null;
  const byResolution = new Map<number, PricePoint[]>();
  for (const ts of series) {
    const cur = childText(ts, 'currency_Unit.name') ?? fail('TimeSeries without currency_Unit.name');
    if (currency !== null && cur !== currency) fail(`mixed currencies ${currency} and ${cur}`);
    currency = cur;
    const unit = childText(ts, 'price_Measure_Unit.name');
    if (unit !== 'MWH') fail(`price unit ${unit ?? '(none)'} is not MWH`);
    area ??= childText(ts, 'in_Domain.mRID') ?? null;
    const curveType = childText(ts, 'curveType') ?? 'A01';
    for (const period of childrenNamed(ts, 'Period')) {
      const interval = child(period, 'timeInterval') ?? fail('Period without timeInterval');
      const startMs = parseIsoWithZone(childText(interval, 'start') ?? '') ?? fail('bad Period start');
      const endMs = parseIsoWithZone(childText(interval, 'end') ?? '') ?? fail('bad Period end');
      const resolutionMs = isoResolutionMs(childText(period, 'resolution') ?? '') ?? fail('bad Period resolution');
      const count = Math.round((endMs - startMs) / resolutionMs);
      if (count <= 0 || count > 31 * 96) fail(`Period of ${count} positions`);
      const prices = new Map<number, number>();
      for (const point of childrenNamed(period, 'Point')) {
        const pos = Number(childText(point, 'position'));
        const amount = Number(childText(point, 'price.amount'));
        if (!Number.isInteger(pos) || pos < 1 || pos > count) fail(`Point position ${childText(point, 'position') ?? '(none)'} outside 1..${count}`);
        if (!Number.isFinite(amount)) fail(`Point ${pos}: price.amount is not a number`);
        prices.set(pos, amount);
      }
      if (!prices.has(1)) fail('Period without position 1');
      const list = byResolution.get(resolutionMs) ?? [];
      let last = 0;
      for (let pos = 1; pos <= count; pos++) {
        const p = prices.get(pos);
        if (p === undefined && curveType !== 'A03') fail(`position ${pos} missing in an ${curveType} curve`);
        last = p ?? last;
        const s = startMs + (pos - 1) * resolutionMs;
        list.push({ startMs: s, endMs: s + resolutionMs, perKWh: perMWhToPerKWh(last) });
      }
      byResolution.set(resolutionMs, list);
    }
  }
  // Finest resolution first; coarser points only where no finer one covers the time.
  const resolutions = [...byResolution.keys()].sort((a, b) => a - b);
  const points: PricePoint[] = [];
  for (const r of resolutions) {
    for (const p of byResolution.get(r) ?? []) {
      if (!points.some((q) => q.startMs < p.endMs && p.startMs < q.endMs)) points.push(p);
    }
  }
  return { format: 'entsoe-xml', currency: currency ?? 'EUR', area, points: checkedPoints('entsoe-xml', points) };
}
