/**
 * Message signatures: HMAC-SHA256 with a shared secret, or Ed25519 with the
 * issuer's public key, over the canonical JSON of the message without its
 * `sig` member. Keys are bound to one issuer: a valid signature with another
 * issuer's key is still a forgery.
 */
import { createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Envelope } from './messages.js';
import type { AcceptConfig } from './signals-config.js';

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

interface PreparedKey {
  readonly issuer: string;
  readonly alg: 'hmac-sha256' | 'ed25519';
  readonly secret?: Buffer;
  readonly publicKey?: KeyObject;
}

export class SignatureVerifier {
  private readonly keys = new Map<string, PreparedKey>();

  constructor(keys: AcceptConfig['keys']) {
    for (const k of keys) {
      if (k.alg === 'hmac-sha256') this.keys.set(k.keyId, { issuer: k.issuer, alg: k.alg, secret: Buffer.from(k.secret, 'utf8') });
      else this.keys.set(k.keyId, { issuer: k.issuer, alg: k.alg, publicKey: createPublicKey(k.publicKeyPem) });
    }
  }

  /** True when some key is configured for the issuer (then its messages must be signed). */
  hasKeyFor(issuer: string): boolean {
    for (const k of this.keys.values()) if (k.issuer === issuer) return true;
    return false;
  }

  check(message: Envelope): SignatureCheck {
    const sig = message.sig;
    if (sig === undefined) return { ok: false, reason: 'not signed' };
    const key = this.keys.get(sig.keyId);
    if (key === undefined) return { ok: false, reason: `unknown key ${sig.keyId}` };
    if (key.issuer !== message.issuer) return { ok: false, reason: `key ${sig.keyId} does not belong to issuer ${message.issuer}` };
    if (key.alg !== sig.alg) return { ok: false, reason: `key ${sig.keyId} is ${key.alg}, message says ${sig.alg}` };
    const { sig: _omit, ...unsigned } = message;
    const data = Buffer.from(canonicalJson(unsigned), 'utf8');
    const given = Buffer.from(sig.value, 'base64');
    if (key.alg === 'hmac-sha256' && key.secret !== undefined) {
      const expected = createHmac('sha256', key.secret).update(data).digest();
      return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'HMAC does not match' };
    }
    if (key.publicKey !== undefined && verify(null, data, key.publicKey, given)) return { ok: true };
    return { ok: false, reason: 'signature does not verify' };
  }
}

/** For senders and tests: the signature value of a message (without `sig`). */
export function hmacSign(message: Omit<Envelope, 'sig'>, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(canonicalJson(message)).digest('base64');
}
