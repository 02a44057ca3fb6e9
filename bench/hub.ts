/**
 * Hub benchmark: runs the built hub on the simulated home in real time (speed
 * 1, as on a real site) for --minutes, then prints the tick latency (p50/p99),
 * the reading-to-setpoint latency, the hub's RSS, and the UI bundle size
 * (gzipped). Usage: npm run bench:hub -- [--minutes 10]
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { HubDiagnostics } from '../main/common/api.js';

const minutesArg = process.argv.indexOf('--minutes');
const minutes = minutesArg >= 0 ? Number(process.argv[minutesArg + 1]) : 10;
if (!(minutes > 0)) throw new Error('--minutes: expected a positive number');

function bundleSizes(dir: string): { rawBytes: number; gzipBytes: number } {
  let rawBytes = 0;
  let gzipBytes = 0;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css|html)$/.test(name)) {
        const data = readFileSync(p);
        rawBytes += data.length;
        gzipBytes += gzipSync(data, { level: 9 }).length;
      }
    }
  };
  walk(dir);
  return { rawBytes, gzipBytes };
}

async function main(): Promise<void> {
  const hub = spawn(process.execPath, ['dist/main/hub/cli.js', '--headless', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'bench-hub-'))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    hub.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /SCALE Hub UI: (\S+)/.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    hub.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
  });
  process.stderr.write(`hub at ${url}; measuring for ${minutes} min\n`);
  await new Promise((r) => setTimeout(r, minutes * 60_000));
  const diag = (await (await fetch(new URL('/api/diagnostics', url))).json()) as HubDiagnostics;
  hub.kill('SIGTERM');
  const ui = bundleSizes('dist/renderer');
  const result = {
    minutes,
    tickMs: diag.tickMs,
    readingToSetpointAckMs: diag.setpointMs,
    hubRssMiB: Math.round((diag.rssBytes / 1024 / 1024) * 10) / 10,
    uiBundle: { rawKiB: Math.round(ui.rawBytes / 102.4) / 10, gzipKiB: Math.round(ui.gzipBytes / 102.4) / 10 },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
