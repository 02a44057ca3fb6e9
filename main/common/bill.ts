/**
 * A bill computed by the tariff model: the preset's rules applied to metered
 * 15-minute energies. GET /api/tariff shows the current month so far; the
 * tests check each preset against a hand-computed month.
 */
import type { Currency, TariffSchedule } from './tariff.js';

export interface BillLine {
  readonly label: string;
  /** Site currency; > 0 is owed by the household, < 0 is a credit. */
  readonly amount: number;
  /** What the amount is computed from, e.g. 412.5 "kWh" or 3.2 "kW". */
  readonly quantity?: number;
  readonly unit?: string;
}

export interface Bill {
  readonly currency: Currency;
  readonly fromMs: number;
  readonly toMs: number;
  readonly lines: readonly BillLine[];
  /** Sum of the lines, rounded to the currency's smallest unit. */
  readonly total: number;
}

export interface TariffPresetInfo {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly currency: Currency;
  /** Where the rules and default values come from. */
  readonly sources: readonly { readonly title: string; readonly url: string }[];
}

/** GET /api/tariff. */
export interface TariffView {
  readonly preset: TariffPresetInfo | null;
  readonly schedule: TariffSchedule | null;
  /** The current month so far, from the history; null without a preset or history. */
  readonly monthToDate: Bill | null;
}
