/**
 * Installer sessions: a random id handed out after a good PIN, valid while
 * used (idle timeout) and never longer than a maximum, bound to the device
 * that logged in (a session id copied to another device is worthless there).
 * Held in memory only: a hub restart ends every session. Real time.
 */
import { randomToken, sha256Hex } from './tokens.js';

export interface SessionPolicy {
  readonly idleMs: number;
  readonly maxMs: number;
}

export const defaultSessionPolicy: SessionPolicy = { idleMs: 15 * 60_000, maxMs: 2 * 3_600_000 };

interface Session {
  readonly principalKey: string;
  readonly createdMs: number;
  lastUsedMs: number;
}

export class InstallerSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  readonly policy: SessionPolicy;

  constructor(now: () => number = Date.now, policy: SessionPolicy = defaultSessionPolicy) {
    this.now = now;
    this.policy = policy;
  }

  open(principalKey: string): { id: string; expiresInMs: number } {
    this.sweep();
    const id = randomToken('ins_');
    const now = this.now();
    this.sessions.set(sha256Hex(id), { principalKey, createdMs: now, lastUsedMs: now });
    return { id, expiresInMs: this.policy.idleMs };
  }

  /** Remaining ms of a valid session of this principal (and marks it used), or null. */
  use(id: string | undefined, principalKey: string, touch = true): number | null {
    if (id === undefined || id === '') return null;
    const key = sha256Hex(id);
    const s = this.sessions.get(key);
    if (s === undefined) return null;
    const now = this.now();
    if (this.expired(s, now)) {
      this.sessions.delete(key);
      return null;
    }
    if (s.principalKey !== principalKey) return null;
    if (touch) s.lastUsedMs = now;
    return Math.min(s.lastUsedMs + this.policy.idleMs, s.createdMs + this.policy.maxMs) - now;
  }

  close(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(sha256Hex(id));
  }

  /** Ends every session of a principal (its device token was revoked). */
  closeAllOf(principalKey: string): void {
    for (const [key, s] of this.sessions) if (s.principalKey === principalKey) this.sessions.delete(key);
  }

  closeAll(): void {
    this.sessions.clear();
  }

  private expired(s: Session, now: number): boolean {
    return now - s.lastUsedMs >= this.policy.idleMs || now - s.createdMs >= this.policy.maxMs;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, s] of this.sessions) if (this.expired(s, now)) this.sessions.delete(key);
  }
}
