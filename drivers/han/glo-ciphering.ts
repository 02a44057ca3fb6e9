/**
 * DLMS general-glo-ciphering (tag 0xDB, Green Book security suite 0), used by
 * meters that encrypt their HAN/P1 push (DK Kamstrup/Radius, AT Kaifa and
 * Sagemcom, LU Smarty): system title (8 bytes), length, security control
 * byte, frame counter (4), ciphertext and, when authenticated, a 12-byte GCM
 * tag. AES-128-GCM with IV = system title || frame counter and
 * AAD = security control || authentication key.
 *
 * Without an authentication key the tag cannot be checked; the ciphertext is
 * then decrypted as GCM's counter mode does (AES-CTR from counter 2) and the
 * frame's own checksum (HDLC FCS, or the P1 CRC inside) stays the integrity
 * check. With one, a wrong key or a tampered frame fails the tag.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { DlmsError, Reader } from './axdr.js';

const TAG_BYTES = 12;
const SC_AUTH = 0x10;
const SC_ENC = 0x20;

export interface GloKeys {
  /** Encryption key (global unicast key, GUEK), 16 bytes. */
  readonly encryptionKey: Uint8Array;
  /** Authentication key (GAK), 16 bytes; optional, see above. */
  readonly authenticationKey?: Uint8Array | null;
}

export interface Deciphered {
  readonly systemTitle: Uint8Array;
  readonly frameCounter: number;
  readonly authenticated: boolean;
  readonly plaintext: Buffer;
}

/** `apdu` starts at the 0xDB tag. Throws DlmsError on malformed input, wrong key or failed tag. */
export function decipherGlo(apdu: Uint8Array, keys: GloKeys): Deciphered {
  const r = new Reader(apdu);
  if (r.u8() !== 0xdb) throw new DlmsError('not a general-glo-ciphering APDU');
  const titleLength = r.length();
  if (titleLength !== 8) throw new DlmsError(`system title of ${titleLength} bytes, expected 8`);
  const systemTitle = r.take(8);
  const length = r.length();
  if (length !== r.left) throw new DlmsError(`ciphered APDU says ${length} bytes, ${r.left} follow`);
  const sc = r.u8();
  const counterBytes = r.take(4);
  const frameCounter = ((counterBytes[0] ?? 0) * 2 ** 24) + (((counterBytes[1] ?? 0) << 16) | ((counterBytes[2] ?? 0) << 8) | (counterBytes[3] ?? 0));
  if ((sc & SC_ENC) === 0) throw new DlmsError(`security control 0x${sc.toString(16)}: not encrypted, not supported`);
  const withTag = (sc & SC_AUTH) !== 0;
  const body = r.take(r.left);
  if (withTag && body.length < TAG_BYTES) throw new DlmsError('ciphered APDU shorter than its authentication tag');
  const ciphertext = withTag ? body.subarray(0, body.length - TAG_BYTES) : body;
  const iv = Buffer.concat([systemTitle, counterBytes]);
  const key = Buffer.from(keys.encryptionKey);
  const ak = keys.authenticationKey ?? null;
  if (withTag && ak !== null) {
    const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([Buffer.from([sc]), Buffer.from(ak)]));
    decipher.setAuthTag(Buffer.from(body.subarray(body.length - TAG_BYTES)));
    try {
      return { systemTitle, frameCounter, authenticated: true, plaintext: Buffer.concat([decipher.update(ciphertext), decipher.final()]) };
    } catch {
      throw new DlmsError('authentication tag mismatch: wrong key or damaged frame');
    }
  }
  const ctr = createDecipheriv('aes-128-ctr', key, Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]));
  return { systemTitle, frameCounter, authenticated: false, plaintext: Buffer.concat([ctr.update(ciphertext), ctr.final()]) };
}

/** The meter side (simulator, tests): plaintext -> 0xDB APDU with SC 0x30 (or 0x20 without authentication key). */
export function encipherGlo(plaintext: Uint8Array, keys: GloKeys, systemTitle: Uint8Array, frameCounter: number): Buffer {
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(frameCounter >>> 0);
  const iv = Buffer.concat([Buffer.from(systemTitle), counter]);
  const ak = keys.authenticationKey ?? null;
  const sc = ak === null ? SC_ENC : SC_ENC | SC_AUTH;
  let body: Buffer;
  if (ak !== null) {
    const cipher = createCipheriv('aes-128-gcm', Buffer.from(keys.encryptionKey), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.concat([Buffer.from([sc]), Buffer.from(ak)]));
    body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  } else {
    const ctr = createCipheriv('aes-128-ctr', Buffer.from(keys.encryptionKey), Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]));
    body = Buffer.concat([ctr.update(plaintext), ctr.final()]);
  }
  const length = 1 + 4 + body.length;
  const lengthBytes = length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, length >> 8, length & 0xff];
  return Buffer.concat([Buffer.from([0xdb, 0x08]), Buffer.from(systemTitle), Buffer.from(lengthBytes), Buffer.from([sc]), counter, body]);
}
