/**
 * User settings that survive a restart (car mode, minimum SoC). Values are
 * validated on read: a hand-edited or older row that no longer fits the
 * schema falls back to the default with a warning instead of crashing.
 */
import type { z } from 'zod';
import type { Logger } from '../common/log.js';
import type { Db } from './database.js';

export class SettingsStore {
  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  get<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    const row = this.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
    if (row === undefined) return fallback;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.value_json);
    } catch {
      this.log.warn(`settings: "${key}" is not valid JSON; using the default`);
      return fallback;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      this.log.warn(`settings: "${key}" does not fit its schema; using the default`, { issues: result.error.issues.map((i) => i.message) });
      return fallback;
    }
    return result.data;
  }

  set(key: string, value: unknown, nowMs: number): void {
    this.db
      .prepare('INSERT INTO settings (key, value_json, updated_ms) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_ms = excluded.updated_ms')
      .run(key, JSON.stringify(value), nowMs);
  }
}
