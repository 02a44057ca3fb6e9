/**
 * "Large forecast deviation": PV or home load far from what the plan's
 * current slot expected, for several minutes on end (a passing cloud or the
 * kettle should not re-plan; an afternoon that turned grey should). The
 * battery absorbs small deviations anyway; this only asks for a fresh plan.
 */
import type { PlanSlot } from '../../common/plan.js';
import type { SiteSnapshot } from '../../common/snapshot.js';

/** Deviations below this (W) do not count, whatever the share. */
const minDeviationW = 1000;
/** ...nor below this share of the forecast. */
const minShare = 0.5;
/** How long it must last (site ms). */
const holdMs = 5 * 60_000;

export class DeviationWatch {
  private since: number | null = null;

  /** True once, when the deviation has held long enough; then it starts over. */
  update(snap: SiteSnapshot, slot: PlanSlot | null): boolean {
    if (slot === null || snap.pv.powerW === null || snap.home.powerW === null) {
      this.since = null;
      return false;
    }
    const big = (actual: number, forecast: number): boolean => Math.abs(actual - forecast) > Math.max(minDeviationW, minShare * forecast);
    if (!big(snap.pv.powerW, slot.pvForecastW) && !big(snap.home.powerW, slot.loadForecastW)) {
      this.since = null;
      return false;
    }
    this.since ??= snap.ts;
    if (snap.ts - this.since < holdMs) return false;
    this.since = null;
    return true;
  }
}
