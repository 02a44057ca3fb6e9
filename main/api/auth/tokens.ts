/**
 * Random secrets and their digests. Device tokens and session ids carry 256
 * random bits, so a fast hash (SHA-256) is enough to store them: nobody can
 * guess their way back from the digest. PINs are short and get a slow KDF
 * instead (pin-hash.ts).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const deviceTokenPrefix = 'shd_';

export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** n random decimal digits, uniformly (crypto.randomInt, no modulo bias). */
export function randomDigits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(randomInt(10));
  return out;
}

/** Constant-time equality of two strings (any lengths). */
export function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

/** Tokens look like this; anything else is refused before a lookup. */
export function looksLikeDeviceToken(token: string): boolean {
  return token.startsWith(deviceTokenPrefix) && /^[A-Za-z0-9_-]{43}$/.test(token.slice(deviceTokenPrefix.length));
}
