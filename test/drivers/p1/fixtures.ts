/** The real P1 captures in test/fixtures/p1 (see its README for sources and licences). */
import { readFileSync } from 'node:fs';
import { crc16Arc, formatCrc } from '../../../drivers/p1/crc16.js';

export const fixtureNames = ['nl-iskra-v3', 'nl-iskra-v5', 'be-fluvius-v171', 'se-landisgyr-e360'] as const;
export type FixtureName = (typeof fixtureNames)[number];

/** The fixture as a latin1 string: one character per byte, CRLFs intact. */
export function fixture(name: FixtureName): string {
  return readFileSync(new URL(`../../fixtures/p1/${name}.txt`, import.meta.url), 'latin1');
}

/** Re-signs an edited telegram: new CRC over '/' ... '!', CRLF after it. */
export function withValidCrc(telegram: string): string {
  const bang = telegram.indexOf('!');
  const body = telegram.slice(0, bang + 1);
  return `${body}${formatCrc(crc16Arc(body))}\r\n`;
}
