/**
 * Lays the report document out on A4 pages: wrapped text, key-value lists,
 * a ruled table whose header repeats after a page break, signature lines,
 * and "page n / m" footers. Text is measured with the Helvetica metrics.
 */
import type { ReportBlock, ReportDocument } from '../report/report-model.js';
import { textWidth } from './helvetica-metrics.js';
import { buildPdf, pageSize } from './pdf-file.js';
import { pdfLiteral, toWinAnsi } from './win-ansi.js';

const margin = 50;
const bodySize = 9.5;
const lineGap = 1.32;
const contentWidth = pageSize.width - 2 * margin;
const bottom = margin + 24;

const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

/** Splits text into lines no wider than maxWidth (words first, then characters for long tokens such as paths). */
export function wrapText(text: string, size: number, bold: boolean, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(toWinAnsi(candidate), size, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      let rest = word;
      while (textWidth(toWinAnsi(rest), size, bold) > maxWidth) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(toWinAnsi(rest.slice(0, cut)), size, bold) > maxWidth) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

class Pages {
  readonly pages: string[][] = [];
  y = 0;

  constructor() {
    this.newPage();
  }

  get ops(): string[] {
    return this.pages[this.pages.length - 1] ?? [];
  }

  newPage(): void {
    this.pages.push([]);
    this.y = pageSize.height - margin;
  }

  ensure(height: number): boolean {
    if (this.y - height >= bottom) return false;
    this.newPage();
    return true;
  }

  text(x: number, y: number, s: string, size: number, bold = false, grey = false): void {
    const colour = grey ? '0.35 g ' : '';
    this.ops.push(`BT ${colour}/${bold ? 'F2' : 'F1'} ${fmt(size)} Tf ${fmt(x)} ${fmt(y)} Td ${pdfLiteral(toWinAnsi(s))} Tj ET${grey ? ' 0 g' : ''}`);
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.5): void {
    this.ops.push(`${fmt(width)} w ${fmt(x1)} ${fmt(y1)} m ${fmt(x2)} ${fmt(y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number, fillGrey: number | null, stroke: boolean): void {
    const path = `${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re`;
    if (fillGrey !== null) this.ops.push(`${fillGrey} g ${path} f 0 g`);
    if (stroke) this.ops.push(`0.5 w 0.6 G ${path} S 0 G`);
  }
}

function pairs(p: Pages, rows: readonly (readonly [string, string])[]): void {
  const labelW = contentWidth * 0.42;
  const lh = bodySize * lineGap;
  for (const [label, value] of rows) {
    const left = wrapText(label, bodySize, false, labelW - 8);
    const right = wrapText(value, bodySize, true, contentWidth - labelW);
    const n = Math.max(left.length, right.length);
    p.ensure(n * lh + 3);
    left.forEach((l, i) => p.text(margin, p.y - bodySize - i * lh, l, bodySize, false, true));
    right.forEach((l, i) => p.text(margin + labelW, p.y - bodySize - i * lh, l, bodySize, true));
    p.y -= n * lh + 3;
  }
}

function table(p: Pages, b: Extract<ReportBlock, { kind: 'table' }>): void {
  const size = bodySize - 1;
  const lh = size * lineGap;
  const pad = 3;
  const widths = b.widths.map((f) => f * contentWidth);
  const drawRow = (cells: readonly string[], head: boolean): void => {
    const wrapped = cells.map((c, i) => wrapText(c, size, head, (widths[i] ?? 50) - 2 * pad));
    const h = Math.max(...wrapped.map((w) => w.length)) * lh + 2 * pad;
    if (p.ensure(h) && !head) drawRow(b.head, true);
    let x = margin;
    wrapped.forEach((lines, i) => {
      const w = widths[i] ?? 50;
      p.rect(x, p.y - h, w, h, head ? 0.9 : null, true);
      lines.forEach((l, j) => p.text(x + pad, p.y - pad - size - j * lh + 1.5, l, size, head));
      x += w;
    });
    p.y -= h;
  };
  drawRow(b.head, true);
  for (const row of b.rows) drawRow(row, false);
  p.y -= 4;
}

/** The report as PDF bytes. */
export function renderPdf(doc: ReportDocument, createdMs: number): Buffer {
  const p = new Pages();
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title':
        p.text(margin, p.y - 20, b.text, 20, true);
        p.text(margin, p.y - 38, b.subtitle, 10, false, true);
        p.line(margin, p.y - 46, margin + contentWidth, p.y - 46, 1);
        p.y -= 60;
        break;
      case 'heading':
        p.ensure(40);
        p.y -= 10;
        p.text(margin, p.y - 12, b.text, 12.5, true);
        p.line(margin, p.y - 16, margin + contentWidth, p.y - 16);
        p.y -= 24;
        break;
      case 'note': {
        const lines = wrapText(b.text, bodySize, true, contentWidth - 12);
        const h = lines.length * bodySize * lineGap + 8;
        p.ensure(h + 4);
        p.rect(margin, p.y - h, contentWidth, h, 0.93, false);
        lines.forEach((l, i) => p.text(margin + 6, p.y - 4 - bodySize - i * bodySize * lineGap, l, bodySize, true));
        p.y -= h + 6;
        break;
      }
      case 'pairs':
        pairs(p, b.rows);
        break;
      case 'table':
        table(p, b);
        break;
      case 'signatures': {
        p.ensure(70);
        const gap = 18;
        const w = (contentWidth - gap * (b.labels.length - 1)) / b.labels.length;
        b.labels.forEach((label, i) => {
          const x = margin + i * (w + gap);
          p.line(x, p.y - 46, x + w, p.y - 46, 0.8);
          p.text(x, p.y - 58, label, bodySize, false, true);
        });
        p.y -= 66;
        break;
      }
    }
  }
  const total = p.pages.length;
  const streams = p.pages.map((ops, i) => {
    const footer = `${doc.title} · ${i + 1} / ${total}`;
    const bytes = toWinAnsi(footer);
    const x = pageSize.width - margin - textWidth(bytes, 8, false);
    return [...ops, `BT 0.45 g /F1 8 Tf ${fmt(x)} ${fmt(margin - 10)} Td ${pdfLiteral(bytes)} Tj ET 0 g`].join('\n');
  });
  return buildPdf(streams, { title: doc.title, createdMs, lang: doc.lang });
}
