/**
 * The installer PIN: set once at the first commissioning, stored as an
 * scrypt hash with the lockout state in SQLite. Checks run one at a time, so
 * that a burst of parallel guesses cannot all be checked before the first
 * failure is counted.
 */
import { pinMaxDigits, pinMinDigits } from '../../common/auth.js';
import { HubError } from '../../common/errors.js';
import type { Db } from '../../store/database.js';
import { afterFailure, attemptsBeforeLockout, defaultLockoutPolicy, noFailures, remainingLockMs } from './lockout.js';
import type { LockoutPolicy, LockoutState } from './lockout.js';
import { hashPin, pinProblem, verifyPin } from './pin-hash.js';
import type { ScryptParams } from './pin-hash.js';

interface Row {
  readonly pin_hash: string | null;
  readonly failures: number;
  readonly locked_until_ms: number;
}

export interface InstallerPinOptions {
  readonly now?: () => number;
  readonly lockout?: LockoutPolicy;
  /** Tests use cheap parameters; the hub the defaults. */
  readonly scrypt?: ScryptParams;
}

export class InstallerPin {
  private readonly db: Db;
  private readonly now: () => number;
  private readonly policy: LockoutPolicy;
  private readonly scrypt: ScryptParams | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(db: Db, options: InstallerPinOptions = {}) {
    this.db = db;
    this.now = options.now ?? Date.now;
    this.policy = options.lockout ?? defaultLockoutPolicy;
    this.scrypt = options.scrypt;
    db.prepare('INSERT OR IGNORE INTO installer_auth (id, pin_hash, failures, locked_until_ms, updated_ms) VALUES (1, NULL, 0, 0, ?)').run(this.now());
  }

  isSet(): boolean {
    return this.row().pin_hash !== null;
  }

  lockout(): LockoutState {
    const r = this.row();
    return { failures: r.failures, lockedUntilMs: r.locked_until_ms };
  }

  status(): { pinSet: boolean; failures: number; lockedForMs: number; attemptsBeforeLockout: number } {
    const state = this.lockout();
    return { pinSet: this.isSet(), failures: state.failures, lockedForMs: remainingLockMs(state, this.now()), attemptsBeforeLockout: attemptsBeforeLockout(state, this.policy) };
  }

  /** Sets the first PIN; refused once one is set (changing needs the old one: change()). */
  setFirst(pin: string): Promise<void> {
    return this.serial(async () => {
      if (this.isSet()) throw new HubError('forbidden', 'an installer PIN is already set: log in with it (or change it from installer mode)');
      await this.store(pin);
    });
  }

  /** Checks a PIN; throws 429 locked_out while locked and 401 for a wrong PIN (saying what comes next). */
  check(pin: string): Promise<void> {
    return this.serial(async () => {
      const row = this.row();
      if (row.pin_hash === null) throw new HubError('forbidden', 'no installer PIN is set yet: set one first');
      const state: LockoutState = { failures: row.failures, lockedUntilMs: row.locked_until_ms };
      const lockedMs = remainingLockMs(state, this.now());
      if (lockedMs > 0) throw lockedError(lockedMs);
      const ok = /^[0-9]{1,16}$/.test(pin) && (await verifyPin(pin, row.pin_hash));
      if (ok) {
        this.saveLockout(noFailures);
        return;
      }
      const next = afterFailure(state, this.now(), this.policy);
      this.saveLockout(next);
      const nextLockMs = remainingLockMs(next, this.now());
      if (nextLockMs > 0) throw lockedError(nextLockMs, 'wrong PIN. ');
      const left = attemptsBeforeLockout(next, this.policy);
      throw new HubError('unauthorized', `wrong PIN: ${left} more ${left === 1 ? 'try' : 'tries'} before the keypad locks`);
    });
  }

  /** Replaces the PIN after checking the current one (with the same lockout). */
  async change(pin: string, newPin: string): Promise<void> {
    await this.check(pin);
    await this.serial(() => this.store(newPin));
  }

  private async store(pin: string): Promise<void> {
    const problem = pinProblem(pin, pinMinDigits, pinMaxDigits);
    if (problem !== null) throw new HubError('bad_request', `body.pin: ${problem}`);
    const hash = await hashPin(pin, this.scrypt);
    this.db.prepare('UPDATE installer_auth SET pin_hash = ?, failures = 0, locked_until_ms = 0, updated_ms = ? WHERE id = 1').run(hash, this.now());
  }

  private saveLockout(state: LockoutState): void {
    this.db.prepare('UPDATE installer_auth SET failures = ?, locked_until_ms = ?, updated_ms = ? WHERE id = 1').run(state.failures, state.lockedUntilMs, this.now());
  }

  private row(): Row {
    return this.db.prepare('SELECT pin_hash, failures, locked_until_ms FROM installer_auth WHERE id = 1').get() as Row;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function lockedError(ms: number, prefix = ''): HubError {
  const s = Math.ceil(ms / 1000);
  return new HubError('locked_out', `${prefix}Too many wrong PINs: the keypad is locked for ${s} s`, { retryable: true });
}
