/**
 * The standard mode (9600 baud, every Linky since 2021 and every producer):
 * apparent power drawn (SINSTS) and injected (SINSTI) in VA, per-phase
 * voltage URMSn, current IRMSn and apparent power SINSTSn, total energy drawn
 * EAST and injected EAIT in Wh, the tariff period LTARF and, in the status
 * word STGE, Tempo's colour of today (bits 24-25) and tomorrow (bits 26-27).
 * Power is apparent power (VA): the TIC has no instantaneous active power.
 */
import type { MeterPhase, MeterReading } from '../p1/meter-reading.js';
import type { TicGroup } from './tic-groups.js';
import { tempoFromCode, ticHorodate, ticNumber } from './tic-values.js';

const NUMERIC = ['EAST', 'EAIT', 'SINSTS', 'SINSTI', 'IRMS1', 'IRMS2', 'IRMS3', 'URMS1', 'URMS2', 'URMS3', 'SINSTS1', 'SINSTS2', 'SINSTS3'];

export function standardReading(groups: ReadonlyMap<string, TicGroup>): { ok: true; reading: MeterReading } | { ok: false; error: string } {
  const bad = NUMERIC.find((l) => groups.has(l) && ticNumber(groups.get(l)?.data) === null);
  if (bad !== undefined) return { ok: false, error: `${bad}: not a number: ${JSON.stringify(groups.get(bad)?.data)}` };
  const n = (label: string): number | null => ticNumber(groups.get(label)?.data);
  const sinsts = n('SINSTS');
  if (sinsts === null) return { ok: false, error: 'standard frame without SINSTS' };
  const producer = groups.has('EAIT') || groups.has('SINSTI');
  const phases: MeterPhase[] = [];
  for (const i of [1, 2, 3]) {
    if (!groups.has(`URMS${i}`) && !groups.has(`IRMS${i}`)) break;
    phases.push({ voltageV: n(`URMS${i}`), currentA: n(`IRMS${i}`), powerImportW: n(`SINSTS${i}`), powerExportW: null });
  }
  let tempoToday = null;
  let tempoTomorrow = null;
  const stge = groups.get('STGE')?.data;
  if (stge !== undefined) {
    if (!/^[0-9A-Fa-f]{8}$/.test(stge)) return { ok: false, error: `STGE: not 8 hex digits: ${JSON.stringify(stge)}` };
    const word = parseInt(stge, 16);
    tempoToday = tempoFromCode((word >>> 24) & 3);
    tempoTomorrow = tempoFromCode((word >>> 26) & 3);
  }
  const ltarf = groups.get('LTARF')?.data.trim();
  return {
    ok: true,
    reading: {
      meterId: groups.get('ADSC')?.data ?? null,
      timestampMs: ticHorodate(groups.get('DATE')?.horodate ?? null),
      powerImportW: sinsts,
      // A consumer-only meter sends no injection groups: it cannot inject.
      powerExportW: producer ? (n('SINSTI') ?? null) : 0,
      energyImportWh: n('EAST'),
      energyExportWh: producer ? n('EAIT') : null,
      phases,
      tariff: {
        tariffIndicator: ltarf === undefined || ltarf === '' ? null : ltarf,
        capacity15MinAverageW: null,
        monthPeakW: null,
        monthPeakTs: null,
        tempoToday,
        tempoTomorrow,
      },
    },
  };
}
