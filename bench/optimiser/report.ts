/**
 * The benchmark's answer: per strategy cost, savings against `none`, share
 * of `perfect`'s savings, self-sufficiency, peak import, departures, and
 * throughput; and the solve times of `mpc`. The JSON keeps the issue's keys
 * and adds the energy figures after them.
 *
 * costEur is the bill plus the energy the strategy took out of (or left in)
 * the battery and the car over the span, valued at the span's mean import
 * price: otherwise a strategy could look better by ending with empty
 * batteries. billEur is the bill alone.
 */
import type { StrategyResult } from './sim/run.js';

export interface StrategyReport {
  readonly costEur: number;
  readonly billEur: number;
  readonly savingsEur: number | null;
  readonly shareOfPerfect: number | null;
  readonly selfSufficiency: number;
  readonly peakImportW: number;
  readonly departuresMet: number;
  readonly departures: number;
  readonly departuresPossible: number;
  readonly departuresMissedPossible: number;
  readonly missed: StrategyResult['missed'];
  readonly importKWh: number;
  readonly exportKWh: number;
  readonly curtailedKWh: number;
  readonly batteryThroughputKWh: number;
  readonly carChargeKWh: number;
  readonly carDischargeKWh: number;
  readonly carExternalKWh: number;
  readonly storedEndMinusStartKWh: number;
}

export interface SolveTimes {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly count: number;
  readonly mean: number;
  readonly statuses: Readonly<Record<string, number>>;
}

export interface BenchReport {
  readonly strategies: Readonly<Record<string, StrategyReport>>;
  readonly solveMs: SolveTimes | null;
}

export function makeReport(results: readonly StrategyResult[]): BenchReport {
  const byName = new Map(results.map((r) => [r.name, r]));
  const cost = (r: StrategyResult): number => r.billEur + ((r.storedStartWh - r.storedEndWh) / 1000) * r.meanImportPerKWh;
  const none = byName.get('none');
  const perfect = byName.get('perfect');
  const perfectSavings = none !== undefined && perfect !== undefined ? cost(none) - cost(perfect) : null;
  const strategies: Record<string, StrategyReport> = {};
  for (const r of results) {
    const savings = none === undefined ? null : cost(none) - cost(r);
    strategies[r.name] = {
      costEur: round(cost(r), 2),
      billEur: round(r.billEur, 2),
      savingsEur: savings === null ? null : round(savings, 2),
      shareOfPerfect: savings === null || perfectSavings === null || perfectSavings === 0 ? null : round(savings / perfectSavings, 4),
      selfSufficiency: round(1 - r.importKWh / Math.max(1e-9, r.homeKWh + r.carChargeKWh), 4),
      peakImportW: Math.round(r.peakImportW),
      departuresMet: r.departuresMet,
      departures: r.departures,
      departuresPossible: r.departuresPossible,
      departuresMissedPossible: r.departuresMissedPossible,
      missed: r.missed,
      importKWh: round(r.importKWh, 1),
      exportKWh: round(r.exportKWh, 1),
      curtailedKWh: round(r.curtailedKWh, 1),
      batteryThroughputKWh: round(r.batteryDischargeKWh, 1),
      carChargeKWh: round(r.carChargeKWh, 1),
      carDischargeKWh: round(r.carDischargeKWh, 1),
      carExternalKWh: round(r.carExternalKWh, 1),
      storedEndMinusStartKWh: round((r.storedEndWh - r.storedStartWh) / 1000, 1),
    };
  }
  const mpc = byName.get('mpc');
  return { strategies, solveMs: mpc === undefined || mpc.solveMs.length === 0 ? null : solveTimes(mpc) };
}

function solveTimes(r: StrategyResult): SolveTimes {
  const sorted = [...r.solveMs].sort((a, b) => a - b);
  const q = (f: number): number => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] ?? 0;
  return {
    p50: round(q(0.5), 1),
    p99: round(q(0.99), 1),
    max: round(sorted[sorted.length - 1] ?? 0, 1),
    count: sorted.length,
    mean: round(sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length), 1),
    statuses: r.solveStatus,
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function formatTable(report: BenchReport): string {
  const head = ['strategy', 'cost EUR', 'savings EUR', 'of perfect', 'self-suff.', 'peak kW', 'departures met', 'battery kWh out', 'car kWh in / out'];
  const rows = Object.entries(report.strategies).map(([name, s]) => [
    name,
    s.costEur.toFixed(2),
    s.savingsEur === null ? '-' : s.savingsEur.toFixed(2),
    s.shareOfPerfect === null ? '-' : `${(s.shareOfPerfect * 100).toFixed(1)} %`,
    `${(s.selfSufficiency * 100).toFixed(1)} %`,
    (s.peakImportW / 1000).toFixed(1),
    `${s.departuresMet}/${s.departures} (possible ${s.departuresPossible})`,
    s.batteryThroughputKWh.toFixed(0),
    `${s.carChargeKWh.toFixed(0)} / ${s.carDischargeKWh.toFixed(0)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  for (const [name, s] of Object.entries(report.strategies)) {
    if (s.missed.length > 0) out.push('', `${name} missed: ${s.missed.map((m) => `${m.departure} (${m.shortKWh} kWh short)`).join(', ')}`);
  }
  const t = report.solveMs;
  if (t !== null) out.push('', `mpc solve time (model build + solve, ${t.count} plans): p50 ${t.p50} ms, p99 ${t.p99} ms, max ${t.max} ms, mean ${t.mean} ms; ${JSON.stringify(t.statuses)}`);
  return out.join('\n');
}
