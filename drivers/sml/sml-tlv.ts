/**
 * SML's type-length encoding (SML 1.04, section 6.3): a TL byte with the
 * type in bits 6-4 (octet string, boolean, integer, unsigned, list) and the
 * length in bits 3-0, continued in further TL bytes while bit 7 is set. For
 * scalars the length counts the TL bytes too; for lists it counts elements.
 * 0x01 is an absent optional value, 0x00 ends a message.
 */

export type SmlValue = { readonly t: 'octets'; readonly v: Buffer } | { readonly t: 'bool'; readonly v: boolean } | { readonly t: 'int' | 'uint'; readonly v: number } | { readonly t: 'list'; readonly v: readonly SmlValue[] } | { readonly t: 'none' };

export class SmlError extends Error {}

const MAX_DEPTH = 10;

export class SmlReader {
  pos = 0;
  constructor(readonly b: Buffer) {}

  get left(): number {
    return this.b.length - this.pos;
  }

  u8(): number {
    if (this.pos >= this.b.length) throw new SmlError(`truncated at byte ${this.pos}`);
    return this.b[this.pos++] ?? 0;
  }

  value(depth = 0): SmlValue {
    if (depth > MAX_DEPTH) throw new SmlError('lists nested too deeply');
    const at = this.pos;
    const first = this.u8();
    // 0x01: optional value absent; 0x00: end of message (the sixth element of every message).
    if (first === 0x01 || first === 0x00) return { t: 'none' };
    const type = (first >> 4) & 0x07;
    let length = first & 0x0f;
    let tlBytes = 1;
    let more = (first & 0x80) !== 0;
    while (more) {
      const next = this.u8();
      tlBytes++;
      if (tlBytes > 4) throw new SmlError(`TL field longer than 4 bytes at ${at}`);
      length = (length << 4) | (next & 0x0f);
      more = (next & 0x80) !== 0;
    }
    if (type === 7) {
      const items: SmlValue[] = [];
      for (let i = 0; i < length; i++) items.push(this.value(depth + 1));
      return { t: 'list', v: items };
    }
    const size = length - tlBytes;
    if (size < 0 || this.pos + size > this.b.length) throw new SmlError(`bad length ${length} at byte ${at}`);
    const data = this.b.subarray(this.pos, this.pos + size);
    this.pos += size;
    switch (type) {
      case 0:
        return { t: 'octets', v: data };
      case 4:
        return { t: 'bool', v: (data[0] ?? 0) !== 0 };
      case 5:
      case 6: {
        if (size < 1 || size > 8) throw new SmlError(`${size}-byte number at byte ${at}`);
        let v = type === 5 && ((data[0] ?? 0) & 0x80) !== 0 ? -1n : 0n;
        for (const byte of data) v = (v << 8n) | BigInt(byte);
        if (type === 5) v = BigInt.asIntN(size * 8, v);
        return { t: type === 5 ? 'int' : 'uint', v: Number(v) };
      }
      default:
        throw new SmlError(`unknown SML type ${type} at byte ${at}`);
    }
  }
}
