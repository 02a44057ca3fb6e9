import { describe, expect, it } from 'vitest';
import { InstallerPin } from '../../../main/api/auth/installer-pin.js';
import { afterFailure, attemptsBeforeLockout, lockDurationMs, noFailures, remainingLockMs } from '../../../main/api/auth/lockout.js';
import { hashPin, pinProblem, verifyPin } from '../../../main/api/auth/pin-hash.js';
import { HubError } from '../../../main/common/errors.js';
import { openDatabase } from '../../../main/store/database.js';

/** Cheap scrypt for tests; the hub uses N = 2^15. */
const fast = { N: 2 ** 10, r: 8, p: 1 };

async function rejection(p: Promise<unknown>): Promise<HubError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('PIN hashing (scrypt)', () => {
  it('verifies the right PIN only, with a fresh salt each time', async () => {
    const a = await hashPin('482913', fast);
    const b = await hashPin('482913', fast);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain('482913');
    expect(await verifyPin('482913', a)).toBe(true);
    expect(await verifyPin('482914', a)).toBe(false);
    expect(await verifyPin('482913', 'garbage')).toBe(false);
  });

  it('uses the default cost when none is given (the parameters are stored with the hash)', async () => {
    const h = await hashPin('482913');
    expect(h.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPin('482913', h)).toBe(true);
  });

  it('refuses weak or malformed PINs with a reason', () => {
    expect(pinProblem('482913', 6, 8)).toBeNull();
    expect(pinProblem('12345', 6, 8)).toMatch(/6 to 8 digits/);
    expect(pinProblem('12a456', 6, 8)).toMatch(/digits/);
    expect(pinProblem('111111', 6, 8)).toMatch(/repeated/);
    expect(pinProblem('123456', 6, 8)).toMatch(/run/);
    expect(pinProblem('987654', 6, 8)).toMatch(/run/);
    expect(pinProblem('890123', 6, 8)).toMatch(/run/);
  });
});

describe('lockout policy', () => {
  it('gives three free attempts, then locks for 30 s, doubling up to an hour', () => {
    expect([1, 2, 3].map((n) => lockDurationMs(n))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7].map((n) => lockDurationMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(lockDurationMs(20)).toBe(3_600_000);
    expect(lockDurationMs(10_000)).toBe(3_600_000);
  });

  it('counts attempts and lock time from the clock it is given', () => {
    let s = noFailures;
    for (let i = 0; i < 3; i++) s = afterFailure(s, 1000);
    expect(attemptsBeforeLockout(s)).toBe(0);
    expect(remainingLockMs(s, 1000)).toBe(0);
    s = afterFailure(s, 1000);
    expect(remainingLockMs(s, 1000)).toBe(30_000);
    expect(remainingLockMs(s, 31_000)).toBe(0);
  });
});

describe('InstallerPin (SQLite, injected clock)', () => {
  const setup = (): { pin: InstallerPin; now: { ms: number }; db: ReturnType<typeof openDatabase> } => {
    const db = openDatabase(':memory:');
    const now = { ms: 1_000_000 };
    return { db, now, pin: new InstallerPin(db, { now: () => now.ms, scrypt: fast }) };
  };

  it('sets the first PIN once; a second "first" PIN is refused', async () => {
    const { pin } = setup();
    expect(pin.isSet()).toBe(false);
    await pin.setFirst('482913');
    expect(pin.isSet()).toBe(true);
    expect((await rejection(pin.setFirst('555123'))).code).toBe('forbidden');
    await pin.check('482913');
  });

  it('refuses a weak first PIN naming the key', async () => {
    const { pin } = setup();
    const err = await rejection(pin.setFirst('123456'));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/^body\.pin: /);
  });

  it('locks out after repeated wrong PINs with a growing delay, and refuses even the right PIN while locked', async () => {
    const { pin, now } = setup();
    await pin.setFirst('482913');
    const wrong = async (): Promise<HubError> => rejection(pin.check('000000'));
    expect((await wrong()).message).toMatch(/2 more tries/);
    expect((await wrong()).message).toMatch(/1 more try/);
    expect((await wrong()).message).toMatch(/0 more tries/);
    const locked = await wrong();
    expect(locked.code).toBe('locked_out');
    expect(locked.retryable).toBe(true);
    expect(locked.message).toMatch(/locked for 30 s/);
    // The right PIN does not help while locked: it is not even checked.
    now.ms += 29_000;
    expect((await rejection(pin.check('482913'))).code).toBe('locked_out');
    now.ms += 1_000;
    // The next wrong one doubles the lock.
    expect((await wrong()).message).toMatch(/locked for 60 s/);
    now.ms += 60_000;
    await pin.check('482913');
    expect(pin.status()).toMatchObject({ failures: 0, lockedForMs: 0, attemptsBeforeLockout: 3 });
  });

  it('keeps the lockout across a restart (it is persisted)', async () => {
    const { pin, db, now } = setup();
    await pin.setFirst('482913');
    for (let i = 0; i < 4; i++) await rejection(pin.check('000000'));
    const again = new InstallerPin(db, { now: () => now.ms, scrypt: fast });
    expect(again.status().lockedForMs).toBe(30_000);
    expect((await rejection(again.check('482913'))).code).toBe('locked_out');
  });

  it('checks parallel guesses one at a time, so a burst cannot beat the lockout', async () => {
    const { pin } = setup();
    await pin.setFirst('482913');
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => pin.check(String(100000 + i))));
    const codes = results.map((r) => (r.status === 'rejected' && r.reason instanceof HubError ? r.reason.code : 'ok'));
    expect(codes.slice(0, 3)).toEqual(['unauthorized', 'unauthorized', 'unauthorized']);
    expect(codes.slice(3).every((c) => c === 'locked_out')).toBe(true);
    expect(pin.status().failures).toBe(4);
  });

  it('changes the PIN only with the current one', async () => {
    const { pin } = setup();
    await pin.setFirst('482913');
    expect((await rejection(pin.change('000000', '735190'))).code).toBe('unauthorized');
    await pin.change('482913', '735190');
    await pin.check('735190');
    expect((await rejection(pin.check('482913'))).code).toBe('unauthorized');
  });
});
