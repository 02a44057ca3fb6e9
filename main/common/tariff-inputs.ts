/**
 * What utilities and meters tell the tariff model besides the preset: price
 * curves pushed over MQTT or OpenADR, and the French Tempo day colours. The
 * signals module (or a meter driver) writes them into one holder; the tariff
 * module turns them, with the preset, into the TariffSchedule.
 */
import type { Currency } from './tariff.js';

/** FR, EDF Tempo: blue days are cheap, white dearer, red (22 a year, winter weekdays) dearest. */
export type TempoColour = 'blue' | 'white' | 'red';

export interface UtilityPriceSlot {
  readonly startMs: number;
  readonly endMs: number;
  /** null: the curve says nothing about import (e.g. an OpenADR event with EXPORT_PRICE only). */
  readonly importPerKWh: number | null;
  /** null: the curve says nothing about export; the preset's export price stays. */
  readonly exportPerKWh: number | null;
  /** g CO2e/kWh, for display (OpenADR GHG). */
  readonly ghgGPerKWh?: number;
}

export interface UtilityPriceCurve {
  /** "<issuer>/<message or event id>", unique per curve. */
  readonly id: string;
  readonly issuer: string;
  readonly source: 'mqtt' | 'openadr';
  /**
   * all-in: what the household pays per kWh, taxes included; it replaces the
   * preset's price for the slots it covers. energy: the energy (day-ahead)
   * component only; the preset adds its taxes and grid fees.
   */
  readonly basis: 'all-in' | 'energy';
  readonly currency: Currency;
  readonly slots: readonly UtilityPriceSlot[];
  readonly receivedMs: number;
}

export interface TariffInputs {
  /** Newest last: where curves overlap, the later one wins. */
  readonly utilityCurves: readonly UtilityPriceCurve[];
  /** Tempo colours by local date "YYYY-MM-DD" (the Tempo day runs 06:00 to 06:00). */
  readonly tempoColours: Readonly<Record<string, TempoColour>>;
}

export const noTariffInputs: TariffInputs = { utilityCurves: [], tempoColours: {} };
