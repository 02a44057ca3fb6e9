/**
 * CRC-16/X-25 (reflected polynomial 0x8408, initial 0xFFFF, final XOR
 * 0xFFFF): the HCS and FCS of DLMS HDLC frames (IEC 62056-46) and the
 * checksum of SML files (SML 1.04). Both send it low byte first.
 */

const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
    table[n] = c;
  }
  return table;
}

/** CRC of bytes [start, end) of data. */
export function crc16X25(data: Uint8Array, start = 0, end = data.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ (TABLE[(crc ^ (data[i] ?? 0)) & 0xff] ?? 0);
  return (crc ^ 0xffff) & 0xffff;
}

/** The two bytes as sent on the line, low byte first, read back as a number. */
export function readCrcLe(data: Uint8Array, at: number): number {
  return (data[at] ?? 0) | ((data[at + 1] ?? 0) << 8);
}

export function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
