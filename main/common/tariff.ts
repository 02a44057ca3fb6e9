/**
 * What the optimiser reads from the tariff model: per 15-minute slot, the
 * price of importing and the compensation for exporting (site currency per
 * kWh, all taxes included, as the household pays), plus the demand charges
 * that bill peaks rather than energy. main/tariffs builds it from presets,
 * day-ahead prices and utility signals.
 */
export type Currency = 'EUR' | 'NOK' | 'SEK' | 'HUF';

export type PriceSource = 'dayahead' | 'fixed' | 'time-of-use' | 'utility' | 'forecast' | 'fallback';

export interface PriceSlot {
  /** Slot start, epoch ms, aligned to the quarter hour (UTC). */
  readonly startMs: number;
  readonly endMs: number;
  readonly importPerKWh: number;
  readonly exportPerKWh: number;
  /** Where the price comes from; 'forecast' and 'fallback' are estimates, shown as such. */
  readonly source: PriceSource;
  /** Marginal greenhouse-gas intensity of grid energy (g CO2e/kWh) when a utility sends it (OpenADR GHG); for display only. */
  readonly ghgGPerKWh?: number;
}

/** Charges on peaks, as Belgian, Norwegian and Swedish grid tariffs bill them. */
export type DemandCharge =
  /** The month's highest average import over `intervalMin` (BE: 15 min, with a 2.5 kW floor). */
  | {
      readonly kind: 'monthly-peak';
      readonly intervalMin: 15 | 60;
      readonly perKWPerMonth: number;
      readonly floorW: number;
      /**
       * BE: the bill uses the mean of the last 12 monthly peaks, so one more kW
       * this month costs perKWPerMonth once, spread over the next 12 bills.
       */
      readonly meanOfLastMonths?: number;
    }
  /** Mean of the three highest hourly peaks on different days of the month (SE: Göteborg Energi). */
  | { readonly kind: 'top3-daily-peaks'; readonly perKWPerMonth: number }
  /** A monthly fee by step of the mean of the three highest daily hourly peaks (NO: "kapasitetsledd"). */
  | { readonly kind: 'capacity-steps'; readonly stepUpperW: readonly number[]; readonly perMonth: readonly number[] };

export interface TariffSchedule {
  readonly currency: Currency;
  /** Contiguous slots from now to the end of known (or forecast) prices. */
  readonly slots: readonly PriceSlot[];
  readonly demandCharges: readonly DemandCharge[];
  /** Human-readable name of the active tariff, e.g. "NL dynamic (day-ahead + markup, EB, 21 % VAT)". */
  readonly name: string;
}

/** Peaks already reached this month, so the optimiser does not pay twice for one. */
export interface PeaksSoFar {
  /** Highest 15-min and hourly average import this month (W). */
  readonly month15MinPeakW: number;
  readonly monthHourlyPeakW: number;
  /** Highest hourly average import of each day of the month so far (W), one per day. */
  readonly dailyHourlyPeaksW: readonly number[];
}
