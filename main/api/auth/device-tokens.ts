/**
 * Long-lived device tokens of paired LAN devices, in SQLite: only the
 * SHA-256 of each token is stored (a copied database file lets nobody in),
 * each has a name and a last-use time for the Settings list, and revoking
 * one takes effect on the next request.
 */
import type { PairedDevice } from '../../common/auth.js';
import type { Db } from '../../store/database.js';
import { deviceTokenPrefix, looksLikeDeviceToken, randomToken, sha256Hex } from './tokens.js';

interface Row {
  readonly id: string;
  readonly name: string;
  readonly created_ms: number;
  readonly last_used_ms: number | null;
}

/** Last-use times are written at most this often per device (real ms), not on every request. */
const touchEveryMs = 60_000;

export class DeviceTokenStore {
  private readonly db: Db;
  private readonly now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  issue(name: string): { token: string; device: PairedDevice } {
    const token = randomToken(deviceTokenPrefix);
    const id = randomToken().slice(0, 12);
    const createdMs = this.now();
    this.db
      .prepare('INSERT INTO device_tokens (id, name, token_sha256, created_ms, last_used_ms, revoked_ms) VALUES (?, ?, ?, ?, NULL, NULL)')
      .run(id, name, sha256Hex(token), createdMs);
    return { token, device: { id, name, createdMs, lastUsedMs: null } };
  }

  /** The device a token belongs to, or null (unknown, malformed or revoked). */
  verify(token: string): PairedDevice | null {
    if (!looksLikeDeviceToken(token)) return null;
    const row = this.db
      .prepare('SELECT id, name, created_ms, last_used_ms FROM device_tokens WHERE token_sha256 = ? AND revoked_ms IS NULL')
      .get(sha256Hex(token)) as Row | undefined;
    if (row === undefined) return null;
    const now = this.now();
    if (row.last_used_ms === null || now - row.last_used_ms >= touchEveryMs) {
      this.db.prepare('UPDATE device_tokens SET last_used_ms = ? WHERE id = ?').run(now, row.id);
    }
    return { id: row.id, name: row.name, createdMs: row.created_ms, lastUsedMs: now };
  }

  list(): PairedDevice[] {
    const rows = this.db.prepare('SELECT id, name, created_ms, last_used_ms FROM device_tokens WHERE revoked_ms IS NULL ORDER BY created_ms').all() as Row[];
    return rows.map((r) => ({ id: r.id, name: r.name, createdMs: r.created_ms, lastUsedMs: r.last_used_ms }));
  }

  /** True when a token was revoked now; false when there was none (or it was revoked before). */
  revoke(id: string): boolean {
    return this.db.prepare('UPDATE device_tokens SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL').run(this.now(), id).changes > 0;
  }
}
