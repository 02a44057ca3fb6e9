/** The real HAN captures in test/fixtures/han (see its README for sources and licences). */
import { readFileSync } from 'node:fs';

export const hdlcFixtures = ['aidon-no-list1', 'kaifa-no-list1', 'kamstrup-3p-list1'] as const;
export const llcFixtures = ['aidon-no-list3', 'kaifa-no-list3', 'aidon-se-list'] as const;

/** A complete HDLC frame as on the line. */
export function hdlcFixture(name: (typeof hdlcFixtures)[number]): Buffer {
  return Buffer.from(readFileSync(new URL(`../../fixtures/han/${name}.hdlc.hex`, import.meta.url), 'latin1').replace(/\s+/g, ''), 'hex');
}

/** An HDLC information field only (LLC + APDU). */
export function llcFixture(name: (typeof llcFixtures)[number]): Buffer {
  return Buffer.from(readFileSync(new URL(`../../fixtures/han/${name}.llc.hex`, import.meta.url), 'latin1').replace(/\s+/g, ''), 'hex');
}
