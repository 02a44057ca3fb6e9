/**
 * Installer PINs are short (6-8 digits), so what protects them is the
 * lockout (lockout.ts) online and a slow, salted KDF offline: scrypt
 * (node:crypto, memory-hard) with its parameters stored beside the hash so
 * they can be raised later without invalidating old PINs. Runs on libuv's
 * thread pool (async scrypt): the control loop in the same process keeps ticking.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** ~32 MiB and ~0.1 s per PIN on a small ARM hub: slow for a dictionary of 10^8 PINs, fine for one login. */
export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

function derive(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, keyLength, options, (err, key) => (err === null ? resolve(key) : reject(err)));
  });
}

/** "scrypt$N$r$p$salt$hash" (base64url). */
export async function hashPin(pin: string, params: ScryptParams = defaultScryptParams): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (expected.length !== keyLength) return false;
  const key = await derive(pin, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** Why a new PIN is refused, or null. Only digits; not one digit repeated, not a plain run (123456, 987654). */
export function pinProblem(pin: string, minDigits: number, maxDigits: number): string | null {
  if (!new RegExp(`^[0-9]{${minDigits},${maxDigits}}$`).test(pin)) return `the PIN must be ${minDigits} to ${maxDigits} digits`;
  if (/^(\d)\1+$/.test(pin)) return 'the PIN must not be one digit repeated';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10));
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return 'the PIN must not be a run of digits such as 123456';
  return null;
}
