/**
 * Everything one plan is computed from, as plain data: the slots of the
 * horizon with their prices, forecasts and limits, the home battery, the car
 * and its sessions, and the demand charges. The planner module assembles it
 * from the hub, the benchmark from recorded data; the model builder turns it
 * into a MILP. Units: W, Wh, hours, site currency per kWh.
 */
import type { DemandCharge, PeaksSoFar } from '../../common/tariff.js';

export interface ProblemSlot {
  /** Slot start, aligned to the quarter hour (UTC), epoch ms. */
  readonly startMs: number;
  readonly endMs: number;
  /** Hours still to plan in this slot: the first slot is only the rest of the current quarter. */
  readonly hours: number;
  readonly importPerKWh: number;
  readonly exportPerKWh: number;
  readonly priceEstimated: boolean;
  /** Forecast average PV production over the slot (W). */
  readonly pvW: number;
  /** Forecast average household load over the slot, without the car (W). */
  readonly loadW: number;
  /** Largest import (fuse, grid-operator cap), W; null for none. */
  readonly importLimitW: number | null;
  /** Largest export (installer or grid-operator cap), W; null for none. */
  readonly exportLimitW: number | null;
  /** §14a: largest grid draw of car plus battery charging, W; null for none. */
  readonly controllableLimitW: number | null;
  /** Local calendar day (days since 1970 in the site's zone), for daily peaks. */
  readonly localDay: number;
  /** True for slots in a later month than the first slot (demand charges restart). */
  readonly nextMonth: boolean;
}

export interface BatteryModel {
  readonly capacityWh: number;
  /** Energy stored now. */
  readonly socWh: number;
  /** The battery is not planned below this (backup reserve). */
  readonly reserveWh: number;
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  /** Wear cost per kWh discharged (AC side). */
  readonly wearPerKWh: number;
}

/** One plug-in period of the car inside the horizon. */
export interface CarSession {
  /** First slot the car is plugged in. */
  readonly startSlot: number;
  /** First slot after it left; may equal the number of slots (still plugged at the horizon end). */
  readonly endSlot: number;
  /** Energy used driving since the previous session, taken at arrival (Wh); 0 for the session in progress. */
  readonly tripWh: number;
  /** Energy wanted at departure (Wh); null for no target. */
  readonly targetWh: number | null;
  /** Departure, epoch ms; used when it lies beyond the horizon. Null: unknown. */
  readonly departureMs: number | null;
}

export type V2xMode = 'off' | 'v2h' | 'v2g';

export interface CarModel {
  readonly capacityWh: number;
  /** Energy in the car now (or at the start of the horizon). */
  readonly socWh: number;
  /** V2H/V2G never take the car below this. */
  readonly minWh: number;
  readonly maxChargeW: number;
  /** Smallest charging power the charger can hold (AC: 6 A per phase); 0 for none. */
  readonly minChargeW: number;
  readonly maxDischargeW: number;
  readonly minDischargeW: number;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  /** Wear cost per kWh discharged (V2H/V2G). */
  readonly wearPerKWh: number;
  readonly v2x: V2xMode;
  /** Sorted, not overlapping. */
  readonly sessions: readonly CarSession[];
}

export interface DemandModel {
  readonly charges: readonly DemandCharge[];
  /** This month so far; `dailyHourlyPeaksW` holds the days before today only. */
  readonly peaksSoFar: PeaksSoFar;
  /** Local day of the first slot. */
  readonly today: number;
  /** Highest hourly average import today so far (W). */
  readonly todayHourlyPeakW: number;
}

/**
 * A flexibility request the plan may answer (from an aggregator, main/signals):
 * moving the grid power away from the baseline, in the asked direction,
 * during [fromSlot, toSlot), earns `perKWh` for each kWh moved, up to powerW.
 */
export interface FlexOffer {
  readonly id: string;
  readonly fromSlot: number;
  readonly toSlot: number;
  /** down: import less / export more than the baseline; up: the opposite. */
  readonly direction: 'up' | 'down';
  readonly powerW: number;
  readonly perKWh: number;
  /** Per slot of [fromSlot, toSlot): the grid power the site would have without the request (W). */
  readonly baselineW: readonly number[];
}

export interface PlanProblem {
  readonly slots: readonly ProblemSlot[];
  /** null: the site has no controllable battery. */
  readonly battery: BatteryModel | null;
  /** null: no car charger. */
  readonly car: CarModel | null;
  readonly demand: DemandModel | null;
  /** PV can be capped (export caps, negative prices). */
  readonly pvCurtailable: boolean;
  /** Flexibility requests to weigh; empty for none. */
  readonly flex: readonly FlexOffer[];
  /** Value of energy left in the home battery / car at the horizon end (per kWh stored). */
  readonly terminalBatteryPerKWh: number;
  readonly terminalCarPerKWh: number;
}
