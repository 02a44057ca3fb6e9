import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../../main/common/log.js';
import { migrate, openDatabase } from '../../../main/store/database.js';
import { HistoryStore } from '../../../main/store/history-store.js';
import { migrations } from '../../../main/store/migrations.js';
import { SettingsStore } from '../../../main/store/settings-store.js';

describe('store', () => {
  it('opens in WAL mode and applies migrations once, in order', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hub-db-')), 'hub.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.close();
    // Re-opening does not re-run migrations (CREATE TABLE would fail).
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    again.close();
  });

  it('refuses a database from a newer hub', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db, migrations)).toThrow(/newer than this hub understands/);
  });

  it('keeps settings and falls back on values that no longer fit', () => {
    const db = openDatabase(':memory:');
    const s = new SettingsStore(db, silentLogger);
    const schema = z.object({ mode: z.enum(['off', 'fast']) });
    expect(s.get('car', schema, { mode: 'off' })).toEqual({ mode: 'off' });
    s.set('car', { mode: 'fast' }, 1);
    expect(s.get('car', schema, { mode: 'off' })).toEqual({ mode: 'fast' });
    s.set('car', { mode: 'warp' }, 2);
    expect(s.get('car', schema, { mode: 'off' })).toEqual({ mode: 'off' });
  });

  it('writes and reads 1-minute rows, merging a minute written twice', () => {
    const db = openDatabase(':memory:');
    const h = new HistoryStore(db);
    const row = {
      ts: 60_000, gridW: 100, pvW: 0, batteryW: 0, wallboxW: 0, homeW: 100, batterySocPct: 50, carSocPct: null,
      gridImportWh: 1, gridExportWh: 0, pvWh: 0, batteryChargeWh: 0, batteryDischargeWh: 0, carChargeWh: 0, carDischargeWh: 0, homeWh: 1,
      gridImportMeterWh: null, gridExportMeterWh: null, samples: 10,
    };
    h.write([row, { ...row, ts: 120_000 }]);
    h.write([{ ...row, gridImportWh: 0.5 }]);
    const rows = h.read(0, 180_000);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.gridImportWh).toBeCloseTo(1.5);
    expect(h.read(120_000, 180_000)).toHaveLength(1);
  });
});
