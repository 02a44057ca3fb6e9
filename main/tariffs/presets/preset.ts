/**
 * A tariff preset: one country's (or grid operator's) rules turned into
 * per-slot prices for the optimiser and a bill for a month of metered
 * quarters. Presets are data-driven by their parameters (config), so a new
 * year's rates are a config change, not a code change.
 */
import type { Bill, TariffPresetInfo } from '../../common/bill.js';
import type { DemandCharge } from '../../common/tariff.js';
import type { TempoColour } from '../../common/tariff-inputs.js';
import type { LocalParts } from '../local-calendar.js';

export interface SlotContext {
  readonly startMs: number;
  readonly endMs: number;
  readonly local: LocalParts;
  /** Day-ahead energy price (site currency/kWh, no VAT or taxes), null when unknown. */
  readonly energyPerKWh: number | null;
  /** FR Tempo: the colour of the Tempo day this slot belongs to (06:00-06:00), null when unknown. */
  readonly tempo: TempoColour | null;
  /** HU tiers: grid import so far this calendar month (Wh). */
  readonly importedWhThisMonth: number;
}

export interface SlotPrice {
  readonly importPerKWh: number;
  readonly exportPerKWh: number;
}

/** Metered energy of one 15-minute slot at the grid connection. */
export interface MeterInterval {
  readonly startMs: number;
  readonly endMs: number;
  readonly importWh: number;
  readonly exportWh: number;
  /** DE §14a module 2: energy of the separately metered controllable devices (part of importWh). */
  readonly controllableWh?: number;
}

export interface BillInput {
  /** [fromMs, toMs): one local calendar month, or part of it. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly intervals: readonly MeterInterval[];
  /** Day-ahead energy price of a slot (null: unknown; dynamic presets then refuse to bill). */
  energyPerKWh(slotStartMs: number): number | null;
  /** FR Tempo colour by local date "YYYY-MM-DD". */
  tempoColour(date: string): TempoColour | null;
  /** BE: the previous monthly peaks (W), most recent last, at most 11 used. */
  readonly previousMonthPeaksW?: readonly number[];
}

export interface TariffPreset {
  readonly info: TariffPresetInfo;
  /** True when prices follow the day-ahead market (a schedule needs day-ahead prices). */
  readonly dynamic: boolean;
  /** True when a non-dynamic price changes with the time of day or the day (HP/HC, Tempo, §14a module 3). */
  readonly timeOfUse?: boolean;
  readonly usesTempo: boolean;
  readonly usesMonthImport: boolean;
  readonly demandCharges: readonly DemandCharge[];
  /** Null when the slot cannot be priced (dynamic tariff without a day-ahead price). */
  slotPrice(slot: SlotContext): SlotPrice | null;
  bill(input: BillInput): Bill;
  /** Grid limits the tariff itself imposes (HU no-export areas): export cap in W, null for none. */
  readonly exportLimitW: number | null;
}
