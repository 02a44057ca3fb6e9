/**
 * A minimal, correct PDF 1.4 file: catalog, page tree, the two standard
 * Helvetica fonts (WinAnsi + four Hungarian glyphs), one Flate-compressed
 * content stream per page, an info dictionary, a cross-reference table with
 * exact byte offsets and a trailer with a file id. No fonts are embedded (the
 * 14 standard fonts are in every viewer), which keeps a report a few KB.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { extraGlyphs } from './win-ansi.js';

export const pageSize = { width: 595.28, height: 841.89 } as const; // A4 in points

/** A PDF text string: UTF-16BE with its byte-order mark, as hex (any language, no escaping). */
function textString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function pdfDate(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-06-21T10:00:00.000Z
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

export interface PdfMeta {
  readonly title: string;
  readonly createdMs: number;
  readonly lang: string;
}

/** Builds the file from the pages' content streams (PDF operators, ASCII). */
export function buildPdf(pages: readonly string[], meta: PdfMeta): Buffer {
  const differences = `[${extraGlyphs.map(([code, , name]) => `${code} /${name}`).join(' ')}]`;
  const encoding = `<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences ${differences} >>`;
  // Object numbers: 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, then (page, content) pairs.
  const objects: (string | Buffer)[] = [];
  const pageRefs = pages.map((_, i) => `${6 + 2 * i} 0 R`);
  objects.push(`<< /Type /Catalog /Pages 2 0 R /Lang ${textString(meta.lang)} >>`);
  objects.push(`<< /Type /Pages /Kids [${pageRefs.join(' ')}] /Count ${pages.length} >>`);
  objects.push(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding ${encoding} >>`);
  objects.push(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding ${encoding} >>`);
  objects.push(`<< /Title ${textString(meta.title)} /Producer ${textString('SCALE Hub')} /CreationDate (${pdfDate(meta.createdMs)}) >>`);
  pages.forEach((content, i) => {
    const stream = deflateSync(Buffer.from(content, 'latin1'));
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageSize.width} ${pageSize.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${7 + 2 * i} 0 R >>`,
    );
    objects.push(Buffer.concat([Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream', 'latin1')]));
  });

  // %PDF header plus a comment of high bytes, so tools treat the file as binary.
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let offset = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(obj);
    offset += obj.length;
  });
  const xrefAt = offset;
  // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, CR LF.
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f\r\n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`)].join('');
  const id = createHash('md5').update(Buffer.concat(chunks)).digest('hex').toUpperCase();
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, 'latin1'));
  return Buffer.concat(chunks);
}
