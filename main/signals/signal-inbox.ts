/**
 * One utility message in, one verdict out: validate, apply if accepted,
 * record it, log why if rejected, and build the acknowledgement. Transport
 * free, so the same path serves MQTT, the tests and the benchmark.
 */
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { SignalKind } from '../common/signals.js';
import type { SignalApplier } from './signal-applier.js';
import type { SignalLog } from './signal-log.js';
import type { SignalValidator, Verdict } from './signal-validator.js';

export interface Ack {
  readonly v: 1;
  /** Id of the acknowledged message, null when it could not be read. */
  readonly ref: string | null;
  readonly issuer: string | null;
  readonly status: 'accepted' | 'rejected';
  readonly code?: string;
  readonly reason: string;
  readonly at: string;
}

export interface InboxResult {
  readonly verdict: Verdict;
  /** null for heartbeats (not acknowledged: they would double the traffic for nothing). */
  readonly ack: Ack | null;
}

export class SignalInbox {
  constructor(
    private readonly validator: SignalValidator,
    private readonly applier: SignalApplier,
    private readonly log: SignalLog,
    private readonly logger: Logger,
    private readonly onAccepted: () => void = () => undefined,
  ) {}

  handle(payload: Uint8Array | string, topicKind: SignalKind | null, nowMs: number): InboxResult {
    const verdict = this.validator.validate(payload, topicKind, nowMs);
    const at = new Date(nowMs).toISOString();
    if (!verdict.ok) {
      this.log.addRejected({ channel: 'mqtt', id: verdict.id, issuer: verdict.issuer, kind: verdict.kind, receivedMs: nowMs, code: verdict.code, reason: verdict.reason });
      this.logger.warn(`signal rejected (${verdict.code}): ${verdict.reason}`, { id: verdict.id, issuer: verdict.issuer, kind: verdict.kind });
      return { verdict, ack: { v: 1, ref: verdict.id, issuer: verdict.issuer, status: 'rejected', code: verdict.code, reason: verdict.reason, at } };
    }
    const s = verdict.signal;
    const m = s.envelope;
    let reason: string;
    try {
      reason = this.applier.apply(s, 'mqtt');
    } catch (err) {
      // Applying should not fail; if it does, the message counts as rejected and the hub carries on.
      const why = `could not be applied: ${describeError(err)}`;
      this.log.addRejected({ channel: 'mqtt', id: m.id, issuer: m.issuer, kind: m.type, receivedMs: nowMs, code: 'malformed', reason: why });
      this.logger.error(`signal ${m.id} ${why}`);
      return { verdict, ack: { v: 1, ref: m.id, issuer: m.issuer, status: 'rejected', code: 'malformed', reason: why, at } };
    }
    this.validator.remember(s);
    this.onAccepted();
    if (m.type === 'heartbeat') return { verdict, ack: null };
    this.log.addAccepted({ channel: 'mqtt', id: m.id, issuer: m.issuer, kind: m.type, receivedMs: nowMs, reason, validFromMs: s.validFromMs, validUntilMs: s.validUntilMs });
    this.logger.info(`signal accepted from ${m.issuer}: ${reason}`, { id: m.id });
    return { verdict, ack: { v: 1, ref: m.id, issuer: m.issuer, status: 'accepted', reason, at } };
  }
}
