/**
 * CRC-16/ARC as DSMR 4 and 5 use it: reflected polynomial 0xA001 (0x8005),
 * initial value 0, no final XOR, over every byte from '/' up to and including
 * '!'. Written after the '!' as four upper-case hex digits.
 */

const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    table[n] = c;
  }
  return table;
}

/**
 * CRC of a byte sequence, or of a string taken one byte per character
 * (telegrams are ASCII; the framer decodes them as latin1 so that every byte
 * maps to exactly one character and back).
 */
export function crc16Arc(data: Uint8Array | string): number {
  let crc = 0;
  const n = data.length;
  if (typeof data === 'string') {
    for (let i = 0; i < n; i++) crc = (crc >>> 8) ^ (TABLE[(crc ^ data.charCodeAt(i)) & 0xff] ?? 0);
  } else {
    for (let i = 0; i < n; i++) crc = (crc >>> 8) ^ (TABLE[(crc ^ (data[i] ?? 0)) & 0xff] ?? 0);
  }
  return crc;
}

/** The four upper-case hex digits a meter writes after '!'. */
export function formatCrc(crc: number): string {
  return (crc & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}
