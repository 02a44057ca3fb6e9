/** The plan's 15-minute slots, aligned to the quarter hour in UTC. */
export const slotMs = 15 * 60_000;
export const hourMs = 3_600_000;
export const dayMs = 86_400_000;

export function slotStart(ts: number): number {
  return Math.floor(ts / slotMs) * slotMs;
}

export function isSlotAligned(ts: number): boolean {
  return ts % slotMs === 0;
}

/** Slot starts from `fromMs` (rounded down) to `toMs` (exclusive). */
export function slotStarts(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let t = slotStart(fromMs); t < toMs; t += slotMs) out.push(t);
  return out;
}

/** Wh over a slot to average W, and back. */
export const whToW = (wh: number, durationMs: number): number => (wh * hourMs) / durationMs;
export const kWh = (wh: number): number => wh / 1000;
