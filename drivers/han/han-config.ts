/** Keys of an encrypting HAN meter (DK, AT, LU): 32 hex digits each, from the grid operator. */
import { z } from 'zod';
import type { GloKeys } from './glo-ciphering.js';

export interface HanKeyConfig {
  /** Encryption key (GUEK), hex. Absent for the unencrypted NO/SE meters. */
  readonly key?: string;
  /** Authentication key (GAK), hex: with it the GCM tag of every frame is checked. */
  readonly authKey?: string;
}

const hexKey = z
  .string()
  .regex(/^[0-9A-Fa-f]{32}$/, 'expected 32 hex digits (a 128-bit key)')
  .optional();

export const hanKeyShape = { key: hexKey, authKey: hexKey };

export function gloKeys(c: HanKeyConfig): GloKeys | null {
  if (c.key === undefined) return null;
  return { encryptionKey: Buffer.from(c.key, 'hex'), authenticationKey: c.authKey === undefined ? null : Buffer.from(c.authKey, 'hex') };
}
