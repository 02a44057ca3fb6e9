/** Builds utility messages for the tests: valid by default, overridden per case, optionally signed. */
import { generateKeyPairSync, sign as edSign } from 'node:crypto';
import { canonicalJson } from '../../../main/signals/canonical-json.js';
import { hmacSign } from '../../../main/signals/signature.js';
import type { Envelope } from '../../../main/signals/messages.js';

let counter = 0;

export function message(nowMs: number, over: Partial<Envelope> & { type: Envelope['type'] } = { type: 'import-limit' }): Omit<Envelope, 'sig'> & { sig?: Envelope['sig'] } {
  counter++;
  const defaults: Record<Envelope['type'], Envelope['body']> = {
    'import-limit': { limitW: 5000 },
    'export-limit': { limitW: 0 },
    'controllable-limit': { limitW: 4200 },
    'price-curve': { currency: 'EUR', resolutionMin: 60, importPerKWh: [0.3, 0.1] },
    'flex-request': { direction: 'down', powerW: 5000, currency: 'EUR', paymentPerKWh: 0.5 },
    'tempo-colour': { date: '2026-01-06', colour: 'red' },
    revoke: { targetId: 'nothing' },
    heartbeat: {},
  };
  const from = Math.floor(nowMs / 3_600_000) * 3_600_000;
  return {
    v: 1,
    id: `m-${counter}`,
    issuer: 'dso-test',
    createdAt: new Date(nowMs - 1000).toISOString(),
    validFrom: new Date(from).toISOString(),
    validUntil: new Date(from + 2 * 3_600_000).toISOString(),
    body: defaults[over.type],
    ...over,
  };
}

export const hmacSecret = 'a-shared-secret-of-some-length';

export function signHmac<T extends Omit<Envelope, 'sig'>>(m: T, keyId = 'k1', secret = hmacSecret): T & { sig: Envelope['sig'] } {
  return { ...m, sig: { alg: 'hmac-sha256', keyId, value: hmacSign(m, secret) } };
}

export const edKeys = generateKeyPairSync('ed25519');
export const edPublicPem = edKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

export function signEd<T extends Omit<Envelope, 'sig'>>(m: T, keyId = 'e1'): T & { sig: Envelope['sig'] } {
  return { ...m, sig: { alg: 'ed25519', keyId, value: edSign(null, Buffer.from(canonicalJson(m)), edKeys.privateKey).toString('base64') } };
}
