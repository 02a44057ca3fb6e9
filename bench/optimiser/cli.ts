/**
 * The optimiser benchmark on real data (see bench/README.md):
 *   npm run bench:optimiser -- --zone NL --car-user AsO2-1 --strategies none,self-consumption,greedy,mpc,perfect --data ../shared/data --json out.json [--days N]
 * Each strategy runs in its own worker thread, at most --workers at a time.
 */
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { workerStart } from '../../main/optimiser/solver/worker-url.js';
import { parseArgs } from './args.js';
import type { BenchArgs, StrategyName } from './args.js';
import { formatTable, makeReport } from './report.js';
import type { StrategyResult } from './sim/run.js';
import type { WorkerInput } from './worker.js';

type WorkerMessage = { type: 'progress'; share: number } | { type: 'result'; result: StrategyResult } | { type: 'error'; message: string };

/** The long runs first, so that two cores stay busy to the end. */
const order: readonly StrategyName[] = ['mpc', 'perfect', 'greedy', 'self-consumption', 'none'];

function runInWorker(args: BenchArgs, name: StrategyName): Promise<StrategyResult> {
  return new Promise((resolve, reject) => {
    const input: WorkerInput = { args, name };
    const start = workerStart(import.meta.url, 'worker', input);
    const worker = new Worker(start.url, start.options);
    let lastShown = -1;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        const pct = Math.floor(m.share * 100);
        if (pct >= lastShown + 10) {
          lastShown = pct;
          process.stderr.write(`${name}: ${pct} %\n`);
        }
      } else if (m.type === 'result') {
        process.stderr.write(`${name}: done in ${(m.result.runMs / 1000).toFixed(0)} s\n`);
        resolve(m.result);
      } else reject(new Error(`${name}: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${name}: worker exited with code ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const queue = order.filter((n) => args.strategies.includes(n));
  const results = new Map<StrategyName, StrategyResult>();
  const runners = Array.from({ length: Math.min(args.workers, queue.length) }, async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.set(name, await runInWorker(args, name));
  });
  await Promise.all(runners);
  const report = makeReport(args.strategies.map((n) => results.get(n)).filter((r): r is StrategyResult => r !== undefined));
  process.stdout.write(`${formatTable(report)}\n`);
  if (args.jsonPath !== null) writeFileSync(args.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
