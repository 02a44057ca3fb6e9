/** The decode tool's work, apart from its command line (tests call it directly). */
import { gloKeys } from '../drivers/han/han-config.js';
import { HanDecoder } from '../drivers/han/han-decoder.js';
import type { FrameDecoder, FrameOutcome } from '../drivers/p1/frame-decoder.js';
import { flattenReading } from '../drivers/p1/meter-reading.js';
import type { MeterReading } from '../drivers/p1/meter-reading.js';
import { SevenBitP1Decoder } from '../drivers/p1/p1-serial.js';
import { implausible } from '../drivers/p1/plausibility.js';
import { SmlDecoder } from '../drivers/sml/sml-decoder.js';
import { TicDecoder } from '../drivers/tic/tic-decoder.js';

export const protocols = ['p1', 'han', 'tic', 'sml'] as const;
export type Protocol = (typeof protocols)[number];

export type DecodeResult = { valid: true; readings: Record<string, number | string> } | { valid: false; error: string };

export function decodeCapture(protocol: Protocol, input: Buffer, keys: { key?: string | undefined; authKey?: string | undefined } = {}): DecodeResult[] {
  const outcomes: FrameOutcome[] = [];
  if (protocol === 'han') {
    const decoder = new HanDecoder(gloKeys({ ...(keys.key === undefined ? {} : { key: keys.key }), ...(keys.authKey === undefined ? {} : { authKey: keys.authKey }) }));
    const lines = hexLines(input);
    if (lines !== null && lines.every((l) => l[0] === 0xe6 || l[0] === 0x0f)) for (const l of lines) outcomes.push(decoder.decodeInfo(l));
    else outcomes.push(...decoder.push(lines === null ? input : Buffer.concat(lines)));
  } else {
    const bytes = protocol === 'sml' ? (hexBytes(input) ?? input) : input;
    outcomes.push(...decoderFor(protocol).push(bytes));
  }
  return outcomes.map(result);
}

function decoderFor(protocol: 'p1' | 'tic' | 'sml'): FrameDecoder {
  if (protocol === 'p1') return new SevenBitP1Decoder();
  return protocol === 'tic' ? new TicDecoder() : new SmlDecoder();
}

function result(o: FrameOutcome<MeterReading>): DecodeResult {
  if (!o.ok) return { valid: false, error: o.kind === 'crc' ? o.error : `${o.kind}: ${o.error}` };
  const bad = implausible(o.reading);
  return bad === null ? { valid: true, readings: flattenReading(o.reading) } : { valid: false, error: bad };
}

/** Hex text (whitespace, "0x" and ":" allowed) as bytes, or null when the input is not hex text. */
function hexBytes(input: Buffer): Buffer | null {
  const lines = hexLines(input);
  return lines === null ? null : Buffer.concat(lines);
}

function hexLines(input: Buffer): Buffer[] | null {
  const text = input.toString('latin1');
  if (!/^[\s0-9A-Fa-fx:]*$/.test(text) || text.trim() === '') return null;
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/0x/gi, '').replace(/[\s:]/g, ''))
    .filter((l) => l !== '');
  if (lines.some((l) => l.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(l))) return null;
  return lines.map((l) => Buffer.from(l, 'hex'));
}
