/**
 * Lockout after wrong PINs, with a growing delay: the first few mistakes are
 * free (fingers slip on a touch keypad), then each further wrong PIN locks
 * the keypad for twice as long as the last, up to a ceiling. The state is
 * persisted, so restarting the hub does not reset the count, and measured in
 * real time (never the simulated site clock). Pure: the clock is passed in.
 */

export interface LockoutPolicy {
  /** Wrong PINs allowed before the first lockout. */
  readonly freeAttempts: number;
  /** Lockout after the first wrong PIN beyond the free ones (real ms)... */
  readonly firstLockMs: number;
  /** ...doubling with each further one, up to this. */
  readonly maxLockMs: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { freeAttempts: 3, firstLockMs: 30_000, maxLockMs: 3_600_000 };

export interface LockoutState {
  /** Wrong PINs since the last good one. */
  readonly failures: number;
  /** Real epoch ms until which no PIN is checked (0: not locked). */
  readonly lockedUntilMs: number;
}

export const noFailures: LockoutState = { failures: 0, lockedUntilMs: 0 };

/** How long the keypad locks after the `failures`-th wrong PIN (0 while attempts are free). */
export function lockDurationMs(failures: number, policy: LockoutPolicy = defaultLockoutPolicy): number {
  const beyond = failures - policy.freeAttempts;
  if (beyond <= 0) return 0;
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** Math.min(beyond - 1, 30));
}

export function remainingLockMs(state: LockoutState, nowMs: number): number {
  return Math.max(0, state.lockedUntilMs - nowMs);
}

export function afterFailure(state: LockoutState, nowMs: number, policy: LockoutPolicy = defaultLockoutPolicy): LockoutState {
  const failures = state.failures + 1;
  const lockMs = lockDurationMs(failures, policy);
  return { failures, lockedUntilMs: lockMs > 0 ? nowMs + lockMs : 0 };
}

/** Wrong PINs left before the next lockout (0 when the next wrong one locks). */
export function attemptsBeforeLockout(state: LockoutState, policy: LockoutPolicy = defaultLockoutPolicy): number {
  return Math.max(0, policy.freeAttempts - state.failures);
}
