/**
 * DLMS/COSEM data in A-XDR (IEC 62056-6-2 / Green Book, "Data" CHOICE): a tag
 * byte, a length where the type has one, the value. Decoding is bounded
 * (depth, counts, bytes) and never throws outside this module: bad input
 * yields a DlmsError the caller turns into a frame error.
 */

export type DlmsData =
  | { readonly type: 'array' | 'structure'; readonly items: readonly DlmsData[] }
  | { readonly type: 'int' | 'enum'; readonly value: number }
  | { readonly type: 'octets'; readonly value: Uint8Array }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'null' };

export class DlmsError extends Error {}

const MAX_DEPTH = 8;
const MAX_ITEMS = 512;

export class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  get left(): number {
    return this.bytes.length - this.pos;
  }

  u8(): number {
    if (this.pos >= this.bytes.length) throw new DlmsError(`truncated at byte ${this.pos}`);
    return this.bytes[this.pos++] ?? 0;
  }

  take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.bytes.length) throw new DlmsError(`truncated: need ${n} bytes at ${this.pos}, have ${this.left}`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** BER length: one byte below 0x80, or 0x81 / 0x82 followed by one or two bytes. */
  length(): number {
    const first = this.u8();
    if (first < 0x80) return first;
    const n = first & 0x7f;
    if (n < 1 || n > 2) throw new DlmsError(`unsupported length form 0x${first.toString(16)}`);
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 8) | this.u8();
    return v;
  }

  uint(bytes: number): number {
    let v = 0;
    for (let i = 0; i < bytes; i++) v = v * 256 + this.u8();
    return v;
  }

  int(bytes: number): number {
    const u = this.uint(bytes);
    const half = 2 ** (8 * bytes - 1);
    return u >= half ? u - 2 * half : u;
  }
}

export function readData(r: Reader, depth = 0): DlmsData {
  if (depth > MAX_DEPTH) throw new DlmsError('data nested too deeply');
  const tag = r.u8();
  switch (tag) {
    case 0x00:
      return { type: 'null' };
    case 0x01:
    case 0x02: {
      const n = r.length();
      if (n > MAX_ITEMS) throw new DlmsError(`${n} items in one ${tag === 1 ? 'array' : 'structure'}`);
      const items: DlmsData[] = [];
      for (let i = 0; i < n; i++) items.push(readData(r, depth + 1));
      return { type: tag === 1 ? 'array' : 'structure', items };
    }
    case 0x03:
      return { type: 'bool', value: r.u8() !== 0 };
    case 0x04: {
      const bits = r.length();
      return { type: 'octets', value: r.take(Math.ceil(bits / 8)) };
    }
    case 0x05:
      return { type: 'int', value: r.int(4) };
    case 0x06:
      return { type: 'int', value: r.uint(4) };
    case 0x09:
      return { type: 'octets', value: r.take(r.length()) };
    case 0x0a:
    case 0x0c:
      return { type: 'string', value: Buffer.from(r.take(r.length())).toString(tag === 0x0a ? 'latin1' : 'utf8') };
    case 0x0f:
      return { type: 'int', value: r.int(1) };
    case 0x10:
      return { type: 'int', value: r.int(2) };
    case 0x11:
      return { type: 'int', value: r.uint(1) };
    case 0x12:
      return { type: 'int', value: r.uint(2) };
    case 0x14:
      return { type: 'int', value: Number(Buffer.from(r.take(8)).readBigInt64BE()) };
    case 0x15:
      return { type: 'int', value: Number(Buffer.from(r.take(8)).readBigUInt64BE()) };
    case 0x16:
      return { type: 'enum', value: r.uint(1) };
    case 0x17:
      return { type: 'float', value: Buffer.from(r.take(4)).readFloatBE() };
    case 0x18:
      return { type: 'float', value: Buffer.from(r.take(8)).readDoubleBE() };
    case 0x19:
      return { type: 'octets', value: r.take(12) };
    case 0x1a:
      return { type: 'octets', value: r.take(5) };
    case 0x1b:
      return { type: 'octets', value: r.take(4) };
    default:
      throw new DlmsError(`unknown data tag 0x${tag.toString(16).padStart(2, '0')} at byte ${r.pos - 1}`);
  }
}

/**
 * COSEM date-time (12 bytes: year(2) month day weekday hour minute second
 * hundredths deviation(2, minutes, 0x8000 = unknown) status) as epoch ms.
 * Without a deviation the meter's local time is taken as given in `assumeOffsetMin`
 * (null = return null: we do not guess a time zone).
 */
export function cosemDateTime(b: Uint8Array, assumeOffsetMin: number | null = null): number | null {
  if (b.length !== 12) return null;
  const year = ((b[0] ?? 0) << 8) | (b[1] ?? 0);
  const [month, day, , hour, minute, second] = [b[2], b[3], b[4], b[5], b[6], b[7]].map((x) => x ?? 0xff) as [number, number, number, number, number, number];
  if (year === 0xffff || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const hundredths = (b[8] ?? 0xff) === 0xff ? 0 : (b[8] ?? 0);
  const deviationRaw = ((b[9] ?? 0) << 8) | (b[10] ?? 0);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, hundredths * 10);
  if (deviationRaw === 0x8000) return assumeOffsetMin === null ? null : local - assumeOffsetMin * 60_000;
  const deviation = deviationRaw > 0x7fff ? deviationRaw - 0x10000 : deviationRaw;
  // Green Book: deviation = local time - UTC... in minutes, with the sign convention UTC = local + deviation.
  return local + deviation * 60_000;
}
