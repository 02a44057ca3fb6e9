/**
 * Pairing offers. The wall screen opens one; it holds a 256-bit secret (in
 * the QR code's URL fragment, so it never lands in a server log or a
 * Referer) and an 8-digit code for typing. An offer lives 5 minutes, pairs
 * one device, and dies after 5 wrong codes: a guesser gets 5 tries at 10^8
 * codes. Opening a new offer replaces the old one. Real time.
 */
import { pairingCodeDigits } from '../../common/auth.js';
import { HubError } from '../../common/errors.js';
import { randomDigits, randomToken, sameSecret } from './tokens.js';

export interface PairingPolicy {
  readonly ttlMs: number;
  readonly maxWrongCodes: number;
}

export const defaultPairingPolicy: PairingPolicy = { ttlMs: 5 * 60_000, maxWrongCodes: 5 };

interface Offer {
  readonly secret: string;
  readonly code: string;
  readonly expiresMs: number;
  wrong: number;
}

export class PairingOffers {
  private offer: Offer | null = null;
  private readonly now: () => number;
  private readonly policy: PairingPolicy;

  constructor(now: () => number = Date.now, policy: PairingPolicy = defaultPairingPolicy) {
    this.now = now;
    this.policy = policy;
  }

  open(): { secret: string; code: string; expiresInMs: number } {
    const offer: Offer = { secret: randomToken(), code: randomDigits(pairingCodeDigits), expiresMs: this.now() + this.policy.ttlMs, wrong: 0 };
    this.offer = offer;
    return { secret: offer.secret, code: offer.code, expiresInMs: this.policy.ttlMs };
  }

  /** Consumes the open offer when the secret or code matches; throws a clear 401 otherwise. */
  claim(given: { secret?: string; code?: string }): void {
    const offer = this.offer;
    if (offer === null || this.now() >= offer.expiresMs) {
      this.offer = null;
      throw new HubError('unauthorized', 'no pairing is open (or it expired): tap "Pair a device" on the wall screen, then scan its QR code or type its code');
    }
    const code = given.code?.replace(/[\s-]/g, '');
    const ok = (given.secret !== undefined && sameSecret(given.secret, offer.secret)) || (code !== undefined && sameSecret(code, offer.code));
    if (!ok) {
      offer.wrong++;
      if (offer.wrong >= this.policy.maxWrongCodes) {
        this.offer = null;
        throw new HubError('unauthorized', 'wrong pairing code; too many wrong codes, so this pairing was closed: open a new one on the wall screen');
      }
      throw new HubError('unauthorized', 'wrong pairing code: check the code on the wall screen');
    }
    this.offer = null;
  }

  cancel(): void {
    this.offer = null;
  }
}
