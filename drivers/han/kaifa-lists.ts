/**
 * Kaifa (NO/SE) push lists carry values without OBIS codes; the number of
 * items says which list it is (Kaifa "HAN interface" description, as read by
 * amshan): list 1 is active import power alone; list 2 adds identification,
 * reactive power, currents (mA) and voltages (0.1 V); list 3 adds the clock
 * and the four energy registers (Wh). Single-phase meters send one current
 * and one voltage.
 */
import type { DlmsData } from './axdr.js';
import type { HanValues } from './cosem-list.js';
import type { HanField } from './cosem-objects.js';

type Slot = { readonly field: HanField; readonly scaler: number } | 'listId' | 'meterId' | 'type' | 'clock' | 'skip';

const P = (field: HanField, scaler = 0): Slot => ({ field, scaler });
const head: readonly Slot[] = ['listId', 'meterId', 'type', P('powerImportW'), P('powerExportW'), 'skip', 'skip'];
const energies: readonly Slot[] = ['clock', P('energyImportWh'), P('energyExportWh'), 'skip', 'skip'];
const onePhase: readonly Slot[] = [P('l1.currentA', -3), P('l1.voltageV', -1)];
const threePhase: readonly Slot[] = [P('l1.currentA', -3), P('l2.currentA', -3), P('l3.currentA', -3), P('l1.voltageV', -1), P('l2.voltageV', -1), P('l3.voltageV', -1)];

const LAYOUTS: Readonly<Record<number, readonly Slot[]>> = {
  1: [P('powerImportW')],
  9: [...head, ...onePhase],
  13: [...head, ...threePhase],
  14: [...head, ...onePhase, ...energies],
  18: [...head, ...threePhase, ...energies],
};

export function kaifaList(items: readonly DlmsData[]): { ok: true; value: HanValues } | { ok: false; error: string } {
  const layout = LAYOUTS[items.length];
  if (layout === undefined) return { ok: false, error: `list of ${items.length} values without OBIS codes: not a known Kaifa list` };
  const numbers: Partial<Record<HanField, number>> = {};
  let meterId: string | null = null;
  let listId: string | null = null;
  let clock: Uint8Array | null = null;
  for (let i = 0; i < layout.length; i++) {
    const slot = layout[i];
    const item = items[i];
    if (slot === undefined || item === undefined || slot === 'skip' || slot === 'type') continue;
    if (slot === 'listId' || slot === 'meterId') {
      // Kaifa sends its texts as octet-strings of ASCII.
      if (item.type !== 'string' && item.type !== 'octets') return { ok: false, error: `Kaifa list item ${i + 1}: expected text, got ${item.type}` };
      const text = item.type === 'string' ? item.value : Buffer.from(item.value).toString('latin1');
      if (slot === 'listId') listId = text;
      else meterId = text;
    } else if (slot === 'clock') {
      if (item.type !== 'octets' || item.value.length !== 12) return { ok: false, error: `Kaifa list item ${i + 1}: expected a date-time` };
      clock = item.value;
    } else {
      if (item.type !== 'int') return { ok: false, error: `Kaifa list item ${i + 1}: expected a number, got ${item.type}` };
      numbers[slot.field] = slot.scaler < 0 ? item.value / 10 ** -slot.scaler : item.value;
    }
  }
  return { ok: true, value: { numbers, meterId, clock, listId, unknown: [] } };
}
