/**
 * The site's electrical limits, from config. The main fuse is per phase; a
 * symmetric three-phase device spreads its power evenly over the phases.
 */
export interface SiteLimits {
  readonly fuseA: number;
  readonly phases: 1 | 3;
  readonly voltageV: number;
  /** Largest export allowed at the connection (W), null for no cap. */
  readonly exportLimitW: number | null;
  /** Kept free below the fuse rating so measurement lag cannot trip it (A). */
  readonly fuseMarginA: number;
}

/** Total import the fuse allows when the load is balanced over the phases. */
export function fuseLimitW(limits: SiteLimits): number {
  return limits.fuseA * limits.voltageV * limits.phases;
}
