/** Parses a price document of any supported format, recognised by its first bytes. */
import { parseEntsoeXml } from './entsoe-xml.js';
import { parseNordpoolJson } from './nordpool-json.js';
import { parsePriceCsv } from './price-csv.js';
import type { CsvOptions } from './price-csv.js';
import type { PriceDocument } from './price-document.js';

export interface ParseOptions extends CsvOptions {
  /** Nord Pool delivery area (e.g. "NO1") when the document has several. */
  readonly area?: string;
}

export function parsePriceDocument(text: string, options: ParseOptions = {}): PriceDocument {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return parseEntsoeXml(head);
  if (head.startsWith('{')) return parseNordpoolJson(head, options.area);
  return parsePriceCsv(head, options);
}
