/**
 * Cuts a P1 byte stream into telegrams. A socket delivers arbitrary chunks:
 * half a telegram, two and a bit, or noise after a dongle restarts. A telegram
 * runs from '/' to '!', then up to four hex CRC digits and a line end (DSMR
 * 2.2/3 have no CRC: "!\r\n"). Bytes outside telegrams are dropped, and a
 * telegram that grows past `maxBytes` without an end is dropped too, so noise
 * cannot grow memory. A '/' inside an unfinished telegram starts a new one: it
 * cannot occur in a valid telegram, and resynchronising on it saves the next
 * good telegram after a truncated one.
 *
 * Telegrams come out as latin1 strings: one character per byte, so the CRC
 * over the characters is the CRC over the bytes.
 */

const SLASH = 0x2f;
const BANG = 0x21;
const CR = 0x0d;
const LF = 0x0a;

export interface P1FramerOptions {
  /** Largest telegram accepted, bytes. DSMR 5 telegrams are about 1 KiB; text messages can add 1 KiB. */
  readonly maxBytes?: number;
}

export class P1Framer {
  readonly maxBytes: number;
  private buf: Buffer = Buffer.alloc(0);
  /** buf[0] is '/' when true; otherwise buf is empty. */
  private inTelegram = false;
  /** Where scanning resumes in buf, so that many small chunks do not rescan the same bytes. */
  private scanFrom = 0;
  private droppedBytesCount = 0;
  private oversizedCount = 0;

  constructor(options: P1FramerOptions = {}) {
    this.maxBytes = options.maxBytes ?? 8192;
  }

  /** Bytes thrown away so far (noise between telegrams, truncated or oversized telegrams). */
  get droppedBytes(): number {
    return this.droppedBytesCount;
  }

  /** Telegrams dropped for exceeding maxBytes. */
  get oversized(): number {
    return this.oversizedCount;
  }

  /** Bytes held for an unfinished telegram; never more than about maxBytes. */
  get bufferedBytes(): number {
    return this.buf.length;
  }

  /** Feeds one chunk; returns the telegrams it completed, in order. */
  push(chunk: Uint8Array): string[] {
    const out: string[] = [];
    let data: Buffer = this.inTelegram ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let scan = this.inTelegram ? this.scanFrom : 0;

    for (;;) {
      if (!this.inTelegram) {
        const start = data.indexOf(SLASH, scan);
        if (start === -1) {
          this.droppedBytesCount += data.length;
          data = Buffer.alloc(0);
          break;
        }
        this.droppedBytesCount += start;
        data = data.subarray(start);
        this.inTelegram = true;
        scan = 1;
      }
      const end = this.findEnd(data, scan);
      if (end.kind === 'complete') {
        if (end.at > this.maxBytes) {
          this.oversizedCount++;
          this.droppedBytesCount += end.at;
        } else {
          out.push(data.toString('latin1', 0, end.at));
        }
        data = data.subarray(end.at);
        this.inTelegram = false;
        scan = 0;
        continue;
      }
      if (end.kind === 'restart') {
        this.droppedBytesCount += end.at;
        data = data.subarray(end.at);
        scan = 1;
        continue;
      }
      // Incomplete: wait for more bytes, unless the telegram is already too long.
      if (data.length > this.maxBytes) {
        this.oversizedCount++;
        this.inTelegram = false;
        this.droppedBytesCount += 1;
        data = data.subarray(1);
        scan = 0;
        continue;
      }
      scan = end.resumeAt;
      break;
    }
    // Copy so a kept partial telegram does not pin the socket's (possibly large) chunk.
    this.buf = this.inTelegram ? Buffer.from(data) : Buffer.alloc(0);
    this.scanFrom = scan;
    return out;
  }

  /** Drops any partial telegram (after a reconnect the stream starts afresh). */
  reset(): void {
    this.buf = Buffer.alloc(0);
    this.inTelegram = false;
    this.scanFrom = 0;
  }

  /**
   * Looks for the end of the telegram starting at data[0] = '/', from `from`.
   * complete: the telegram is data[0, at). restart: a new '/' at `at`.
   * incomplete: resume scanning at resumeAt when more bytes arrive.
   */
  private findEnd(data: Buffer, from: number): { kind: 'complete'; at: number } | { kind: 'restart'; at: number } | { kind: 'incomplete'; resumeAt: number } {
    let i = from;
    // Find '!' (or a resync '/').
    for (; i < data.length; i++) {
      const b = data[i];
      if (b === SLASH) return { kind: 'restart', at: i };
      if (b === BANG) break;
    }
    if (i >= data.length) return { kind: 'incomplete', resumeAt: i };
    const bang = i;
    // After '!': up to four hex digits, then CR? LF. Anything else ends the telegram before it.
    let j = bang + 1;
    let hex = 0;
    while (j < data.length && hex < 4 && isHex(data[j])) {
      j++;
      hex++;
    }
    if (j >= data.length) return { kind: 'incomplete', resumeAt: bang };
    if (data[j] === CR) {
      j++;
      if (j >= data.length) return { kind: 'incomplete', resumeAt: bang };
    }
    if (data[j] === LF) return { kind: 'complete', at: j + 1 };
    return { kind: 'complete', at: j };
  }
}

function isHex(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));
}
