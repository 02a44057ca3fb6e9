/**
 * SML transport v1 (SML 1.04, section 8): a file starts with 1B1B1B1B
 * 01010101 and ends with 1B1B1B1B 1A pp c1 c2, pp = padding bytes added to
 * reach a multiple of 4, c1 c2 = CRC-16/X-25 (low byte first) over every byte
 * from the start sequence up to pp. 1B1B1B1B in the data is sent twice.
 * Everything after the start is 4-byte aligned, so escapes are looked for on
 * 4-byte boundaries only. A file with a bad CRC is dropped whole.
 */
import { crc16X25, hex4, readCrcLe } from '../han/crc16-x25.js';

const ESC = 0x1b1b1b1b;
const START = 0x01010101;
/** An eHZ file is 300-700 bytes; a meter with load profiles sends a few KB. */
const MAX_FILE_BYTES = 8192;

export type SmlFileOutcome = { readonly ok: true; readonly payload: Buffer } | { readonly ok: false; readonly kind: 'crc' | 'format'; readonly error: string };

export class SmlFramer {
  private buf: Buffer = Buffer.alloc(0);
  private dropped = 0;

  get droppedBytes(): number {
    return this.dropped;
  }

  push(chunk: Uint8Array): SmlFileOutcome[] {
    const out: SmlFileOutcome[] = [];
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    let pos = 0;
    for (;;) {
      const start = findStart(this.buf, pos);
      if (start === -1) {
        // Keep the last 7 bytes: a start sequence may be split across chunks.
        const keep = Math.max(pos, this.buf.length - 7);
        this.dropped += keep - pos;
        pos = keep;
        break;
      }
      this.dropped += start - pos;
      const r = this.readFile(start);
      if (r === 'wait') {
        pos = start;
        if (this.buf.length - start > MAX_FILE_BYTES + 16) {
          out.push({ ok: false, kind: 'format', error: `SML file longer than ${MAX_FILE_BYTES} bytes dropped` });
          this.dropped += 8;
          pos = start + 8;
          continue;
        }
        break;
      }
      out.push(r.outcome);
      if (!r.outcome.ok) this.dropped += r.next - start;
      pos = r.next;
    }
    this.buf = Buffer.from(this.buf.subarray(pos));
    return out;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  private readFile(start: number): { outcome: SmlFileOutcome; next: number } | 'wait' {
    const b = this.buf;
    const payload: Buffer[] = [];
    let i = start + 8;
    for (;;) {
      if (i + 4 > b.length) return 'wait';
      if (b.readUInt32BE(i) !== ESC) {
        payload.push(b.subarray(i, i + 4));
        i += 4;
        continue;
      }
      if (i + 8 > b.length) return 'wait';
      const next = b.readUInt32BE(i + 4);
      if (next === ESC) {
        payload.push(b.subarray(i, i + 4));
        i += 8;
      } else if (next === START) {
        return { outcome: { ok: false, kind: 'format', error: 'SML file cut short: a new start sequence came before its end' }, next: i };
      } else if (b[i + 4] === 0x1a) {
        const padding = b[i + 5] ?? 0;
        const sent = readCrcLe(b, i + 6);
        const computed = crc16X25(b, start, i + 6);
        const end = i + 8;
        if (sent !== computed) return { outcome: { ok: false, kind: 'crc', error: `SML CRC mismatch: file says ${hex4(sent)}, computed ${hex4(computed)}` }, next: end };
        const data = Buffer.concat(payload);
        if (padding > 3 || padding > data.length) return { outcome: { ok: false, kind: 'format', error: `SML end sequence with ${padding} padding bytes` }, next: end };
        return { outcome: { ok: true, payload: data.subarray(0, data.length - padding) }, next: end };
      } else {
        return { outcome: { ok: false, kind: 'format', error: `unknown SML escape sequence ${b.subarray(i + 4, i + 8).toString('hex')}` }, next: i + 8 };
      }
    }
  }
}

function findStart(b: Buffer, from: number): number {
  for (let i = b.indexOf(0x1b, from); i !== -1 && i + 8 <= b.length; i = b.indexOf(0x1b, i + 1)) {
    if (b.readUInt32BE(i) === ESC && b.readUInt32BE(i + 4) === START) return i;
  }
  return -1;
}
