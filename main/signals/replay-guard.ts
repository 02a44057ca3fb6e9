/**
 * Duplicate, replay and ordering checks. Every accepted message's id is kept
 * for the replay window (older messages are refused by age anyway), with the
 * newest creation time per issuer and kind and the last sequence number per
 * issuer. The state survives restarts through the settings store, so a
 * restart does not reopen the door to a captured message.
 */
import { z } from 'zod';

export const replayStateSchema = z.object({
  seen: z.array(z.tuple([z.string(), z.number()])),
  newest: z.record(z.string(), z.number()),
  seq: z.record(z.string(), z.number()),
});
export type ReplayState = z.infer<typeof replayStateSchema>;

export type ReplayVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'duplicate' | 'out-of-order'; readonly reason: string };

/** Ids remembered at most (oldest dropped first); well above a day of signals. */
const maxSeen = 5000;

export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private readonly newest = new Map<string, number>();
  private readonly seq = new Map<string, number>();

  constructor(
    private readonly maxAgeMs: number,
    state?: ReplayState,
  ) {
    for (const [k, v] of state?.seen ?? []) this.seen.set(k, v);
    for (const [k, v] of Object.entries(state?.newest ?? {})) this.newest.set(k, v);
    for (const [k, v] of Object.entries(state?.seq ?? {})) this.seq.set(k, v);
  }

  check(m: { issuer: string; id: string; kind: string; createdMs: number; seq?: number | undefined }, nowMs: number): ReplayVerdict {
    if (nowMs - m.createdMs > this.maxAgeMs) {
      return { ok: false, code: 'duplicate', reason: `replayed: created ${Math.round((nowMs - m.createdMs) / 60_000)} min ago, older than the replay window` };
    }
    if (this.seen.has(`${m.issuer}/${m.id}`)) return { ok: false, code: 'duplicate', reason: `message ${m.id} from ${m.issuer} was already received` };
    const lastSeq = this.seq.get(m.issuer);
    if (m.seq !== undefined && lastSeq !== undefined && m.seq <= lastSeq) {
      return { ok: false, code: 'out-of-order', reason: `sequence ${m.seq} not after ${lastSeq}` };
    }
    const newest = this.newest.get(`${m.issuer}/${m.kind}`);
    if (newest !== undefined && m.createdMs < newest) {
      return { ok: false, code: 'out-of-order', reason: `created ${new Date(m.createdMs).toISOString()}, before the newest ${m.kind} from ${m.issuer} (${new Date(newest).toISOString()})` };
    }
    return { ok: true };
  }

  /** Records an accepted message. */
  remember(m: { issuer: string; id: string; kind: string; createdMs: number; seq?: number | undefined }, nowMs: number): void {
    this.seen.set(`${m.issuer}/${m.id}`, m.createdMs);
    const key = `${m.issuer}/${m.kind}`;
    this.newest.set(key, Math.max(this.newest.get(key) ?? 0, m.createdMs));
    if (m.seq !== undefined) this.seq.set(m.issuer, Math.max(this.seq.get(m.issuer) ?? -1, m.seq));
    this.prune(nowMs);
  }

  state(): ReplayState {
    return { seen: [...this.seen.entries()], newest: Object.fromEntries(this.newest), seq: Object.fromEntries(this.seq) };
  }

  private prune(nowMs: number): void {
    for (const [k, created] of this.seen) {
      if (nowMs - created <= this.maxAgeMs && this.seen.size <= maxSeen) break;
      // Map keeps insertion order: the oldest entries come first.
      this.seen.delete(k);
    }
  }
}
