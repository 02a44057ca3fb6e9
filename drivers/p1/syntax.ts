/**
 * The syntax of a P1 telegram, without meaning: header line, CRC, and the
 * data objects `A-B:C.D.E(value)(value)...`. A value list may continue on the
 * next line when that line starts with '(' (DSMR 3 gas: the reading sits on
 * its own line under 0-1:24.3.0).
 */
import { crc16Arc, formatCrc } from './crc16.js';

export interface TelegramSyntax {
  readonly header: string;
  readonly crcChecked: boolean;
  /** OBIS code -> bracketed values, in telegram order. */
  readonly objects: ReadonlyMap<string, readonly string[]>;
  /** Codes that appeared more than once (the first occurrence is kept). */
  readonly duplicates: readonly string[];
}

export type SyntaxResult = { ok: true; value: TelegramSyntax } | { ok: false; kind: 'crc' | 'format'; error: string };

const OBIS = /^\d{1,3}-\d{1,3}:\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const HEADER = /^[A-Za-z]{3}\d/;
// Four hex digits by the standard; some meters drop leading zeros, so one to four are read.
const TRAILER = /^([0-9A-Fa-f]{1,4})?(\r\n|\n|\r)?$/;

export function readSyntax(text: string): SyntaxResult {
  if (!text.startsWith('/')) return format(`telegram does not start with '/': ${snippet(text)}`);
  const bang = text.indexOf('!');
  if (bang === -1) return format("telegram has no end mark '!'");

  const trailer = TRAILER.exec(text.slice(bang + 1));
  if (trailer === null) return { ok: false, kind: 'crc', error: `malformed CRC field after '!': ${snippet(text.slice(bang + 1))}` };
  const crcText = trailer[1];
  if (crcText !== undefined) {
    const computed = crc16Arc(text.slice(0, bang + 1));
    if (parseInt(crcText, 16) !== computed) {
      return { ok: false, kind: 'crc', error: `CRC mismatch: telegram says ${crcText.toUpperCase()}, computed ${formatCrc(computed)}` };
    }
  }

  const headerEnd = lineEnd(text, 1, bang);
  const header = text.slice(1, headerEnd);
  if (!HEADER.test(header)) return format(`bad identification line: ${snippet(header)}`);

  const objects = new Map<string, string[]>();
  const duplicates: string[] = [];
  const body = text.slice(headerEnd, bang);
  let pos = 0;
  while (pos < body.length) {
    if (isSpace(body[pos])) {
      pos++;
      continue;
    }
    const open = body.indexOf('(', pos);
    const eol = lineEnd(body, pos, body.length);
    if (open === -1 || open > eol) return format(`line without a value: ${snippet(body.slice(pos, eol))}`);
    const code = body.slice(pos, open);
    if (!OBIS.test(code)) return format(`bad OBIS code: ${snippet(code)}`);
    const values: string[] = [];
    pos = open;
    while (pos < body.length && body[pos] === '(') {
      const close = body.indexOf(')', pos);
      const value = close === -1 ? null : body.slice(pos + 1, close);
      if (value === null || /[(\r\n]/.test(value)) return format(`unclosed '(' in ${code}`);
      values.push(value);
      pos = close + 1;
      // A continuation line starts with '(' (possibly after the line break).
      let next = pos;
      while (next < body.length && isSpace(body[next])) next++;
      if (body[next] === '(') pos = next;
    }
    if (pos < body.length && !isSpace(body[pos])) return format(`unexpected ${snippet(body[pos] ?? '')} after ${code}`);
    if (objects.has(code)) duplicates.push(code);
    else objects.set(code, values);
  }
  return { ok: true, value: { header, crcChecked: crcText !== undefined, objects, duplicates } };
}

function format(error: string): SyntaxResult {
  return { ok: false, kind: 'format', error };
}

function isSpace(c: string | undefined): boolean {
  return c === '\r' || c === '\n' || c === ' ' || c === '\t';
}

/** Index of the first CR or LF at or after `from`, or `limit`. */
function lineEnd(s: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) if (s[i] === '\r' || s[i] === '\n') return i;
  return limit;
}

/** A short, quoted, escaped excerpt for error messages (device bytes can be anything). */
export function snippet(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}...` : s);
}
