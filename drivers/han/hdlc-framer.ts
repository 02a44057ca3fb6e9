/**
 * Cuts a HAN byte stream into DLMS HDLC frames (IEC 62056-46, frame format
 * type 3): 0x7E, format/length (2 bytes: 0xA, segmentation bit, 11-bit
 * length), destination and source addresses (1-4 bytes each, the last byte
 * of each has bit 0 set), control, HCS, information field, FCS, 0x7E.
 *
 * HAN meters do not byte-stuff: 0x7E and 0x7D occur inside frames (the Aidon
 * and Kaifa captures have them), so frames are split by their length field,
 * never by the flag alone. A frame must end with a flag where its length says;
 * otherwise the opening flag was noise and we resynchronise on the next one.
 * Consecutive frames may share one flag. Segmented frames (segmentation bit
 * set) are joined until the last segment.
 *
 * Raw general-glo-ciphering APDUs (0xDB, e.g. Luxembourg's encrypted P1
 * stream) are framed too, by their own length.
 */
import { crc16X25, hex4, readCrcLe } from './crc16-x25.js';

const FLAG = 0x7e;
const GLO_CIPHERING = 0xdb;
/** A segmented APDU larger than this is noise or an attack, not a meter. */
const MAX_APDU_BYTES = 16 * 1024;

export type HdlcOutcome = { readonly ok: true; readonly info: Uint8Array } | { readonly ok: false; readonly kind: 'crc' | 'format'; readonly error: string };

export class HdlcFramer {
  private buf: Buffer = Buffer.alloc(0);
  private segments: Buffer[] = [];
  private segmentBytes = 0;
  private dropped = 0;

  get droppedBytes(): number {
    return this.dropped;
  }

  push(chunk: Uint8Array): HdlcOutcome[] {
    const out: HdlcOutcome[] = [];
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    let pos = 0;
    for (;;) {
      const start = this.findStart(pos);
      this.dropped += start - pos;
      pos = start;
      if (pos >= this.buf.length) break;
      const step = this.buf[pos] === FLAG ? this.tryHdlc(pos, out) : this.tryCiphered(pos, out);
      if (step === 'wait') break;
      pos = step;
    }
    this.buf = Buffer.from(this.buf.subarray(pos));
    // Everything kept is one unfinished frame; cap it so noise cannot grow memory.
    if (this.buf.length > 4096 + 16) {
      this.dropped += this.buf.length;
      this.buf = Buffer.alloc(0);
    }
    return out;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
    this.segments = [];
    this.segmentBytes = 0;
  }

  private findStart(from: number): number {
    for (let i = from; i < this.buf.length; i++) {
      const b = this.buf[i];
      if (b === FLAG || (b === GLO_CIPHERING && i + 1 < this.buf.length && this.buf[i + 1] === 0x08) || (b === GLO_CIPHERING && i + 1 === this.buf.length)) return i;
    }
    return this.buf.length;
  }

  /** pos is at a 0x7E. Returns where to continue, or 'wait' for more bytes. */
  private tryHdlc(pos: number, out: HdlcOutcome[]): number | 'wait' {
    const b = this.buf;
    if (pos + 3 > b.length) return 'wait';
    const f0 = b[pos + 1] ?? 0;
    // A flag followed by a flag: the first closed an earlier frame (or is fill).
    if (f0 === FLAG) return pos + 1;
    if ((f0 & 0xf0) !== 0xa0) return pos + 1;
    const length = ((f0 & 0x07) << 8) | (b[pos + 2] ?? 0);
    if (length < 7) return pos + 1;
    const end = pos + 1 + length;
    if (end >= b.length) return 'wait';
    if (b[end] !== FLAG) return pos + 1;
    const frame = b.subarray(pos + 1, end);
    // Leave the closing flag: it may open the next frame.
    const next = end;
    const fcs = crc16X25(frame, 0, frame.length - 2);
    const sent = readCrcLe(frame, frame.length - 2);
    if (fcs !== sent) {
      this.dropSegments();
      out.push({ ok: false, kind: 'crc', error: `HDLC FCS mismatch: frame says ${hex4(sent)}, computed ${hex4(fcs)}` });
      return next;
    }
    const header = headerLength(frame);
    if (header === null) {
      out.push({ ok: false, kind: 'format', error: 'HDLC frame with unterminated address field' });
      return next;
    }
    // A frame without information field has no HCS: FCS right after control.
    if (header + 2 < frame.length - 2) {
      const hcs = crc16X25(frame, 0, header);
      const hcsSent = readCrcLe(frame, header);
      if (hcs !== hcsSent) {
        this.dropSegments();
        out.push({ ok: false, kind: 'crc', error: `HDLC HCS mismatch: frame says ${hex4(hcsSent)}, computed ${hex4(hcs)}` });
        return next;
      }
    }
    const info = Buffer.from(frame.subarray(Math.min(header + 2, frame.length - 2), frame.length - 2));
    const segmented = (f0 & 0x08) !== 0;
    this.segments.push(info);
    this.segmentBytes += info.length;
    if (this.segmentBytes > MAX_APDU_BYTES) {
      this.dropSegments();
      out.push({ ok: false, kind: 'format', error: `segmented HDLC message longer than ${MAX_APDU_BYTES} bytes dropped` });
      return next;
    }
    if (!segmented) {
      out.push({ ok: true, info: Buffer.concat(this.segments) });
      this.segments = [];
      this.segmentBytes = 0;
    }
    return next;
  }

  /** pos is at 0xDB (general-glo-ciphering without HDLC). */
  private tryCiphered(pos: number, out: HdlcOutcome[]): number | 'wait' {
    const b = this.buf;
    // DB 08 <system title: 8> <length> ...
    const lenAt = pos + 10;
    if (lenAt >= b.length) return 'wait';
    const first = b[lenAt] ?? 0;
    let size: number;
    let lenBytes: number;
    if (first < 0x80) {
      size = first;
      lenBytes = 1;
    } else if (first === 0x81 || first === 0x82) {
      lenBytes = first === 0x81 ? 2 : 3;
      if (lenAt + lenBytes > b.length) return 'wait';
      size = first === 0x81 ? (b[lenAt + 1] ?? 0) : ((b[lenAt + 1] ?? 0) << 8) | (b[lenAt + 2] ?? 0);
    } else {
      return pos + 1;
    }
    if (size > MAX_APDU_BYTES) return pos + 1;
    const end = lenAt + lenBytes + size;
    if (end > b.length) return 'wait';
    out.push({ ok: true, info: Buffer.from(b.subarray(pos, end)) });
    return end;
  }

  private dropSegments(): void {
    this.segments = [];
    this.segmentBytes = 0;
  }
}

/** Bytes of format, addresses and control: where the HCS starts. null when an address never ends. */
function headerLength(frame: Uint8Array): number | null {
  let i = 2;
  for (let field = 0; field < 2; field++) {
    let n = 0;
    while (i < frame.length && ((frame[i] ?? 0) & 1) === 0) {
      i++;
      if (++n >= 4) return null;
    }
    i++;
  }
  // Control byte.
  i++;
  return i <= frame.length - 2 ? i : null;
}
