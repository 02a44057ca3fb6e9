/**
 * Writing the hub's config file: validated first with the hub's own schema
 * (an error names the key), then written atomically (temporary file in the
 * same folder, fsync, rename) so that a power cut leaves the old file or the
 * new one, never half of each. The previous file is kept beside it as .bak.
 * Mode 0600: a config may hold meter keys and passwords.
 */
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HubError, describeError } from '../common/errors.js';
import { parseConfig } from '../hub/config.js';
import type { HubConfig } from '../hub/config.js';

export async function readRawConfig(file: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const raw: unknown = JSON.parse(text);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch (err) {
    throw new HubError('config_invalid', `config file ${file} is not valid JSON`, { cause: err });
  }
}

/** Throws config_invalid listing every problem by key, as at hub start. */
export function checkConfig(raw: unknown): HubConfig {
  return parseConfig(raw, 'the new config');
}

export async function writeConfigAtomically(file: string, raw: unknown): Promise<void> {
  const text = `${JSON.stringify(raw, null, 2)}\n`;
  const dir = dirname(file);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await copyFile(file, `${file}.bak`).catch(() => undefined);
    await rename(tmp, file);
    // The rename itself must survive a power cut too.
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync().catch(() => undefined);
    } finally {
      await dirHandle.close();
    }
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new HubError('internal', `could not write the config file ${file}: ${describeError(err)}`, { cause: err });
  }
}
