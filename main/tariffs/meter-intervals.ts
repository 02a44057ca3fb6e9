/** The hub's 1-minute history folded into the 15-minute metering intervals bills are computed on. */
import type { HistoryRow } from '../common/api.js';
import type { MeterInterval } from './presets/preset.js';
import { slotMs, slotStart } from './slots.js';

export function intervalsFromHistory(rows: readonly HistoryRow[]): MeterInterval[] {
  const bySlot = new Map<number, { importWh: number; exportWh: number; controllableWh: number }>();
  for (const r of rows) {
    const t = slotStart(r.ts);
    const acc = bySlot.get(t) ?? { importWh: 0, exportWh: 0, controllableWh: 0 };
    acc.importWh += r.gridImportWh;
    acc.exportWh += r.gridExportWh;
    // §14a module 2 meters the controllable devices apart; the car's charging is the part the hub sees.
    acc.controllableWh += r.carChargeWh;
    bySlot.set(t, acc);
  }
  return [...bySlot.entries()].sort((a, b) => a[0] - b[0]).map(([startMs, v]) => ({ startMs, endMs: startMs + slotMs, ...v }));
}
