/**
 * One Trondheim user's charging sessions (arrival, departure, energy). The
 * energy charged in a session is taken as what the car used driving since
 * the previous one.
 */
import { join } from 'node:path';
import { column, readCsv } from './csv.js';

export const evFile = 'ev_sessions_trondheim_residential_2018-2020.csv';
/** The one full year in the data set. */
export const evYear = 2019;

export interface EvSession {
  readonly arrivalMs: number;
  readonly departureMs: number;
  readonly energyWh: number;
}

export function readEvSessions(dataDir: string, userId: string): EvSession[] {
  const csv = readCsv(join(dataDir, evFile));
  const user = column(csv, 'user_id', evFile);
  const arrival = column(csv, 'arrival_utc', evFile);
  const departure = column(csv, 'departure_utc', evFile);
  const energy = column(csv, 'energy_kwh', evFile);
  const out: EvSession[] = [];
  const users = new Set<string>();
  for (const row of csv.rows) {
    users.add(row[user] ?? '');
    if (row[user] !== userId) continue;
    const a = Date.parse(row[arrival] ?? '');
    const d = Date.parse(row[departure] ?? '');
    const e = Number.parseFloat(row[energy] ?? '');
    // 34 sessions have no plug-out time in the source: without a departure they cannot be simulated.
    if (!Number.isFinite(a) || !Number.isFinite(d) || d <= a || !Number.isFinite(e)) continue;
    out.push({ arrivalMs: a, departureMs: d, energyWh: Math.max(0, e) * 1000 });
  }
  if (out.length === 0) throw new Error(`--car-user ${userId}: no sessions for this user in ${evFile} (e.g. AsO2-1, AdO1-3, Bl2-3)`);
  return out.sort((x, y) => x.arrivalMs - y.arrivalMs);
}
