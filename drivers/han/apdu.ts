/**
 * The DLMS APDU inside a HAN frame: the LLC header (E6 E7 00) is dropped,
 * a data-notification (0x0F) is read, a general-glo-ciphering APDU (0xDB) is
 * decrypted first. The plaintext of an encrypted Luxembourg P1 stream is a
 * DSMR telegram, not an APDU; the caller gets it as text.
 */
import { DlmsError, Reader, readData } from './axdr.js';
import type { DlmsData } from './axdr.js';
import { decipherGlo } from './glo-ciphering.js';
import type { GloKeys } from './glo-ciphering.js';

export type Apdu =
  | { readonly kind: 'notification'; readonly dateTime: Uint8Array | null; readonly body: DlmsData; readonly encrypted: boolean }
  | { readonly kind: 'p1'; readonly telegram: string };

/** Throws DlmsError (format) or CipherError (keys). */
export class CipherError extends Error {}

export function readApdu(info: Uint8Array, keys: GloKeys | null): Apdu {
  let start = 0;
  // LLC: destination LSAP E6, source LSAP E6/E7, quality 00.
  if (info[0] === 0xe6 && (info[1] === 0xe7 || info[1] === 0xe6) && info[2] === 0x00) start = 3;
  const tag = info[start];
  if (tag === 0xdb) {
    if (keys === null) throw new CipherError('encrypted frame (general-glo-ciphering) but no key configured');
    let plain: Buffer;
    try {
      plain = decipherGlo(info.subarray(start), keys).plaintext;
    } catch (err) {
      throw new CipherError(err instanceof Error ? err.message : String(err));
    }
    if (plain[0] === 0x2f) return { kind: 'p1', telegram: plain.toString('latin1') };
    const inner = readNotification(plain, 0);
    if (inner.kind === 'notification') return { ...inner, encrypted: true };
    return inner;
  }
  return readNotification(info, start);
}

function readNotification(bytes: Uint8Array, start: number): Apdu {
  const r = new Reader(bytes, start);
  const tag = r.u8();
  if (tag !== 0x0f) throw new DlmsError(`APDU tag 0x${tag.toString(16).padStart(2, '0')} is not a data-notification`);
  r.take(4); // long-invoke-id-and-priority
  // date-time is optional and meters write it three ways: 00 (absent), 0C + 12 bytes, or 09 0C + 12 bytes.
  let dateTime: Uint8Array | null = null;
  const first = r.u8();
  if (first === 0x0c) dateTime = r.take(12);
  else if (first === 0x09) {
    const n = r.u8();
    dateTime = r.take(n);
  } else if (first !== 0x00) throw new DlmsError(`bad date-time field 0x${first.toString(16)}`);
  const body = readData(r);
  if (r.left !== 0) throw new DlmsError(`${r.left} bytes after the notification body`);
  return { kind: 'notification', dateTime: dateTime?.length === 12 ? dateTime : null, body, encrypted: false };
}
