/**
 * Limits at the grid connection that utilities, grid operators and the
 * installer set, merged into the values the controller enforces every tick
 * and the optimiser plans with. The strictest active limit wins.
 */
export type LimitSource = 'config' | 'mqtt' | 'openadr' | 'dso-14a' | 'failsafe';

export interface GridLimitSignal {
  readonly id: string;
  readonly source: LimitSource;
  /** import: total import cap; export: total export cap; controllable: cap on the sum of car + battery charging (§14a EnWG). */
  readonly kind: 'import' | 'export' | 'controllable';
  readonly limitW: number;
  readonly startMs: number;
  /** null: until revoked. */
  readonly endMs: number | null;
  readonly issuer: string;
}

export interface ActiveLimits {
  /** Largest total import allowed now (W), null for none beyond the fuse. */
  readonly importLimitW: number | null;
  /** Largest total export allowed now (W), null for none. */
  readonly exportLimitW: number | null;
  /** Largest power the controllable devices together may draw (W), null for none. §14a: never below 4.2 kW. */
  readonly controllableLimitW: number | null;
  /** The signals in force, for display ("grid operator limit active until 19:00"). */
  readonly signals: readonly GridLimitSignal[];
}

export const noLimits: ActiveLimits = { importLimitW: null, exportLimitW: null, controllableLimitW: null, signals: [] };

/** §14a EnWG: a grid operator may dim controllable devices, never below this. */
export const minControllableLimitW = 4200;
