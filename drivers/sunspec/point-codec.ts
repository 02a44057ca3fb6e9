/**
 * Register <-> raw value for each SunSpec point type, including the
 * "not implemented" markers (SunSpec Information Model Specification, "Data
 * types"). An unimplemented point decodes to null, never to a number: a
 * device that does not measure something must not read as 0 W or -32768 W.
 */
import { HubError } from '../../main/common/errors.js';
import type { PointType } from './model-types.js';

/** Raw value: integers as number (64-bit ones may lose precision beyond 2^53), strings for text and addresses. */
export type RawValue = number | string;

const u32 = (r: ArrayLike<number>, i: number): number => (r[i] ?? 0) * 0x10000 + (r[i + 1] ?? 0);

function u64(r: ArrayLike<number>): bigint {
  let v = 0n;
  for (let i = 0; i < 4; i++) v = (v << 16n) | BigInt(r[i] ?? 0);
  return v;
}

/** Decodes the `size` registers of one point; null when the device marks it unimplemented. */
export function decodeRaw(type: PointType, regs: ArrayLike<number>): RawValue | null {
  const r0 = regs[0] ?? 0;
  switch (type) {
    case 'int16':
    case 'sunssf':
      return r0 === 0x8000 ? null : r0 > 0x7fff ? r0 - 0x10000 : r0;
    case 'uint16':
    case 'enum16':
    case 'bitfield16':
    case 'raw16':
    case 'count':
      return r0 === 0xffff ? null : r0;
    case 'acc16':
      return r0 === 0 ? null : r0;
    case 'pad':
      return r0;
    case 'int32': {
      const v = u32(regs, 0);
      return v === 0x80000000 ? null : v > 0x7fffffff ? v - 0x100000000 : v;
    }
    case 'uint32':
    case 'enum32':
    case 'bitfield32': {
      const v = u32(regs, 0);
      return v === 0xffffffff ? null : v;
    }
    case 'acc32': {
      const v = u32(regs, 0);
      return v === 0 ? null : v;
    }
    case 'int64': {
      const v = BigInt.asIntN(64, u64(regs));
      return v === -(2n ** 63n) ? null : Number(v);
    }
    case 'uint64':
    case 'bitfield64': {
      const v = u64(regs);
      return v === 2n ** 64n - 1n ? null : Number(v);
    }
    case 'acc64': {
      const v = u64(regs);
      return v === 0n ? null : Number(v);
    }
    case 'float32': {
      const v = floatView(regs, 2).getFloat32(0);
      return Number.isNaN(v) ? null : v;
    }
    case 'float64': {
      const v = floatView(regs, 4).getFloat64(0);
      return Number.isNaN(v) ? null : v;
    }
    case 'string':
      return decodeString(regs);
    case 'ipaddr': {
      const v = u32(regs, 0);
      return v === 0 ? null : [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');
    }
    case 'ipv6addr':
      return Array.from(regs).every((x) => x === 0) ? null : Array.from(regs, (x) => x.toString(16)).join(':');
    case 'eui48': {
      // Four registers; the first holds no address bytes.
      const all = Array.from(regs);
      if (all.every((x) => x === 0xffff)) return null;
      const bytes = all.slice(1).flatMap((x) => [x >> 8, x & 0xff]);
      return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
    }
  }
}

function floatView(regs: ArrayLike<number>, count: number): DataView {
  const view = new DataView(new ArrayBuffer(count * 2));
  for (let i = 0; i < count; i++) view.setUint16(i * 2, regs[i] ?? 0);
  return view;
}

/** Strings are NUL-padded; an all-NUL string is "not implemented". */
function decodeString(regs: ArrayLike<number>): string | null {
  const bytes: number[] = [];
  for (const r of Array.from(regs)) bytes.push(r >> 8, r & 0xff);
  const end = bytes.indexOf(0);
  const text = new TextDecoder('utf-8').decode(Uint8Array.from(end === -1 ? bytes : bytes.slice(0, end)));
  return text.length === 0 ? null : text;
}

/** The registers that say "not implemented" for a point of this type and size. */
export function unimplementedRegisters(type: PointType, size: number): number[] {
  const fill = (v: number): number[] => new Array<number>(size).fill(v);
  switch (type) {
    case 'int16':
    case 'sunssf':
    case 'pad':
      return [0x8000];
    case 'int32':
      return [0x8000, 0];
    case 'int64':
      return [0x8000, 0, 0, 0];
    case 'float32':
      return [0x7fc0, 0];
    case 'float64':
      return [0x7ff8, 0, 0, 0];
    case 'acc16':
    case 'acc32':
    case 'acc64':
    case 'string':
    case 'ipaddr':
    case 'ipv6addr':
      return fill(0);
    default:
      return fill(0xffff);
  }
}

interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** Valid raw ranges, the unimplemented marker excluded. */
const intRanges: Partial<Record<PointType, IntRange>> = {
  int16: { min: -32767, max: 32767 },
  sunssf: { min: -10, max: 10 },
  uint16: { min: 0, max: 0xfffe },
  enum16: { min: 0, max: 0xfffe },
  bitfield16: { min: 0, max: 0x7fff },
  raw16: { min: 0, max: 0xfffe },
  count: { min: 0, max: 0xfffe },
  acc16: { min: 0, max: 0xffff },
  pad: { min: 0, max: 0xffff },
  int32: { min: -0x7fffffff, max: 0x7fffffff },
  uint32: { min: 0, max: 0xfffffffe },
  enum32: { min: 0, max: 0xfffffffe },
  bitfield32: { min: 0, max: 0x7fffffff },
  acc32: { min: 0, max: 0xffffffff },
  int64: { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  uint64: { min: 0, max: Number.MAX_SAFE_INTEGER },
  bitfield64: { min: 0, max: Number.MAX_SAFE_INTEGER },
  acc64: { min: 0, max: Number.MAX_SAFE_INTEGER },
};

/** Raw value -> registers; null writes the type's "not implemented" marker. `what` names the point in errors. */
export function encodeRaw(type: PointType, size: number, raw: RawValue | null, what: string): number[] {
  if (raw === null) return unimplementedRegisters(type, size);
  if (type === 'string') {
    if (typeof raw !== 'string') throw badValue(what, raw, 'a string');
    const bytes = new TextEncoder().encode(raw);
    if (bytes.length > size * 2) throw badValue(what, raw, `at most ${size * 2} bytes`);
    const out = new Array<number>(size).fill(0);
    bytes.forEach((b, i) => (out[i >> 1] = (out[i >> 1] ?? 0) | (i % 2 === 0 ? b << 8 : b)));
    return out;
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw badValue(what, raw, 'a finite number');
  if (type === 'float32' || type === 'float64') {
    const view = new DataView(new ArrayBuffer(size * 2));
    if (type === 'float32') view.setFloat32(0, raw);
    else view.setFloat64(0, raw);
    return Array.from({ length: size }, (_, i) => view.getUint16(i * 2));
  }
  const range = intRanges[type];
  if (range === undefined) throw badValue(what, raw, `a type we can write (not ${type})`);
  if (!Number.isInteger(raw) || raw < range.min || raw > range.max) throw badValue(what, raw, `an integer in ${range.min}..${range.max}`);
  if (size === 1) return [raw < 0 ? raw + 0x10000 : raw];
  const big = BigInt.asUintN(size * 16, BigInt(raw));
  return Array.from({ length: size }, (_, i) => Number((big >> BigInt((size - 1 - i) * 16)) & 0xffffn));
}

function badValue(what: string, raw: unknown, expected: string): HubError {
  return new HubError('bad_request', `cannot encode ${String(raw)} into ${what}: expected ${expected}`);
}
