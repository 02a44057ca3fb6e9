import { describe, expect, it } from 'vitest';
import { DeviceTokenStore } from '../../../main/api/auth/device-tokens.js';
import { PairingOffers } from '../../../main/api/auth/pairing.js';
import { InstallerSessions } from '../../../main/api/auth/sessions.js';
import { looksLikeDeviceToken, sha256Hex } from '../../../main/api/auth/tokens.js';
import { HubError } from '../../../main/common/errors.js';
import { openDatabase } from '../../../main/store/database.js';

function thrown(fn: () => unknown): HubError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected a HubError');
}

describe('device tokens', () => {
  it('issues 256-bit tokens, stores only their SHA-256, verifies, lists and revokes', () => {
    const db = openDatabase(':memory:');
    let now = 1000;
    const store = new DeviceTokenStore(db, () => now);
    const { token, device } = store.issue('Kitchen tablet');
    expect(looksLikeDeviceToken(token)).toBe(true);
    const rows = db.prepare('SELECT * FROM device_tokens').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(rows[0]?.token_sha256).toBe(sha256Hex(token));

    now = 120_000;
    expect(store.verify(token)).toMatchObject({ id: device.id, name: 'Kitchen tablet' });
    expect(store.list()).toEqual([{ id: device.id, name: 'Kitchen tablet', createdMs: 1000, lastUsedMs: 120_000 }]);
    expect(store.verify(`${token.slice(0, -1)}x`)).toBeNull();
    expect(store.verify('shd_short')).toBeNull();
    expect(store.verify('')).toBeNull();

    expect(store.revoke(device.id)).toBe(true);
    expect(store.revoke(device.id)).toBe(false);
    expect(store.verify(token)).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('gives every device its own token', () => {
    const store = new DeviceTokenStore(openDatabase(':memory:'));
    const a = store.issue('a');
    const b = store.issue('b');
    expect(a.token).not.toBe(b.token);
    store.revoke(a.device.id);
    expect(store.verify(b.token)?.id).toBe(b.device.id);
  });
});

describe('pairing offers', () => {
  it('pair one device by secret or code, expire after 5 minutes, and close after 5 wrong codes', () => {
    let now = 0;
    const offers = new PairingOffers(() => now);
    expect(thrown(() => offers.claim({ code: '12345678' })).message).toMatch(/no pairing is open/);

    const a = offers.open();
    expect(a.code).toMatch(/^\d{8}$/);
    offers.claim({ secret: a.secret });
    // One device per offer.
    expect(thrown(() => offers.claim({ secret: a.secret })).code).toBe('unauthorized');

    const b = offers.open();
    offers.claim({ code: `${b.code.slice(0, 4)} ${b.code.slice(4)}` });

    const c = offers.open();
    now += 5 * 60_000;
    expect(thrown(() => offers.claim({ code: c.code })).message).toMatch(/expired/);

    const d = offers.open();
    const wrong = d.code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 4; i++) expect(thrown(() => offers.claim({ code: wrong })).message).toMatch(/wrong pairing code/);
    expect(thrown(() => offers.claim({ code: wrong })).message).toMatch(/pairing was closed/);
    // Closed: not even the right code pairs now.
    expect(thrown(() => offers.claim({ code: d.code })).message).toMatch(/no pairing is open/);
  });

  it('replaces an open offer by a new one', () => {
    const offers = new PairingOffers();
    const first = offers.open();
    const second = offers.open();
    expect(thrown(() => offers.claim({ secret: first.secret })).code).toBe('unauthorized');
    offers.claim({ secret: second.secret });
  });
});

describe('installer sessions', () => {
  it('end after the idle time, are renewed by use, and never outlive the maximum', () => {
    let now = 0;
    const sessions = new InstallerSessions(() => now, { idleMs: 15 * 60_000, maxMs: 2 * 3_600_000 });
    const s = sessions.open('local');
    expect(sessions.use(s.id, 'local')).toBe(15 * 60_000);
    now += 14 * 60_000;
    expect(sessions.use(s.id, 'local')).toBe(15 * 60_000);
    // Kept alive by use, but 2 h is the end.
    for (let i = 0; i < 8; i++) {
      now += 14 * 60_000;
      sessions.use(s.id, 'local');
    }
    expect(now).toBe(126 * 60_000);
    expect(sessions.use(s.id, 'local')).toBeNull();

    const idle = sessions.open('local');
    now += 15 * 60_000;
    expect(sessions.use(idle.id, 'local')).toBeNull();
  });

  it('are bound to the device that logged in, and end with its token', () => {
    const sessions = new InstallerSessions();
    const s = sessions.open('device:abc');
    expect(sessions.use(s.id, 'local')).toBeNull();
    expect(sessions.use(s.id, 'device:other')).toBeNull();
    expect(sessions.use(s.id, 'device:abc')).not.toBeNull();
    sessions.closeAllOf('device:abc');
    expect(sessions.use(s.id, 'device:abc')).toBeNull();
    expect(sessions.use(undefined, 'local')).toBeNull();
    expect(sessions.use('ins_made-up', 'local')).toBeNull();
  });
});
