/**
 * Every kind of bad utility message is rejected with a code and a reason,
 * and none of them changes anything; good ones are accepted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../main/signals/messages.js';
import { ReplayGuard } from '../../../main/signals/replay-guard.js';
import { SignalValidator } from '../../../main/signals/signal-validator.js';
import type { Verdict } from '../../../main/signals/signal-validator.js';
import { signalsConfigSchema } from '../../../main/signals/signals-config.js';
import { SignatureVerifier } from '../../../main/signals/signature.js';
import { edPublicPem, hmacSecret, message, signEd, signHmac } from './sample-messages.js';

const now = Date.parse('2026-01-06T10:20:00Z');

function validator(accept: object = {}): SignalValidator {
  const cfg = signalsConfigSchema.parse({
    accept: {
      issuers: [
        { id: 'dso-test', kinds: ['import-limit', 'export-limit', 'controllable-limit', 'price-curve', 'flex-request', 'tempo-colour', 'revoke', 'heartbeat'] },
        { id: 'retailer', kinds: ['price-curve'] },
        { id: 'signed-dso', kinds: ['import-limit'] },
        { id: 'ed-dso', kinds: ['import-limit'] },
      ],
      keys: [
        { alg: 'hmac-sha256', keyId: 'k1', issuer: 'signed-dso', secret: hmacSecret },
        { alg: 'ed25519', keyId: 'e1', issuer: 'ed-dso', publicKeyPem: edPublicPem },
      ],
      ...accept,
    },
  }).accept;
  return new SignalValidator(cfg, new SignatureVerifier(cfg.keys), new ReplayGuard(cfg.maxAgeS * 1000));
}

const run = (v: SignalValidator, m: unknown, topicKind: Envelope['type'] | null = null): Verdict => v.validate(typeof m === 'string' ? m : JSON.stringify(m), topicKind, now);
const accept = (v: SignalValidator, m: unknown): Verdict => {
  const r = run(v, m);
  if (r.ok) v.remember(r.signal);
  return r;
};
const code = (r: Verdict): string => (r.ok ? 'accepted' : r.code);

describe('signal validation', () => {
  it('accepts a well-formed message of each kind', () => {
    const v = validator();
    for (const type of ['import-limit', 'export-limit', 'controllable-limit', 'price-curve', 'flex-request', 'tempo-colour', 'revoke', 'heartbeat'] as const) {
      expect(code(accept(v, message(now, { type })))).toBe('accepted');
    }
  });

  it('rejects oversized messages before parsing them', () => {
    const r = run(validator({ maxMessageBytes: 1024 }), `{"pad":"${'x'.repeat(2000)}"}`);
    expect(r).toMatchObject({ ok: false, code: 'oversized' });
  });

  it.each([
    ['not JSON', '{"v":1,'],
    ['a JSON array', '[1,2,3]'],
    ['a missing issuer', { ...message(now), issuer: undefined }],
    ['an unknown envelope key', { ...message(now), extra: true }],
    ['a wrong version', { ...message(now), v: 2 }],
    ['a time without zone', { ...message(now), createdAt: '2026-01-06T10:00:00' }],
    ['a negative limit', message(now, { type: 'import-limit', body: { limitW: -1 } })],
    ['a limit that is not a number', message(now, { type: 'import-limit', body: { limitW: 'lots' } })],
    ['an unknown body key', message(now, { type: 'import-limit', body: { limitW: 1, unit: 'kW' } })],
    ['a price curve of the wrong length', message(now, { type: 'price-curve', body: { currency: 'EUR', resolutionMin: 60, importPerKWh: [0.3] } })],
    ['a price curve off the quarter hour', message(now, { type: 'price-curve', validFrom: new Date(now - 7 * 60_000).toISOString(), validUntil: new Date(now + 53 * 60_000).toISOString(), body: { currency: 'EUR', resolutionMin: 60, importPerKWh: [0.3] } })],
    ['a window that ends before it starts', message(now, { type: 'import-limit', validUntil: new Date(now - 7_200_000).toISOString(), validFrom: new Date(now).toISOString() })],
    ['an impossible Tempo colour (red on a Sunday)', message(now, { type: 'tempo-colour', body: { date: '2026-01-04', colour: 'red' } })],
    ['a price curve without an end', message(now, { type: 'price-curve', validUntil: null })],
  ])('rejects %s as malformed', (_name, m) => {
    const r = run(validator(), m);
    expect(r.ok).toBe(false);
    expect(code(r)).toBe('malformed');
    expect(r.ok ? '' : r.reason).not.toBe('');
  });

  it('rejects a message on the topic of another kind', () => {
    expect(code(run(validator(), message(now, { type: 'import-limit' }), 'price-curve'))).toBe('malformed');
  });

  it('rejects issuers that are not allowed, and kinds an issuer may not send', () => {
    const v = validator();
    expect(code(run(v, message(now, { type: 'import-limit', issuer: 'stranger' })))).toBe('unauthorised');
    expect(code(run(v, message(now, { type: 'import-limit', issuer: 'retailer' })))).toBe('unauthorised');
  });

  it('checks HMAC and Ed25519 signatures, bound to the issuer', () => {
    const v = validator();
    expect(code(accept(v, signHmac(message(now, { type: 'import-limit', issuer: 'signed-dso' }))))).toBe('accepted');
    expect(code(accept(v, signEd(message(now, { type: 'import-limit', issuer: 'ed-dso' }))))).toBe('accepted');
    // Unsigned from an issuer with a key.
    expect(code(run(v, message(now, { type: 'import-limit', issuer: 'signed-dso' })))).toBe('bad-signature');
    // Tampered after signing.
    const signed = signHmac(message(now, { type: 'import-limit', issuer: 'signed-dso' }));
    expect(code(run(v, { ...signed, body: { limitW: 99_000 } }))).toBe('bad-signature');
    // Wrong secret.
    expect(code(run(v, signHmac(message(now, { type: 'import-limit', issuer: 'signed-dso' }), 'k1', 'another-secret-of-some-length')))).toBe('bad-signature');
    // Another issuer's key.
    expect(code(run(v, signHmac(message(now, { type: 'import-limit', issuer: 'dso-test' }))))).toBe('bad-signature');
    // Unknown key.
    expect(code(run(v, signEd(message(now, { type: 'import-limit', issuer: 'ed-dso' }), 'e9')))).toBe('bad-signature');
    // Unsigned when signatures are required.
    expect(code(run(validator({ requireSignature: true }), message(now, { type: 'import-limit' })))).toBe('bad-signature');
  });

  it('rejects expired and not-yet-valid messages', () => {
    const v = validator();
    expect(code(run(v, message(now, { type: 'import-limit', validFrom: new Date(now - 7_200_000).toISOString(), validUntil: new Date(now - 60_000).toISOString() })))).toBe('expired');
    expect(code(run(v, message(now, { type: 'import-limit', createdAt: new Date(now + 120_000).toISOString() })))).toBe('not-yet-valid');
    expect(code(run(v, message(now, { type: 'import-limit', validFrom: new Date(now + 10 * 86_400_000).toISOString(), validUntil: new Date(now + 11 * 86_400_000).toISOString() })))).toBe('not-yet-valid');
  });

  it('rejects duplicates, replays and out-of-order messages', () => {
    const v = validator();
    const first = message(now, { type: 'import-limit', createdAt: new Date(now - 5000).toISOString(), seq: 10 });
    expect(code(accept(v, first))).toBe('accepted');
    expect(code(run(v, first))).toBe('duplicate');
    // Older than the newest import limit of this issuer.
    expect(code(run(v, message(now, { type: 'import-limit', createdAt: new Date(now - 60_000).toISOString() })))).toBe('out-of-order');
    // A sequence number that does not increase.
    expect(code(run(v, message(now, { type: 'import-limit', seq: 10 })))).toBe('out-of-order');
    // Created long ago: a replay, whatever its id.
    expect(code(run(v, message(now, { type: 'export-limit', createdAt: new Date(now - 2 * 86_400_000).toISOString() })))).toBe('duplicate');
  });

  it('never throws and never accepts random bytes or mutated messages (property)', () => {
    const v = validator();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = v.validate(bytes, null, now);
        return !r.ok;
      }),
      { numRuns: 300 },
    );
    const valid = JSON.stringify(message(now, { type: 'import-limit' }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (i, c) => {
        const mutated = valid.slice(0, i) + c + valid.slice(i + 1);
        const r = v.validate(mutated, null, now);
        // A mutation may still be valid (e.g. a digit in the id); it must never throw.
        return typeof r.ok === 'boolean';
      }),
      { numRuns: 300 },
    );
  });
});
