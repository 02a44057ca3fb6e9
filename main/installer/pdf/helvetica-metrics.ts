/**
 * Advance widths (1/1000 em) of Helvetica and Helvetica-Bold from Adobe's
 * Core 14 AFM files, for the WinAnsi codes the report uses: ASCII exactly;
 * accented letters take their base letter's width (as in the AFMs); the
 * few other symbols are listed. Used only for layout (wrapping, columns):
 * the viewer draws the glyphs with its own metrics.
 */
import { extraGlyphs } from './win-ansi.js';

// 0x20..0x7E
const regularAscii = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const boldAscii = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** Latin-1 letters -> the ASCII letter whose width they share. */
const base = 'AAAAAAÆCEEEEIIIIDNOOOOO×OUUUUYÞßaaaaaaæceeeeiiiidnooooo÷ouuuuyþy';
const own: Readonly<Record<number, readonly [number, number]>> = {
  0xa0: [278, 278], 0xa7: [556, 556], 0xa9: [737, 737], 0xab: [556, 556], 0xae: [737, 737], 0xb0: [400, 400], 0xb1: [584, 584], 0xb5: [556, 611],
  0xb7: [278, 278], 0xbb: [556, 556], 0xc6: [1000, 1000], 0xd7: [584, 584], 0xd8: [778, 778], 0xde: [667, 667], 0xdf: [611, 611], 0xe6: [889, 889],
  0xf7: [584, 584], 0xf8: [611, 611], 0xfe: [556, 611], 0xd0: [722, 722], 0xf0: [556, 611],
  0x80: [556, 556], 0x85: [1000, 1000], 0x8b: [333, 333], 0x9b: [333, 333], 0x91: [222, 278], 0x92: [222, 278], 0x93: [333, 500], 0x94: [333, 500],
  0x95: [350, 350], 0x96: [556, 556], 0x97: [1000, 1000], 0x8a: [667, 667], 0x9a: [500, 556], 0x8e: [611, 611], 0x9e: [500, 500], 0x99: [1000, 1000],
};

function widthTable(ascii: readonly number[], bold: boolean): number[] {
  const table = new Array<number>(256).fill(bold ? 611 : 556);
  ascii.forEach((w, i) => (table[0x20 + i] = w));
  const asciiWidth = (ch: string): number => ascii[(ch.codePointAt(0) ?? 0x20) - 0x20] ?? 556;
  [...base].forEach((ch, i) => {
    if (ch >= 'A' && ch <= 'z') table[0xc0 + i] = asciiWidth(ch);
  });
  for (const [code, [r, b]] of Object.entries(own)) table[Number(code)] = bold ? b : r;
  for (const [code, ch] of extraGlyphs) table[code] = asciiWidth(ch.normalize('NFD')[0] ?? 'o');
  return table;
}

export const helveticaWidths = { regular: widthTable(regularAscii, false), bold: widthTable(boldAscii, true) } as const;

/** Width of WinAnsi bytes at a font size, in points. */
export function textWidth(bytes: readonly number[], size: number, bold: boolean): number {
  const table = bold ? helveticaWidths.bold : helveticaWidths.regular;
  let units = 0;
  for (const b of bytes) units += table[b] ?? 556;
  return (units * size) / 1000;
}
