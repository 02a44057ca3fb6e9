/**
 * The grid power a flexibility request is measured against: what the site
 * would have done without it, i.e. the plan in force when the request first
 * arrived (else the forecast net load). Kept per request, so that a plan that
 * already answers the request does not become its own baseline.
 */
import type { Plan } from '../../common/plan.js';

export class FlexBaselines {
  private readonly byRequest = new Map<string, Map<number, number>>();

  /** Baseline (W) of `requestId` for the slot starting at `startMs`. */
  baseline(requestId: string, startMs: number, plan: Plan | null, forecastNetW: number): number {
    let slots = this.byRequest.get(requestId);
    if (slots === undefined) {
      slots = new Map();
      this.byRequest.set(requestId, slots);
    }
    let w = slots.get(startMs);
    if (w === undefined) {
      w = plan?.slots.find((s) => s.startMs === startMs)?.gridW ?? forecastNetW;
      slots.set(startMs, w);
    }
    return w;
  }

  /** Forgets requests that are no longer active. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.byRequest.keys()) if (!ids.has(id)) this.byRequest.delete(id);
  }
}
