/**
 * Builds the TariffSchedule the optimiser reads: per 15-minute slot from now,
 * the energy price (day-ahead, a utility's energy curve, else a forecast from
 * the same slot a day or a week earlier, else the configured fallback), the
 * preset's taxes and fees on top, and a utility's all-in curve over all of
 * it. Each slot says where its price comes from, so estimates show as such.
 */
import type { PriceSlot, PriceSource, TariffSchedule } from '../common/tariff.js';
import type { TariffInputs, TempoColour, UtilityPriceSlot } from '../common/tariff-inputs.js';
import type { DayAheadSeries } from './day-ahead-series.js';
import { localParts } from './local-calendar.js';
import type { TariffPreset } from './presets/preset.js';
import { dayMs, hourMs, slotMs, slotStart } from './slots.js';
import { forecastTempo, tempoDay } from './tempo.js';

export interface ScheduleInputs {
  readonly nowMs: number;
  readonly preset: TariffPreset | null;
  readonly timeZone: string;
  readonly horizonH: number;
  readonly series: DayAheadSeries;
  readonly inputs: TariffInputs;
  readonly fallbackPerKWh: number;
  readonly importedWhThisMonth: number;
  /** Tempo colours the meter reports (TIC), by Tempo day; utility-sent colours win over them. */
  readonly meterTempo: Readonly<Record<string, TempoColour>>;
}

/** The slot of the newest curve covering `t`, or undefined. */
function curveSlot(inputs: TariffInputs, basis: 'all-in' | 'energy', t: number): UtilityPriceSlot | undefined {
  for (let c = inputs.utilityCurves.length - 1; c >= 0; c--) {
    const curve = inputs.utilityCurves[c];
    if (curve === undefined || curve.basis !== basis) continue;
    const s = curve.slots.find((x) => x.startMs <= t && t < x.endMs);
    if (s !== undefined) return s;
  }
  return undefined;
}

function utilityEndMs(inputs: TariffInputs): number | null {
  let end: number | null = null;
  for (const c of inputs.utilityCurves) for (const s of c.slots) end = Math.max(end ?? 0, s.endMs);
  return end;
}

export function buildSchedule(i: ScheduleInputs): TariffSchedule | null {
  const startMs = slotStart(i.nowMs);
  const maxEndMs = startMs + i.horizonH * hourMs;
  const preset = i.preset;
  if (preset === null) return utilityOnly(i, startMs, maxEndMs);

  let endMs = maxEndMs;
  if (preset.dynamic) {
    const known = Math.max(i.series.lastKnownEndMs() ?? 0, utilityEndMs(i.inputs) ?? 0);
    // Up to the last known price, and at least a day ahead (forecast) so the optimiser always sees tonight.
    endMs = Math.min(maxEndMs, Math.max(known, startMs + dayMs));
  }
  const slots: PriceSlot[] = [];
  for (let t = startMs; t < endMs; t += slotMs) {
    const local = localParts(t, i.timeZone);
    let energy: number | null = null;
    let source: PriceSource = preset.timeOfUse === true ? 'time-of-use' : 'fixed';
    if (preset.dynamic) {
      const utility = curveSlot(i.inputs, 'energy', t);
      const known = i.series.at(t);
      const earlier = i.series.at(t - dayMs) ?? i.series.at(t - 7 * dayMs);
      if (utility?.importPerKWh != null) [energy, source] = [utility.importPerKWh, 'utility'];
      else if (known !== null) [energy, source] = [known.perKWh, known.source];
      else if (earlier !== null) [energy, source] = [earlier.perKWh, 'forecast'];
      else [energy, source] = [i.fallbackPerKWh, 'fallback'];
    }
    let tempo: TempoColour | null = null;
    if (preset.usesTempo) {
      const day = tempoDay(t, i.timeZone);
      tempo = i.inputs.tempoColours[day] ?? i.meterTempo[day] ?? null;
      if (tempo === null) {
        tempo = forecastTempo(day);
        source = 'forecast';
      }
    }
    const price = preset.slotPrice({ startMs: t, endMs: t + slotMs, local, energyPerKWh: energy, tempo, importedWhThisMonth: i.importedWhThisMonth });
    if (price === null) break; // cannot happen with a fallback energy price; a gap would break "contiguous"
    let { importPerKWh, exportPerKWh } = price;
    const allIn = curveSlot(i.inputs, 'all-in', t);
    if (allIn !== undefined && (allIn.importPerKWh !== null || allIn.exportPerKWh !== null)) {
      importPerKWh = allIn.importPerKWh ?? importPerKWh;
      exportPerKWh = allIn.exportPerKWh ?? exportPerKWh;
      source = 'utility';
    }
    const ghg = (allIn ?? curveSlot(i.inputs, 'energy', t))?.ghgGPerKWh;
    slots.push({ startMs: t, endMs: t + slotMs, importPerKWh: round6(importPerKWh), exportPerKWh: round6(exportPerKWh), source, ...(ghg === undefined ? {} : { ghgGPerKWh: ghg }) });
  }
  return { currency: preset.info.currency, slots, demandCharges: preset.demandCharges, name: preset.info.name };
}

/** No preset: a utility's all-in curve alone makes a schedule over the slots it covers. */
function utilityOnly(i: ScheduleInputs, startMs: number, maxEndMs: number): TariffSchedule | null {
  const curves = i.inputs.utilityCurves.filter((c) => c.basis === 'all-in');
  const latest = curves.at(-1);
  if (latest === undefined) return null;
  const slots: PriceSlot[] = [];
  for (let t = startMs; t < maxEndMs; t += slotMs) {
    const s = curveSlot(i.inputs, 'all-in', t);
    if (s?.importPerKWh == null) break;
    slots.push({ startMs: t, endMs: t + slotMs, importPerKWh: s.importPerKWh, exportPerKWh: s.exportPerKWh ?? 0, source: 'utility', ...(s.ghgGPerKWh === undefined ? {} : { ghgGPerKWh: s.ghgGPerKWh }) });
  }
  return slots.length === 0 ? null : { currency: latest.currency, slots, demandCharges: [], name: `Utility prices (${latest.issuer})` };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6 + 0;
}
