/**
 * The optimiser's plan: per 15-minute slot, what the site should do and why.
 * The controller follows the current slot; the UI's plan screen shows it.
 * Powers use the snapshot's signs.
 */
export interface PlanSlot {
  readonly startMs: number;
  readonly endMs: number;
  readonly importPerKWh: number;
  readonly exportPerKWh: number;
  /** True when the price is an estimate (beyond known prices). */
  readonly priceEstimated: boolean;
  readonly pvForecastW: number;
  readonly loadForecastW: number;
  readonly gridW: number;
  readonly batteryW: number;
  /** > 0 charging the car, < 0 V2H/V2G. */
  readonly carW: number;
  /** null: no curtailment planned. */
  readonly pvLimitW: number | null;
  /** At the end of the slot. */
  readonly batterySocPct: number;
  readonly carSocPct: number | null;
  readonly carPluggedIn: boolean;
  readonly costEur: number;
  /** Short reason, e.g. "discharging car to cover evening peak at 0.38 EUR/kWh". */
  readonly reason: string;
}

export type PlanStatus = 'optimal' | 'feasible' | 'fallback';

export interface Plan {
  readonly createdMs: number;
  readonly status: PlanStatus;
  readonly solveMs: number;
  readonly slots: readonly PlanSlot[];
  /** Total planned cost over the horizon (site currency). */
  readonly costEur: number;
  /** Problems the user should know, e.g. "car target 80 % by 07:30 not reachable: 71 % planned". */
  readonly flags: readonly string[];
  /** One sentence for the home screen. */
  readonly summary: string;
}
