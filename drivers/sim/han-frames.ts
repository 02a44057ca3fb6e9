/**
 * The meter side of HAN: A-XDR encoding of push lists and HDLC framing with
 * HCS/FCS, as an Aidon meter sends them (OBIS structures with scaler and
 * unit). Used by the HAN simulator and by tests that need frames the real
 * captures do not have (errors, encryption, segmentation).
 */
import { crc16X25 } from '../han/crc16-x25.js';
import { DLMS_UNIT } from '../han/cosem-objects.js';

export type AxdrValue =
  | { readonly t: 'structure' | 'array'; readonly items: readonly AxdrValue[] }
  | { readonly t: 'u32' | 'i32' | 'u16' | 'i16' | 'i8' | 'enum'; readonly v: number }
  | { readonly t: 'octets' | 'string'; readonly v: Uint8Array | string };

export function encodeAxdr(d: AxdrValue): Buffer {
  switch (d.t) {
    case 'structure':
    case 'array':
      return Buffer.concat([Buffer.from([d.t === 'array' ? 0x01 : 0x02, d.items.length]), ...d.items.map(encodeAxdr)]);
    case 'u32': {
      const b = Buffer.alloc(5);
      b[0] = 0x06;
      b.writeUInt32BE(d.v >>> 0, 1);
      return b;
    }
    case 'i32': {
      const b = Buffer.alloc(5);
      b[0] = 0x05;
      b.writeInt32BE(d.v, 1);
      return b;
    }
    case 'u16': {
      const b = Buffer.alloc(3);
      b[0] = 0x12;
      b.writeUInt16BE(d.v, 1);
      return b;
    }
    case 'i16': {
      const b = Buffer.alloc(3);
      b[0] = 0x10;
      b.writeInt16BE(d.v, 1);
      return b;
    }
    case 'i8':
      return Buffer.from([0x0f, d.v & 0xff]);
    case 'enum':
      return Buffer.from([0x16, d.v]);
    case 'octets':
    case 'string': {
      const bytes = typeof d.v === 'string' ? Buffer.from(d.v, 'latin1') : Buffer.from(d.v);
      return Buffer.concat([Buffer.from([d.t === 'octets' ? 0x09 : 0x0a, bytes.length]), bytes]);
    }
  }
}

/** "1.0.1.7.0.255" -> 6 bytes. */
export function obis(code: string): Buffer {
  return Buffer.from(code.split('.').map(Number));
}

/** One Aidon-style list item: {OBIS, value, {scaler, unit}}. */
export function aidonItem(code: string, value: AxdrValue, scaler: number, unit: keyof typeof DLMS_UNIT): AxdrValue {
  return { t: 'structure', items: [{ t: 'octets', v: obis(code) }, value, { t: 'structure', items: [{ t: 'i8', v: scaler }, { t: 'enum', v: DLMS_UNIT[unit] }] }] };
}

/** A data-notification APDU (no date-time) carrying `body`. */
export function dataNotification(body: AxdrValue, invokeId = 0x40000000): Buffer {
  const head = Buffer.alloc(6);
  head[0] = 0x0f;
  head.writeUInt32BE(invokeId >>> 0, 1);
  head[5] = 0x00;
  return Buffer.concat([head, encodeAxdr(body)]);
}

/** LLC header + APDU, as in the HDLC information field. */
export function llc(apdu: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([0xe6, 0xe7, 0x00]), apdu]);
}

/**
 * HDLC frame(s) with flags: format type 3, client 0x41, server 0x0883
 * (as Aidon), control 0x13 (UI). Information longer than `maxInfo` is split
 * into segments with the segmentation bit set on all but the last.
 */
export function hdlcFrames(info: Uint8Array, maxInfo = 1000): Buffer[] {
  const frames: Buffer[] = [];
  for (let at = 0; at < info.length || frames.length === 0; at += maxInfo) {
    const part = info.subarray(at, at + maxInfo);
    const last = at + maxInfo >= info.length;
    const header = Buffer.from([0, 0, 0x41, 0x08, 0x83, 0x13]);
    const length = header.length + 2 + part.length + 2;
    header[0] = 0xa0 | (last ? 0 : 0x08) | ((length >> 8) & 0x07);
    header[1] = length & 0xff;
    const hcs = crc16X25(header);
    const body = Buffer.concat([header, Buffer.from([hcs & 0xff, hcs >> 8]), part]);
    const fcs = crc16X25(body);
    frames.push(Buffer.concat([Buffer.from([0x7e]), body, Buffer.from([fcs & 0xff, fcs >> 8, 0x7e])]));
  }
  return frames;
}
