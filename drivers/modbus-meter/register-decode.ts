/** Raw registers -> a value of a template entry, and the reads a template needs. */
import { registerWidth } from './template-schema.js';
import type { RegisterValue } from './template-schema.js';

/** The value at `v.address`, given the registers read from `base`; null when NaN/infinite (a float meter's "not available"). */
export function decodeRegisterValue(v: RegisterValue, regs: ArrayLike<number>, base: number): number | null {
  const at = v.address - base;
  const r0 = regs[at] ?? 0;
  const r1 = regs[at + 1] ?? 0;
  const [hi, lo] = v.wordOrder === 'msw' ? [r0, r1] : [r1, r0];
  let raw: number;
  switch (v.type) {
    case 'uint16':
      raw = r0;
      break;
    case 'int16':
      raw = r0 > 0x7fff ? r0 - 0x10000 : r0;
      break;
    case 'uint32':
      raw = hi * 0x10000 + lo;
      break;
    case 'int32': {
      const u = hi * 0x10000 + lo;
      raw = u > 0x7fffffff ? u - 0x100000000 : u;
      break;
    }
    case 'float32': {
      const b = Buffer.alloc(4);
      b.writeUInt16BE(hi, 0);
      b.writeUInt16BE(lo, 2);
      raw = b.readFloatBE(0);
      break;
    }
  }
  if (!Number.isFinite(raw)) return null;
  // Multiply by the scale but keep decimal results tidy: 2301 × 0.1 is 230.1, not 230.10000000000002.
  const scaled = Math.round(raw * v.scale * 1e6) / 1e6;
  return v.invert ? -scaled : scaled;
}

export interface ReadBlock {
  readonly address: number;
  readonly count: number;
}

/** Few, contiguous reads covering every value: gaps up to `maxGap` registers are read through. */
export function planReads(values: readonly RegisterValue[], maxCount = 125, maxGap = 16): ReadBlock[] {
  const spans = values.map((v) => ({ start: v.address, end: v.address + registerWidth[v.type] })).sort((a, b) => a.start - b.start);
  const blocks: { address: number; end: number }[] = [];
  for (const s of spans) {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && s.start - last.end <= maxGap && Math.max(last.end, s.end) - last.address <= maxCount) last.end = Math.max(last.end, s.end);
    else blocks.push({ address: s.start, end: s.end });
  }
  return blocks.map((b) => ({ address: b.address, count: b.end - b.address }));
}
