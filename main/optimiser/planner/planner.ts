/**
 * The planner: decides when to plan, plans in the solver thread, publishes.
 *
 * Re-plans every 15 minutes (just after the quarter hour, when a new slot
 * starts) and at once on events: car plugged in or out, its SoC becoming
 * known, new prices, new limits or flexibility requests, a change of the
 * user's settings, a large forecast deviation. Events close together make
 * one re-plan. One solve at a time; a request during a solve runs after it.
 *
 * A failed or timed-out solve never stalls the site: the last plan stays in
 * force while it still covers the next slots, else a rule-based fallback
 * plan is published (explain/fallback-plan.ts). The controller, not the
 * plan, enforces every safety limit.
 */
import type { Clock } from '../../common/clock.js';
import { describeError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import type { Plan } from '../../common/plan.js';
import type { SiteSnapshot } from '../../common/snapshot.js';
import { buildPlan } from '../explain/plan-builder.js';
import { fallbackPlan } from '../explain/fallback-plan.js';
import { slotMs } from '../model/timeline.js';
import type { PlanProblem } from '../model/problem.js';
import type { ProblemSolution, SolveLimits } from '../solver/solve-problem.js';
import { planInputs } from './problem-inputs.js';
import type { InputSources } from './problem-inputs.js';

export interface PlannerDeps {
  readonly clock: Clock;
  readonly log: Logger;
  readonly latest: () => SiteSnapshot | null;
  /** Inputs as they are now (settings, tariff, limits...), without the previous plan. */
  readonly sources: () => Omit<InputSources, 'previousPlan'>;
  readonly solve: (problem: PlanProblem, limits: SolveLimits) => Promise<ProblemSolution>;
  readonly publish: (plan: Plan) => void;
  readonly current: () => Plan | null;
  readonly timeZone: string;
  readonly limits: SolveLimits;
  readonly replanEveryMs: number;
}

/** Events within this much site time make one re-plan. */
const coalesceMs = 20_000;
/** The regular re-plan runs this long after the quarter hour starts (site ms). */
const afterQuarterMs = 5_000;

export interface PlannerStatus {
  readonly plans: number;
  readonly failures: number;
  readonly lastReason: string | null;
  readonly lastError: string | null;
}

export class Planner {
  private running = false;
  private pendingReason: string | null = null;
  private cancelTimers: (() => void)[] = [];
  private cancelEvent: (() => void) | null = null;
  private stopped = false;
  private status: PlannerStatus = { plans: 0, failures: 0, lastReason: null, lastError: null };
  /** Settles when the plan in progress (if any) is published; for tests and shutdown. */
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly d: PlannerDeps) {}

  start(): void {
    const now = this.d.clock.now();
    const untilNext = slotMs - (now % slotMs) + afterQuarterMs;
    this.cancelTimers.push(
      this.d.clock.after(untilNext, () => {
        this.request('regular re-plan');
        this.cancelTimers.push(this.d.clock.every(this.d.replanEveryMs, () => this.request('regular re-plan')));
      }),
    );
    this.request('start');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.cancelTimers.splice(0)) c();
    this.cancelEvent?.();
    await this.inFlight;
  }

  info(): PlannerStatus {
    return this.status;
  }

  /** Asks for a re-plan now (the regular one) or soon (events, coalesced). */
  request(reason: string, coalesce = false): void {
    if (this.stopped) return;
    if (!coalesce) {
      this.enqueue(reason);
      return;
    }
    if (this.cancelEvent !== null) return;
    this.cancelEvent = this.d.clock.after(coalesceMs, () => {
      this.cancelEvent = null;
      this.enqueue(reason);
    });
  }

  /** Resolves when no plan is being computed. */
  idle(): Promise<void> {
    return this.inFlight;
  }

  private enqueue(reason: string): void {
    if (this.running) {
      this.pendingReason ??= reason;
      return;
    }
    this.running = true;
    this.inFlight = this.loop(reason);
  }

  private async loop(first: string): Promise<void> {
    let reason: string | null = first;
    while (reason !== null && !this.stopped) {
      await this.planOnce(reason);
      reason = this.pendingReason;
      this.pendingReason = null;
    }
    this.running = false;
  }

  private async planOnce(reason: string): Promise<void> {
    const snap = this.d.latest();
    if (snap === null) return;
    const nowMs = this.d.clock.now();
    let problem: PlanProblem | null = null;
    let flags: readonly string[] = [];
    try {
      const inputs = planInputs({ ...this.d.sources(), previousPlan: this.d.current() }, snap, nowMs);
      problem = inputs.problem;
      flags = inputs.flags;
      const solution = await this.d.solve(inputs.problem, this.d.limits);
      if (solution.schedule === null) throw new Error(`no plan: ${solution.detail}`);
      const plan = buildPlan(inputs.problem, solution.schedule, {
        createdMs: nowMs,
        status: solution.status === 'optimal' ? 'optimal' : 'feasible',
        solveMs: solution.solveMs,
        currency: inputs.currency,
        timeZone: this.d.timeZone,
        flags: inputs.flags,
        carGoal: inputs.carGoal,
      });
      if (this.stopped) return;
      this.d.publish(plan);
      this.status = { ...this.status, plans: this.status.plans + 1, lastReason: reason, lastError: null };
      this.d.log.debug('plan published', { reason, status: plan.status, solveMs: plan.solveMs, slots: plan.slots.length, costEur: plan.costEur });
    } catch (err) {
      const why = describeError(err);
      this.status = { ...this.status, failures: this.status.failures + 1, lastReason: reason, lastError: why };
      this.d.log.warn('planning failed', { reason, error: why });
      if (this.stopped || problem === null) return;
      // The last plan keeps running while it covers the next two slots; after that the safe rules take over.
      const current = this.d.current();
      const covers = current !== null && current.slots.some((s) => s.startMs >= nowMs + slotMs);
      if (!covers || current.status === 'fallback') this.d.publish(fallbackPlan(problem, nowMs, why, flags));
    }
  }
}
