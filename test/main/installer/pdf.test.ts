import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../../main/installer/pdf/helvetica-metrics.js';
import { buildPdf } from '../../../main/installer/pdf/pdf-file.js';
import { renderPdf, wrapText } from '../../../main/installer/pdf/report-pdf.js';
import { pdfLiteral, toWinAnsi } from '../../../main/installer/pdf/win-ansi.js';
import type { ReportData } from '../../../main/installer/commissioning-store.js';
import { buildReport } from '../../../main/installer/report/report-model.js';
import { renderHtml } from '../../../main/installer/report/report-html.js';
import { reportText } from '../../../main/installer/report/report-text.js';
import { reportLanguages } from '../../../main/common/installer.js';

/** Every object at the offset the cross-reference table gives, and the trailer's startxref at the table. */
function checkStructure(pdf: Buffer): number {
  const raw = pdf.toString('latin1');
  expect(raw.startsWith('%PDF-1.4\n')).toBe(true);
  expect(raw.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(raw)?.[1]);
  expect(raw.slice(startxref, startxref + 5)).toBe('xref\n');
  const count = Number(/^xref\n0 (\d+)\n/.exec(raw.slice(startxref))?.[1]);
  const table = raw.slice(startxref).split('\n').slice(2, 2 + count);
  expect(table[0]).toBe('0000000000 65535 f\r');
  for (let i = 1; i < count; i++) {
    const offset = Number(table[i]?.slice(0, 10));
    expect(table[i]).toMatch(/^\d{10} 00000 n\r$/);
    expect(raw.slice(offset, offset + `${i} 0 obj\n`.length)).toBe(`${i} 0 obj\n`);
  }
  // Every stream's /Length is its byte count.
  for (const m of raw.matchAll(/<< \/Length (\d+) \/Filter \/FlateDecode >>\nstream\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    expect(raw.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
  }
  return count - 1;
}

function drawnText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    const ops = inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    for (const s of ops.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)) out.push((s[1] ?? '').replace(/\\([0-7]{3}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e, 8)) : e)));
  }
  return out.join('\n');
}

const data: ReportData = {
  revision: 3,
  savedMs: Date.UTC(2026, 5, 21, 10, 0),
  configFile: '/var/lib/scale-hub/hub.json',
  hubVersion: '0.1.0',
  simulated: false,
  site: { phases: 3, fuseA: 35, voltageV: 230, exportLimitW: 0, timeZone: 'Europe/Budapest' },
  batteryCar: { reserveSocPct: 15, car: { mode: 'smart', capacityWh: 77_000, minChargeW: 1400, maxChargeW: 11_000, minSocPct: 30, targetSocPct: 80, readyBy: '07:30', v2h: true, v2g: false } },
  tariff: { preset: 'hu-gross', name: 'HU A1 gross settlement' },
  devices: [
    {
      role: 'grid',
      id: 'meter',
      type: 'p1-tcp',
      endpoint: '192.168.1.20:23',
      identity: { manufacturer: 'ISK', model: 'ISk5\\2MT382-1000', serial: 'E0043007052870318', version: '50' },
      probe: { state: 'ok', source: 'direct', readings: { powerW: 512, energyImportWh: 3_512_345, energyExportWh: 812_345, socPct: null, phases: null, chargerState: null, carConnected: null }, error: null },
    },
    { role: 'pv', id: 'inverter', type: 'sunspec-inverter', endpoint: '192.168.1.30:502 unit 126', identity: { manufacturer: 'SMA', model: 'STP 10.0', serial: '3005123456', version: '4.1' }, probe: { state: 'failed', source: 'direct', readings: null, error: { code: 'timeout' } } },
  ],
  signCheck: { state: 'passed', expectedW: 2000, thresholdW: 1500, baselineW: 450, currentW: 2600, deltaW: 2150, gridDeltaW: 2100, batteryDeltaW: 0, pvDeltaW: 50, remainingMs: null, error: null },
};

describe('the PDF writer', () => {
  it('writes a structurally valid PDF (offsets, lengths, trailer) for a blank page', () => {
    const pdf = buildPdf(['BT /F1 12 Tf 50 700 Td (Hello) Tj ET'], { title: 'Test', createdMs: 0, lang: 'en' });
    expect(checkStructure(pdf)).toBe(7);
    expect(drawnText(pdf)).toBe('Hello');
    expect(pdf.toString('latin1')).toContain('/CreationDate (D:19700101000000Z)');
  });

  it('encodes text as WinAnsi with the four Hungarian letters WinAnsi lacks, escaping what needs it', () => {
    expect(toWinAnsi('Aé€–')).toEqual([0x41, 0xe9, 0x80, 0x96]);
    expect(toWinAnsi('őűŐŰ')).toEqual([0x8d, 0x90, 0x81, 0x8f]);
    expect(toWinAnsi('1\u202f234\u2212')).toEqual([0x31, 0xa0, 0x32, 0x33, 0x34, 0x2d]);
    expect(toWinAnsi('☃')).toEqual([0x3f]);
    expect(pdfLiteral(toWinAnsi('a(b)c\\é'))).toBe('(a\\(b\\)c\\\\\\351)');
  });

  it('measures and wraps text with the Helvetica metrics', () => {
    expect(textWidth(toWinAnsi('Hello'), 10, false)).toBeCloseTo(22.78, 2);
    expect(textWidth(toWinAnsi('Hello'), 10, true)).toBeCloseTo(24.45, 2);
    const lines = wrapText('a fairly long line of words that cannot fit in a narrow column', 10, false, 80);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(textWidth(toWinAnsi(l), 10, false)).toBeLessThanOrEqual(80);
    expect(wrapText('/var/lib/scale-hub/a-very-long-path-without-spaces.json', 10, false, 60).join('')).toBe('/var/lib/scale-hub/a-very-long-path-without-spaces.json');
  });
});

describe('the commissioning report', () => {
  it('renders the site values into the PDF, in every language', () => {
    for (const lang of reportLanguages) {
      const pdf = renderPdf(buildReport(data, lang), data.savedMs);
      checkStructure(pdf);
      const text = drawnText(pdf);
      const t = reportText[lang];
      // The drawn bytes are WinAnsi (ő is 0x8D): compare in that encoding.
      const asDrawn = (x: string): string => String.fromCharCode(...toWinAnsi(x));
      expect(text).toContain(asDrawn(t.title));
      expect(text).toContain('35 A');
      expect(text).toContain('hu-gross');
      expect(text).toContain('E0043007052870318');
      expect(text).toContain(asDrawn(t.v2h));
    }
  });

  it('keeps Hungarian letters (ő, ű) as their own glyphs', () => {
    const raw = renderPdf(buildReport(data, 'hu'), data.savedMs).toString('latin1');
    expect(raw).toContain('/Differences [129 /Ohungarumlaut 141 /ohungarumlaut 143 /Uhungarumlaut 144 /uhungarumlaut]');
    // "jegyzőkönyv": ő is code 0x8D (octal 215).
    expect(drawnText(renderPdf(buildReport(data, 'hu'), data.savedMs))).toContain('jegyz\u008dkönyv');
  });

  it('renders an escaped printable HTML page of the same document', () => {
    const evil: ReportData = { ...data, configFile: '/tmp/<script>alert(1)</script>.json' };
    const html = renderHtml(buildReport(evil, 'de'));
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Inbetriebnahmeprotokoll');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('35 A');
  });
});
