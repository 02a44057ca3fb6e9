/**
 * What a strategy sees at the start of each quarter hour and what it asks
 * for. Commands are what a controller executes during the quarter hour: a
 * car power, or a rule that follows the real PV surplus; a battery idle, or
 * balancing the grid towards a target as main/control does (so the battery,
 * not the plan, absorbs forecast errors).
 */
import type { SimSession, SimYear } from '../data/sim-year.js';
import type { BenchSite } from '../site.js';
import type { ZoneTariff } from '../tariff.js';

export interface SimState {
  /** Quarter index into the SimYear arrays. */
  readonly i: number;
  readonly nowMs: number;
  readonly batteryWh: number;
  readonly carWh: number;
  /** The session the car is plugged in for, null when away. */
  readonly session: SimSession | null;
}

export type CarCommand =
  /** Hold this power (W, > 0 charge, < 0 discharge). */
  | { readonly kind: 'power'; readonly w: number }
  /** Charge with the PV surplus over the house when it reaches the charger's minimum (evcc's PV mode). */
  | { readonly kind: 'surplus' }
  /** Full power until the car holds `limitWh` (an uncontrolled charger; the car's own limit stops it). */
  | { readonly kind: 'full-until'; readonly limitWh: number };

export type BatteryCommand =
  | { readonly kind: 'idle' }
  /** Balance the grid towards gridW. coverCar false: never discharge into the car. */
  | { readonly kind: 'grid'; readonly gridW: number; readonly coverCar: boolean }
  /** Hold this battery power (W, > 0 discharge); the grid takes the deviations. */
  | { readonly kind: 'power'; readonly w: number }
  /** Follow a plan slot as main/control does (plan-grid-target.ts). */
  | { readonly kind: 'plan'; readonly gridW: number; readonly batteryW: number };

export interface Command {
  readonly car: CarCommand;
  readonly battery: BatteryCommand;
  /** PV cap (W), null for none. */
  readonly pvLimitW: number | null;
}

export interface StrategyContext {
  readonly year: SimYear;
  readonly site: BenchSite;
  readonly tariff: ZoneTariff;
}

export interface Strategy {
  readonly name: string;
  decide(state: SimState): Command;
  /** Wall-clock ms of each optimiser solve (model build + solve), for strategies that solve. */
  readonly solveMs?: readonly number[];
  /** Plans that ended without a proved optimum, by status. */
  readonly solveStatus?: Readonly<Record<string, number>>;
}
