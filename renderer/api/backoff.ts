/**
 * Reconnect delay: exponential from 0.5 s to 10 s with jitter, so that a
 * hub restart is picked up within seconds and several screens do not all
 * reconnect in the same millisecond.
 */
export const backoffBaseMs = 500;
export const backoffMaxMs = 10_000;

/** Delay before reconnect attempt `attempt` (0 = first retry); `random` in [0, 1). */
export function backoffDelayMs(attempt: number, random: number = Math.random()): number {
  const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.max(0, Math.min(attempt, 20)));
  // Between half and all of the ceiling.
  return Math.round(ceiling * (0.5 + 0.5 * Math.min(Math.max(random, 0), 1)));
}
