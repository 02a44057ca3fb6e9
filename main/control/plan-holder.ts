/**
 * The latest valid plan, and the slot in force now. The optimiser sets it;
 * the controller reads the current slot each tick. A plan that no longer
 * covers now is ignored (the controller then falls back to its rules).
 */
import type { Plan, PlanSlot } from '../common/plan.js';

export class PlanHolder {
  private plan: Plan | null = null;
  private readonly listeners = new Set<(plan: Plan) => void>();

  set(plan: Plan): void {
    this.plan = plan;
    for (const l of this.listeners) l(plan);
  }

  current(): Plan | null {
    return this.plan;
  }

  slotAt(nowMs: number): PlanSlot | null {
    return this.plan?.slots.find((s) => s.startMs <= nowMs && nowMs < s.endMs) ?? null;
  }

  onChange(listener: (plan: Plan) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
