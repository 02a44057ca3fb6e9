/** The printable report page: plain HTML with print CSS, everything escaped, no script. */
import type { ReportDocument } from './report-model.js';

const escapeMap: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapeMap[c] ?? c);

const css = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font: 11pt/1.4 Helvetica, Arial, sans-serif; color: #111; margin: 24px auto; max-width: 800px; }
  h1 { font-size: 20pt; margin: 0; } .sub { color: #444; margin: 2px 0 16px; }
  h2 { font-size: 13pt; border-bottom: 1px solid #999; padding-bottom: 2px; margin: 20px 0 6px; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 4px 6px; }
  table.grid th, table.grid td { border: 1px solid #bbb; font-size: 9.5pt; } table.grid th { background: #eee; }
  table.pairs td:first-child { width: 42%; color: #333; }
  .note { background: #fff4d6; padding: 6px 8px; border-left: 4px solid #e0a800; }
  .sign { display: flex; gap: 24px; margin-top: 28px; } .sign div { flex: 1; border-top: 1px solid #111; padding-top: 4px; }
  @media print { body { margin: 0; max-width: none; } }
`;

export function renderHtml(doc: ReportDocument): string {
  const body = doc.blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `<h1>${escapeHtml(b.text)}</h1><p class="sub">${escapeHtml(b.subtitle)}</p>`;
        case 'heading':
          return `<h2>${escapeHtml(b.text)}</h2>`;
        case 'note':
          return `<p class="note">${escapeHtml(b.text)}</p>`;
        case 'pairs':
          return `<table class="pairs">${b.rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
        case 'table':
          return `<table class="grid"><thead><tr>${b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
        case 'signatures':
          return `<div class="sign">${b.labels.map((l) => `<div>${escapeHtml(l)}</div>`).join('')}</div>`;
      }
    })
    .join('\n');
  return `<!doctype html>\n<html lang="${doc.lang}"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>${css}</style></head><body>\n${body}\n</body></html>\n`;
}
