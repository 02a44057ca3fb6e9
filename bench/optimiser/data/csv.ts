/** The shared data files are plain comma-separated text without quoting. */
import { readFileSync } from 'node:fs';

export interface Csv {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function readCsv(path: string): Csv {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  return { header, rows: lines.slice(1).map((l) => l.split(',')) };
}

export function column(csv: Csv, name: string, file: string): number {
  const i = csv.header.indexOf(name);
  if (i < 0) throw new Error(`${file}: no column "${name}" (columns: ${csv.header.join(', ')})`);
  return i;
}
