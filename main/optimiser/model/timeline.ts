/**
 * The plan's slots: quarter hours aligned in UTC, from the one in progress
 * (of which only the rest is planned) to the horizon end.
 */
export const slotMs = 15 * 60_000;

export interface TimelineSlot {
  readonly startMs: number;
  readonly endMs: number;
  /** Hours still to plan: the slot in progress only has the rest. */
  readonly hours: number;
}

export function quarterStart(ts: number): number {
  return Math.floor(ts / slotMs) * slotMs;
}

export function timeline(nowMs: number, horizonEndMs: number): TimelineSlot[] {
  const out: TimelineSlot[] = [];
  for (let start = quarterStart(nowMs); start < horizonEndMs; start += slotMs) {
    const from = Math.max(start, nowMs);
    // The slot in progress stays in the plan however little is left (the controller follows it);
    // a floor on its length keeps the model's coefficients sane.
    out.push({ startMs: start, endMs: start + slotMs, hours: Math.max(0.001, (start + slotMs - from) / 3_600_000) });
  }
  return out;
}
