/**
 * Day-ahead prices as CSV, the way exchanges and portals export them:
 *  - one row per market time unit with an ISO timestamp (with zone) and a
 *    price column, e.g. "timestamp_utc,NL" (EPEX results as scraped daily) or
 *    "deliveryStart;price" with a decimal comma;
 *  - the ENTSO-E Transparency "Export data" CSV: "MTU (CET/CEST)" as
 *    "01.10.2025 00:00 - 01.10.2025 00:15" in local time, marked "(CET)" or
 *    "(CEST)" on the day clocks go back, and "Day-ahead Price [EUR/MWh]".
 * The unit comes from the price header (".../MWh" or ".../kWh"; MWh if it
 * says neither). Rows without a price ("n/e", "-", empty) are skipped.
 */
import { utcOffsetMs } from '../../common/local-time.js';
import type { PricePoint } from '../day-ahead-series.js';
import { checkedPoints, parseIsoWithZone, perMWhToPerKWh, PriceParseError } from './price-document.js';
import type { PriceDocument } from './price-document.js';

export interface CsvOptions {
  /** Price column header; default: the first column after the time column that holds numbers. */
  readonly column?: string;
  /** Zone for local timestamps (ENTSO-E exports); default Europe/Brussels (CET/CEST). */
  readonly timeZone?: string;
  /** Currency when the header does not say; default EUR. */
  readonly currency?: string;
}

const fail = (message: string): never => {
  throw new PriceParseError('csv', message);
};

function splitRow(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

function detectDelimiter(header: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, header.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

/** "01.10.2025 00:00" (+ optional "(CET)"/"(CEST)") in a zone to epoch ms. */
function parseLocal(s: string, timeZone: string): number | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})(?::\d{2})?\s*(?:\((CET|CEST)\))?$/.exec(s.trim());
  if (m === null) return null;
  const asUtc = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
  if (m[6] !== undefined) return asUtc - (m[6] === 'CEST' ? 2 : 1) * 3_600_000;
  // Without a marker, the zone's offset at that moment (corrected once across a change).
  const first = asUtc - utcOffsetMs(asUtc, timeZone);
  return asUtc - utcOffsetMs(first, timeZone);
}

function parseNumber(s: string, decimalComma: boolean): number | null {
  const t = s.trim();
  if (t === '' || t === '-' || /^n\/?[ae]$/i.test(t)) return null;
  const normalised = decimalComma ? t.replace(/\./g, '').replace(',', '.') : t;
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(normalised)) return fail(`"${s}" is not a number`);
  return Number(normalised);
}

export function parsePriceCsv(text: string, options: CsvOptions = {}): PriceDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const headerLine = lines[0] ?? fail('empty document');
  const delimiter = detectDelimiter(headerLine);
  const decimalComma = delimiter === ';';
  const header = splitRow(headerLine, delimiter);
  const timeCol = header.findIndex((h) => /time|start|date|mtu|delivery|period/i.test(h));
  if (timeCol < 0) fail(`no time column in header "${headerLine}"`);
  const rows = lines.slice(1).map((l) => splitRow(l, delimiter));
  if (rows.length === 0) fail('no rows');
  let priceCol: number;
  if (options.column !== undefined) {
    priceCol = header.indexOf(options.column);
    if (priceCol < 0) fail(`no column "${options.column}" in header`);
  } else {
    priceCol = header.findIndex((h, i) => i !== timeCol && /price|eur|nok|sek|huf|\/mwh|\/kwh/i.test(h));
    if (priceCol < 0) priceCol = header.findIndex((_h, i) => i !== timeCol && rows.some((r) => /^-?\d/.test(r[i] ?? '')));
    if (priceCol < 0) fail('no price column');
  }
  const priceHeader = header[priceCol] ?? '';
  const perKWh = /kwh/i.test(priceHeader) ? (x: number): number => x : perMWhToPerKWh;
  const currency = /\b(EUR|NOK|SEK|HUF|DKK|PLN)\b/i.exec(priceHeader)?.[1]?.toUpperCase() ?? options.currency ?? 'EUR';
  const timeZone = options.timeZone ?? 'Europe/Brussels';

  const starts: { startMs: number; endMs: number | null; price: number | null }[] = [];
  for (const [index, r] of rows.entries()) {
    const cell = r[timeCol] ?? '';
    const [a, b] = cell.includes(' - ') ? cell.split(' - ') : [cell, undefined];
    const startMs = parseIsoWithZone(a ?? '') ?? parseLocal(a ?? '', timeZone);
    if (startMs === null) return fail(`row ${index + 2}: cannot read time "${cell}"`);
    const endMs = b === undefined ? null : (parseIsoWithZone(b) ?? parseLocal(b, timeZone));
    const raw = parseNumber(r[priceCol] ?? '', decimalComma);
    starts.push({ startMs, endMs, price: raw === null ? null : perKWh(raw) });
  }
  const points: PricePoint[] = [];
  for (const [i, s] of starts.entries()) {
    const next = starts[i + 1];
    const prev = starts[i - 1];
    // Without an explicit end, a row lasts until the next one; the last one as long as the one before.
    const endMs = s.endMs ?? (next !== undefined ? next.startMs : prev !== undefined ? s.startMs + (s.startMs - prev.startMs) : fail('one row without an end time'));
    if (s.price !== null) points.push({ startMs: s.startMs, endMs, perKWh: s.price });
  }
  if (points.length === 0) fail('no prices');
  return { format: 'csv', currency, area: options.column ?? null, points: checkedPoints('csv', points) };
}
