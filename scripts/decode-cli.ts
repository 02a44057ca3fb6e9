/** The decode tool's command line, apart from the process (tests run it in-process). */
import { readFileSync } from 'node:fs';
import { decodeCapture, protocols } from './decode-capture.js';
import type { Protocol } from './decode-capture.js';

const USAGE = 'usage: npm run decode -- --protocol <p1|han|tic|sml> [--key HEX] [--auth-key HEX] FILE|-';

export interface DecodeIo {
  out(line: string): void;
  err(line: string): void;
  /** FILE's bytes; "-" is stdin. */
  read(file: string): Buffer;
}

export const processIo: DecodeIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  read: (file) => readFileSync(file === '-' ? 0 : file),
};

/** Runs the tool; returns the exit code. */
export function runDecode(argv: readonly string[], io: DecodeIo = processIo): number {
  const usage = (problem: string): number => {
    io.err(`decode: ${problem}`);
    io.err(USAGE);
    return 2;
  };
  let protocol: string | null = null;
  let key: string | undefined;
  let authKey: string | undefined;
  let file: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--protocol' || a === '-p') protocol = argv[++i] ?? null;
    else if (a === '--key') key = argv[++i];
    else if (a === '--auth-key') authKey = argv[++i];
    else if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith('--')) return usage(`unknown option ${a}`);
    else if (file === null) file = a;
    else return usage(`more than one FILE: ${a}`);
  }
  if (protocol === null || !(protocols as readonly string[]).includes(protocol)) return usage(`--protocol must be one of ${protocols.join(', ')}`);
  if (file === null) return usage('FILE missing (use - for stdin)');
  for (const [name, value] of [
    ['--key', key],
    ['--auth-key', authKey],
  ] as const) {
    if (value !== undefined && !/^[0-9A-Fa-f]{32}$/.test(value)) return usage(`${name} must be 32 hex digits`);
  }
  let input: Buffer;
  try {
    input = io.read(file);
  } catch (err) {
    io.err(`decode: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const results = decodeCapture(protocol as Protocol, input, { key, authKey });
  for (const r of results) io.out(JSON.stringify(r));
  return results.some((r) => r.valid) ? 0 : 1;
}
