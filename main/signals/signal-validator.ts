/**
 * Every check a utility message passes before it may change anything, in
 * this order: size, JSON, envelope, issuer and kind allowed, signature,
 * creation time not in the future, replay and ordering, validity window,
 * body. The first failure rejects the message with a code and one line of
 * reason; nothing of a rejected message is applied.
 */
import type { z } from 'zod';
import type { RejectCode, SignalKind } from '../common/signals.js';
import { tempoColourPossible } from '../tariffs/tempo.js';
import { envelopeSchema, flexRequestBody, heartbeatBody, limitBody, priceCurveBody, revokeBody, tempoColourBody } from './messages.js';
import type { AcceptedSignal, Envelope } from './messages.js';
import type { ReplayGuard } from './replay-guard.js';
import type { SignatureVerifier } from './signature.js';
import type { AcceptConfig } from './signals-config.js';

export type Verdict =
  | { readonly ok: true; readonly signal: AcceptedSignal }
  | {
      readonly ok: false;
      readonly code: RejectCode;
      readonly reason: string;
      /** What could be read of the message, for the log and the acknowledgement. */
      readonly id: string | null;
      readonly issuer: string | null;
      readonly kind: SignalKind | null;
    };

const slot15 = 15 * 60_000;
const dayMs = 86_400_000;

function zodReason(error: z.ZodError): string {
  const i = error.issues[0];
  return i === undefined ? 'invalid' : `${i.path.length > 0 ? i.path.join('.') : '(message)'}: ${i.message}`;
}

export class SignalValidator {
  private readonly issuers: Map<string, ReadonlySet<SignalKind>>;

  constructor(
    private readonly config: AcceptConfig,
    private readonly verifier: SignatureVerifier,
    private readonly replay: ReplayGuard,
  ) {
    this.issuers = new Map(config.issuers.map((i) => [i.id, new Set<SignalKind>(i.kinds)]));
  }

  /** `topicKind`: the kind the topic it arrived on carries (null: any). */
  validate(payload: Uint8Array | string, topicKind: SignalKind | null, nowMs: number): Verdict {
    const reject = (code: RejectCode, reason: string, m?: Partial<Envelope>): Verdict => ({
      ok: false,
      code,
      reason,
      id: typeof m?.id === 'string' ? m.id : null,
      issuer: typeof m?.issuer === 'string' ? m.issuer : null,
      kind: m?.type ?? topicKind,
    });
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
    if (size > this.config.maxMessageBytes) return reject('oversized', `${size} bytes, more than ${this.config.maxMessageBytes}`);

    let raw: unknown;
    try {
      raw = JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
    } catch (err) {
      return reject('malformed', `not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const partial = typeof raw === 'object' && raw !== null ? (raw as Partial<Envelope>) : undefined;
    const parsed = envelopeSchema.safeParse(raw);
    if (!parsed.success) return reject('malformed', zodReason(parsed.error), partial);
    const m = parsed.data;
    if (topicKind !== null && m.type !== topicKind) return reject('malformed', `a ${m.type} message on the ${topicKind} topic`, m);

    const allowed = this.issuers.get(m.issuer);
    if (allowed === undefined) return reject('unauthorised', `issuer ${m.issuer} is not allowed`, m);
    if (!allowed.has(m.type)) return reject('unauthorised', `issuer ${m.issuer} may not send ${m.type}`, m);

    if (m.sig !== undefined || this.config.requireSignature || this.verifier.hasKeyFor(m.issuer)) {
      const sig = this.verifier.check(m);
      if (!sig.ok) return reject('bad-signature', sig.reason, m);
    }

    const createdMs = Date.parse(m.createdAt);
    const validFromMs = Date.parse(m.validFrom);
    const validUntilMs = m.validUntil === null ? null : Date.parse(m.validUntil);
    if (createdMs > nowMs + this.config.maxClockSkewS * 1000) return reject('not-yet-valid', `created ${m.createdAt}, in the future of the hub's clock`, m);

    const replay = this.replay.check({ issuer: m.issuer, id: m.id, kind: m.type, createdMs, seq: m.seq }, nowMs);
    if (!replay.ok) return reject(replay.code, replay.reason, m);

    if (validUntilMs !== null && validUntilMs <= validFromMs) return reject('malformed', 'validUntil is not after validFrom', m);
    if (validUntilMs !== null && validUntilMs <= nowMs) return reject('expired', `valid until ${m.validUntil}`, m);
    if (validFromMs > nowMs + this.config.maxLeadDays * dayMs) return reject('not-yet-valid', `starts ${m.validFrom}, more than ${this.config.maxLeadDays} days ahead`, m);

    const base = { envelope: m, createdMs, validFromMs, validUntilMs, receivedMs: nowMs };
    const body = <T>(schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; verdict: Verdict } => {
      const b = schema.safeParse(m.body);
      return b.success ? { ok: true, value: b.data } : { ok: false, verdict: reject('malformed', `body.${zodReason(b.error)}`, m) };
    };
    const needsEnd = (): Verdict | null => (validUntilMs === null ? reject('malformed', `a ${m.type} needs validUntil`, m) : null);

    switch (m.type) {
      case 'import-limit':
      case 'export-limit':
      case 'controllable-limit': {
        const b = body(limitBody);
        return b.ok ? { ok: true, signal: { ...base, kind: m.type, body: b.value } } : b.verdict;
      }
      case 'price-curve': {
        const missing = needsEnd();
        if (missing !== null) return missing;
        const b = body(priceCurveBody);
        if (!b.ok) return b.verdict;
        const c = b.value;
        const stepMs = c.resolutionMin * 60_000;
        if (validFromMs % slot15 !== 0) return reject('malformed', 'validFrom of a price curve must be on a quarter hour', m);
        const count = ((validUntilMs ?? validFromMs) - validFromMs) / stepMs;
        if (!Number.isInteger(count) || count !== c.importPerKWh.length) {
          return reject('malformed', `body.importPerKWh has ${c.importPerKWh.length} prices; validFrom..validUntil holds ${count} intervals of ${c.resolutionMin} min`, m);
        }
        if (c.exportPerKWh !== undefined && c.exportPerKWh.length !== count) return reject('malformed', `body.exportPerKWh has ${c.exportPerKWh.length} prices, expected ${count}`, m);
        if (c.ghgGPerKWh !== undefined && c.ghgGPerKWh.length !== count) return reject('malformed', `body.ghgGPerKWh has ${c.ghgGPerKWh.length} values, expected ${count}`, m);
        return { ok: true, signal: { ...base, kind: 'price-curve', body: c } };
      }
      case 'flex-request': {
        const missing = needsEnd();
        if (missing !== null) return missing;
        const b = body(flexRequestBody);
        return b.ok ? { ok: true, signal: { ...base, kind: 'flex-request', body: b.value } } : b.verdict;
      }
      case 'tempo-colour': {
        const b = body(tempoColourBody);
        if (!b.ok) return b.verdict;
        // Red days fall only on winter weekdays, white never on Sundays: anything else is a sender's error.
        if (!tempoColourPossible(b.value.date, b.value.colour)) return reject('malformed', `a ${b.value.colour} Tempo day on ${b.value.date} is not possible`, m);
        return { ok: true, signal: { ...base, kind: 'tempo-colour', body: b.value } };
      }
      case 'revoke': {
        const b = body(revokeBody);
        return b.ok ? { ok: true, signal: { ...base, kind: 'revoke', body: b.value } } : b.verdict;
      }
      case 'heartbeat': {
        const b = body(heartbeatBody);
        return b.ok ? { ok: true, signal: { ...base, kind: 'heartbeat', body: {} } } : b.verdict;
      }
    }
  }

  /** Records an accepted message against replays (called once it has been applied). */
  remember(signal: AcceptedSignal): void {
    const m = signal.envelope;
    this.replay.remember({ issuer: m.issuer, id: m.id, kind: m.type, createdMs: signal.createdMs, seq: m.seq }, signal.receivedMs);
  }
}
