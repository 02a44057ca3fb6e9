/**
 * The user's wishes for the car, set on the car screen: how to charge, when it
 * must be ready, and whether and how far it may power the home (V2H) or export
 * to the grid (V2G).
 */
export const carModes = ['off', 'solar', 'smart', 'fast'] as const;
/**
 * off: never charge or discharge. solar: PV surplus only. smart: follow the
 * optimiser's plan (cheapest energy, ready by the departure time, V2H/V2G
 * where allowed). fast: full power now, fuse permitting.
 */
export type CarMode = (typeof carModes)[number];

export interface CarSettings {
  readonly mode: CarMode;
  /** V2H/V2G never drain the car below this. */
  readonly minSocPct: number;
  /** Wanted state of charge at the departure time. */
  readonly targetSocPct: number;
  /** Daily departure, local time "HH:MM", or null for none. */
  readonly readyBy: string | null;
  /** The car may power the home (never exporting its energy). */
  readonly v2h: boolean;
  /** The car may export to the grid when it pays. */
  readonly v2g: boolean;
}

export const defaultCarSettings: CarSettings = { mode: 'smart', minSocPct: 30, targetSocPct: 80, readyBy: '07:30', v2h: false, v2g: false };

/** "HH:MM", 00:00-23:59. */
export const readyByPattern = /^([01]\d|2[0-3]):[0-5]\d$/;
