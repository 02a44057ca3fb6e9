/** Builds a month of 15-minute meter intervals from a rule, for the hand-computed bills. */
import { localMonthRange, localParts } from '../../../main/tariffs/local-calendar.js';
import type { LocalParts } from '../../../main/tariffs/local-calendar.js';
import type { BillInput, MeterInterval } from '../../../main/tariffs/presets/preset.js';

export type Rule = (l: LocalParts, startMs: number) => { importWh: number; exportWh?: number; controllableWh?: number };

export function monthIntervals(isoInMonth: string, timeZone: string, rule: Rule): { fromMs: number; toMs: number; intervals: MeterInterval[] } {
  const { fromMs, toMs } = localMonthRange(Date.parse(isoInMonth), timeZone);
  const intervals: MeterInterval[] = [];
  for (let t = fromMs; t < toMs; t += 900_000) {
    const r = rule(localParts(t, timeZone), t);
    intervals.push({ startMs: t, endMs: t + 900_000, importWh: r.importWh, exportWh: r.exportWh ?? 0, ...(r.controllableWh !== undefined ? { controllableWh: r.controllableWh } : {}) });
  }
  return { fromMs, toMs, intervals };
}

export function billInput(m: { fromMs: number; toMs: number; intervals: MeterInterval[] }, extra: Partial<BillInput> = {}): BillInput {
  return { ...m, energyPerKWh: () => null, tempoColour: () => null, ...extra };
}

export const hour = (l: LocalParts): number => Math.floor(l.minuteOfDay / 60);
