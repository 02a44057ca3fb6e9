/**
 * The recent signals and what became of them, for GET /api/signals and the
 * logs. Bounded: the newest 500 are kept. An accepted signal whose window
 * has passed reads as expired.
 */
import type { RejectCode, SignalChannel, SignalKind, SignalRecord, SignalState } from '../common/signals.js';

const maxRecords = 500;

interface Entry {
  record: SignalRecord;
}

export class SignalLog {
  private readonly entries: Entry[] = [];
  private accepted = 0;
  private rejected = 0;

  addAccepted(r: { channel: SignalChannel; id: string; issuer: string; kind: SignalKind; receivedMs: number; reason: string; validFromMs: number | null; validUntilMs: number | null }): void {
    this.accepted++;
    this.push({ ...r, state: 'accepted', rejectCode: null });
  }

  addRejected(r: { channel: SignalChannel; id: string | null; issuer: string | null; kind: SignalKind | null; receivedMs: number; code: RejectCode; reason: string }): void {
    this.rejected++;
    this.push({ channel: r.channel, id: r.id, issuer: r.issuer, kind: r.kind, receivedMs: r.receivedMs, state: 'rejected', rejectCode: r.code, reason: r.reason, validFromMs: null, validUntilMs: null });
  }

  /** Marks an accepted signal superseded or revoked. */
  mark(issuer: string, id: string, state: Extract<SignalState, 'superseded' | 'revoked'>): void {
    for (const e of this.entries) {
      if (e.record.issuer === issuer && e.record.id === id && e.record.state === 'accepted') e.record = { ...e.record, state };
    }
  }

  /** Newest first; accepted signals past their window read as expired. */
  list(nowMs: number): SignalRecord[] {
    return this.entries
      .map((e) => (e.record.state === 'accepted' && e.record.validUntilMs !== null && e.record.validUntilMs <= nowMs ? { ...e.record, state: 'expired' as const } : e.record))
      .reverse();
  }

  counters(): { accepted: number; rejected: number } {
    return { accepted: this.accepted, rejected: this.rejected };
  }

  private push(record: SignalRecord): void {
    this.entries.push({ record });
    if (this.entries.length > maxRecords) this.entries.splice(0, this.entries.length - maxRecords);
  }
}
