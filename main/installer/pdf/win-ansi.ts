/**
 * Text for the PDF's standard fonts (Helvetica, not embedded): Unicode to
 * single-byte codes of WinAnsiEncoding, plus four codes that WinAnsi leaves
 * free mapped (by the font's /Differences) to the Hungarian double-acute
 * letters ő ű Ő Ű, which the standard Latin glyph set has but WinAnsi lacks.
 * Anything else becomes "?" rather than a wrong letter.
 */

/** Codes 0x81, 0x8D, 0x8F, 0x90 are undefined in WinAnsi; the fonts' /Differences name their glyphs. */
export const extraGlyphs: readonly (readonly [number, string, string])[] = [
  [0x81, 'Ő', 'Ohungarumlaut'],
  [0x8d, 'ő', 'ohungarumlaut'],
  [0x8f, 'Ű', 'Uhungarumlaut'],
  [0x90, 'ű', 'uhungarumlaut'],
];

const special: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c,
  'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
  // Spaces and the minus sign Intl.NumberFormat uses in fr/nb/sv/hu.
  '\u202f': 0xa0, '\u2009': 0xa0, '\u2007': 0xa0, '\u2212': 0x2d, '\u2010': 0x2d, '\u2011': 0x2d,
};
for (const [code, ch] of extraGlyphs) (special as Record<string, number>)[ch] = code;

export function toWinAnsi(text: string): number[] {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) out.push(cp);
    else if (cp === 0x09) out.push(0x20);
    else out.push(special[ch] ?? 0x3f);
  }
  return out;
}

/** A PDF literal string of these bytes, ASCII only: ( ) \ escaped, bytes above 0x7E as octal. */
export function pdfLiteral(bytes: readonly number[]): string {
  let s = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return `${s})`;
}
