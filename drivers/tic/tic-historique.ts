/**
 * The historique mode (1200 baud, older contracts): apparent power PAPP in
 * VA, per-phase current IINSTn, the index registers of the contract (BASE,
 * HC/HP, EJP, Tempo's six registers) and the running tariff period PTEC.
 *
 * This mode has no injection registers (producers must be switched to the
 * standard mode by Enedis), so export is reported as 0, and there is no
 * voltage. Power is apparent power (VA): the TIC has no active power.
 */
import type { TempoColour } from '../api.js';
import type { MeterPhase, MeterReading } from '../p1/meter-reading.js';
import type { TicGroup } from './tic-groups.js';
import { ticNumber } from './tic-values.js';

/** Import index registers of every historique contract, Wh. */
const INDEXES = ['BASE', 'HCHC', 'HCHP', 'EJPHN', 'EJPHPM', 'BBRHCJB', 'BBRHPJB', 'BBRHCJW', 'BBRHPJW', 'BBRHCJR', 'BBRHPJR'];
const DEMAIN: Readonly<Record<string, TempoColour>> = { BLEU: 'blue', BLAN: 'white', ROUG: 'red' };
const TODAY: Readonly<Record<string, TempoColour>> = { JB: 'blue', JW: 'white', JR: 'red' };

export function historiqueReading(groups: ReadonlyMap<string, TicGroup>): { ok: true; reading: MeterReading } | { ok: false; error: string } {
  const num = (label: string): number | null | 'bad' => {
    const g = groups.get(label);
    if (g === undefined) return null;
    return ticNumber(g.data) ?? 'bad';
  };
  const bad = [...INDEXES, 'PAPP', 'IINST', 'IINST1', 'IINST2', 'IINST3'].find((l) => num(l) === 'bad');
  if (bad !== undefined) return { ok: false, error: `${bad}: not a number: ${JSON.stringify(groups.get(bad)?.data)}` };
  const n = (label: string): number | null => {
    const v = num(label);
    return v === 'bad' ? null : v;
  };
  const papp = n('PAPP');
  if (papp === null) return { ok: false, error: 'historique frame without PAPP' };
  const indexes = INDEXES.map(n).filter((v): v is number => v !== null);
  const ptec = groups.get('PTEC')?.data.replace(/\.+$/, '') ?? null;
  const threePhase = groups.has('IINST1');
  const phase = (currentA: number | null): MeterPhase => ({ voltageV: null, currentA, powerImportW: null, powerExportW: null });
  return {
    ok: true,
    reading: {
      meterId: groups.get('ADCO')?.data ?? null,
      timestampMs: null,
      powerImportW: papp,
      powerExportW: 0,
      energyImportWh: indexes.length === 0 ? null : indexes.reduce((a, b) => a + b, 0),
      energyExportWh: null,
      phases: threePhase ? [phase(n('IINST1')), phase(n('IINST2')), phase(n('IINST3'))] : [phase(n('IINST'))],
      tariff: {
        tariffIndicator: ptec,
        capacity15MinAverageW: null,
        monthPeakW: null,
        monthPeakTs: null,
        tempoToday: ptec === null ? null : (TODAY[ptec.slice(2, 4)] ?? null),
        tempoTomorrow: DEMAIN[groups.get('DEMAIN')?.data ?? ''] ?? null,
      },
    },
  };
}
