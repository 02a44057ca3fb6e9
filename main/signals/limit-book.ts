/**
 * The grid limits one channel (MQTT or OpenADR) has accepted. A newer limit
 * of the same issuer and kind replaces the ones whose windows it overlaps;
 * limits for other windows (tomorrow 18:00-19:00) stay scheduled. The book
 * hands its current list to the LimitsRegistry, which applies the strictest
 * in force every tick.
 */
import type { GridLimitSignal, LimitSource } from '../common/limits.js';

export interface LimitSink {
  put(source: LimitSource | `${LimitSource}:${string}`, signals: readonly GridLimitSignal[]): void;
}

const overlaps = (a: GridLimitSignal, b: GridLimitSignal): boolean =>
  a.startMs < (b.endMs ?? Number.POSITIVE_INFINITY) && b.startMs < (a.endMs ?? Number.POSITIVE_INFINITY);

export class LimitBook {
  private limits: GridLimitSignal[] = [];

  constructor(
    private readonly sink: LimitSink,
    private readonly sourceKey: LimitSource | `${LimitSource}:${string}`,
  ) {}

  /** Adds a limit; returns the ids it superseded. */
  add(limit: GridLimitSignal, nowMs: number): string[] {
    const superseded = this.limits.filter((l) => l.issuer === limit.issuer && l.kind === limit.kind && overlaps(l, limit)).map((l) => l.id);
    this.limits = this.limits.filter((l) => !superseded.includes(l.id) && (l.endMs === null || l.endMs > nowMs));
    this.limits.push(limit);
    this.publish();
    return superseded;
  }

  /** Removes by id (a revoke); returns true if there was one. */
  remove(id: string): boolean {
    const before = this.limits.length;
    this.limits = this.limits.filter((l) => l.id !== id);
    if (this.limits.length === before) return false;
    this.publish();
    return true;
  }

  /** Replaces everything of one issuer (OpenADR: the VTN's current events are the truth). */
  replaceIssuer(issuer: string, limits: readonly GridLimitSignal[]): void {
    this.limits = [...this.limits.filter((l) => l.issuer !== issuer), ...limits];
    this.publish();
  }

  list(): readonly GridLimitSignal[] {
    return this.limits;
  }

  private publish(): void {
    this.sink.put(this.sourceKey, [...this.limits]);
  }
}
