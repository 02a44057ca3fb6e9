/** The meter side of TIC: groups with their checksums, framed by STX/ETX (tests and the simulator). */
import { ticChecksum } from '../tic/tic-groups.js';

/** A standard-mode group: label HT [horodate HT] data HT checksum. */
export function standardGroup(label: string, data: string, horodate?: string): string {
  const body = horodate === undefined ? `${label}\t${data}\t` : `${label}\t${horodate}\t${data}\t`;
  return `\n${body}${String.fromCharCode(ticChecksum(body, 0, body.length))}\r`;
}

/** A historique-mode group: label SP data SP checksum (the last SP not summed). */
export function historiqueGroup(label: string, data: string): string {
  const body = `${label} ${data}`;
  return `\n${body} ${String.fromCharCode(ticChecksum(body, 0, body.length))}\r`;
}

export function ticFrame(groups: readonly string[]): Buffer {
  return Buffer.from(`\x02${groups.join('')}\x03`, 'latin1');
}
