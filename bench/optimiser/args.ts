/** Command line of the optimiser benchmark; a bad option stops it with the expected form. */
import { zones } from './data/prices.js';
import type { Zone } from './data/prices.js';

export const strategyNames = ['none', 'self-consumption', 'greedy', 'mpc', 'perfect'] as const;
export type StrategyName = (typeof strategyNames)[number];

export interface BenchArgs {
  readonly zone: Zone;
  readonly carUser: string;
  readonly strategies: readonly StrategyName[];
  readonly dataDir: string;
  readonly jsonPath: string | null;
  readonly days: number | null;
  /** UTC ms of the first simulated day, null: a year before the prices end. */
  readonly startMs: number | null;
  readonly workers: number;
  readonly horizonH: number;
  /** mpc diagnostics: inputs the plans know perfectly instead of forecasting. */
  readonly oracle: readonly string[];
}

export const usage =
  'usage: npm run bench:optimiser -- --zone NL --car-user AsO2-1 [--strategies none,self-consumption,greedy,mpc,perfect] [--data ../shared/data] [--json out.json] [--days N] [--start YYYY-MM-DD] [--workers 2] [--horizon 48] [--oracle prices,pv,load,sessions]';

export function parseArgs(argv: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!;
    if (!key.startsWith('--')) throw new Error(`unexpected argument "${key}"\n${usage}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${key}: expected a value\n${usage}`);
    values.set(key.slice(2), value);
    i++;
  }
  const known = new Set(['zone', 'car-user', 'strategies', 'data', 'json', 'days', 'start', 'workers', 'horizon', 'oracle']);
  for (const k of values.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}\n${usage}`);
  const zone = values.get('zone') ?? 'NL';
  if (!(zones as readonly string[]).includes(zone)) throw new Error(`--zone: expected one of ${zones.join(', ')}, got "${zone}"`);
  const carUser = values.get('car-user');
  if (carUser === undefined) throw new Error(`--car-user: required (a user_id of the EV sessions file, e.g. AsO2-1)\n${usage}`);
  const strategies = (values.get('strategies') ?? strategyNames.join(',')).split(',').map((s) => s.trim());
  for (const s of strategies) if (!(strategyNames as readonly string[]).includes(s)) throw new Error(`--strategies: unknown "${s}" (expected ${strategyNames.join(', ')})`);
  const num = (key: string, min: number, max: number): number | null => {
    const v = values.get(key);
    if (v === undefined) return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${key}: expected a number from ${min} to ${max}, got "${v}"`);
    return n;
  };
  const oracle = (values.get('oracle') ?? '').split(',').filter((s) => s !== '');
  for (const o of oracle) if (!['prices', 'pv', 'load', 'sessions'].includes(o)) throw new Error(`--oracle: unknown "${o}" (expected prices, pv, load, sessions)`);
  const start = values.get('start');
  const startMs = start === undefined ? null : Date.parse(`${start}T00:00:00Z`);
  if (startMs !== null && !Number.isFinite(startMs)) throw new Error(`--start: expected YYYY-MM-DD, got "${start}"`);
  return {
    zone: zone as Zone,
    carUser,
    strategies: strategies as StrategyName[],
    dataDir: values.get('data') ?? '../shared/data',
    jsonPath: values.get('json') ?? null,
    days: num('days', 1, 366),
    startMs,
    workers: num('workers', 1, 16) ?? 2,
    horizonH: num('horizon', 4, 96) ?? 48,
    oracle,
  };
}
