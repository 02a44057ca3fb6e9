/**
 * The meter side of SML: TL encoding, an eHZ-like file (OpenResponse,
 * GetListResponse, CloseResponse) and the transport with escaping, padding
 * and CRC. Used by the SML simulator and the tests.
 */
import { crc16X25 } from '../han/crc16-x25.js';

export type SmlOut = { readonly list: readonly SmlOut[] } | { readonly u: number; readonly bytes?: number } | { readonly i: number; readonly bytes?: number } | { readonly o: Uint8Array } | null | 'end';

function tl(type: number, length: number): Buffer {
  if (length < 16) return Buffer.from([(type << 4) | length]);
  // Two TL bytes: the length counts them too for scalars (the caller adds 1).
  return Buffer.from([0x80 | (type << 4) | ((length >> 4) & 0x0f), length & 0x0f]);
}

export function encodeSml(v: SmlOut): Buffer {
  if (v === null) return Buffer.from([0x01]);
  if (v === 'end') return Buffer.from([0x00]);
  if ('list' in v) return Buffer.concat([tl(7, v.list.length), ...v.list.map(encodeSml)]);
  if ('o' in v) {
    const n = v.o.length + 1;
    return Buffer.concat([n < 16 ? tl(0, n) : tl(0, n + 1), Buffer.from(v.o)]);
  }
  const size = v.bytes ?? 4;
  const signed = 'i' in v;
  const value = signed ? BigInt.asUintN(size * 8, BigInt(v.i)) : BigInt(v.u);
  const body = Buffer.alloc(size);
  for (let k = 0; k < size; k++) body[size - 1 - k] = Number((value >> BigInt(8 * k)) & 0xffn);
  return Buffer.concat([tl(signed ? 5 : 6, size + 1), body]);
}

/** One SML message: {transaction id, group, abort, {tag, content}, crc, end}. */
function message(transactionId: number, tag: number, content: SmlOut): Buffer {
  const head = encodeSml({ list: [{ o: Buffer.from([transactionId]) }, { u: 0, bytes: 1 }, { u: 0, bytes: 1 }, { list: [{ u: tag, bytes: 2 }, content] }] }).subarray(1);
  const withoutCrc = Buffer.concat([Buffer.from([0x76]), head]);
  const crc = crc16X25(withoutCrc);
  return Buffer.concat([withoutCrc, encodeSml({ u: crc, bytes: 2 }), Buffer.from([0x00])]);
}

export interface SmlEntryOut {
  readonly obis: string;
  readonly unit: number;
  readonly scaler: number;
  readonly value: number;
  readonly signed?: boolean;
  readonly bytes?: number;
}

/** A meter's file: open, one GetListResponse with `entries`, close. */
export function smlFile(serverId: Uint8Array, entries: readonly SmlEntryOut[], transaction = 1): Buffer {
  const valList: SmlOut = {
    list: entries.map((e) => ({
      list: [{ o: Buffer.from(e.obis.split('.').map(Number)) }, null, null, { u: e.unit, bytes: 1 }, { i: e.scaler, bytes: 1 }, e.signed === true ? { i: e.value, bytes: e.bytes ?? 8 } : { u: e.value, bytes: e.bytes ?? 8 }, null],
    })),
  };
  const body = Buffer.concat([
    message(transaction, 0x0101, { list: [null, null, { o: Buffer.from([transaction]) }, { o: serverId }, null, null] }),
    message(transaction + 1, 0x0701, { list: [null, { o: serverId }, { o: Buffer.from([1, 0, 98, 10, 255, 255]) }, null, valList, null, null] }),
    message(transaction + 2, 0x0201, { list: [null] }),
  ]);
  return smlTransport(body);
}

/** Start sequence, escaped body, padding, end sequence with CRC (low byte first). */
export function smlTransport(body: Uint8Array): Buffer {
  const padding = (4 - (body.length % 4)) % 4;
  const padded = Buffer.concat([Buffer.from(body), Buffer.alloc(padding)]);
  const parts: Buffer[] = [Buffer.from([0x1b, 0x1b, 0x1b, 0x1b, 1, 1, 1, 1])];
  for (let i = 0; i < padded.length; i += 4) {
    const block = padded.subarray(i, i + 4);
    parts.push(block);
    if (block.readUInt32BE(0) === 0x1b1b1b1b) parts.push(block);
  }
  parts.push(Buffer.from([0x1b, 0x1b, 0x1b, 0x1b, 0x1a, padding]));
  const unsigned = Buffer.concat(parts);
  const crc = crc16X25(unsigned);
  return Buffer.concat([unsigned, Buffer.from([crc & 0xff, crc >> 8])]);
}
