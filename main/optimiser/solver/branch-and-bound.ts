/**
 * Branch-and-bound over column bounds, on one persistent LP.
 *
 * HiGHS solves every node's LP; between nodes only a few bounds change, so
 * its dual simplex restarts from the previous basis and needs a handful of
 * iterations. Branching is on the model's own disjunctions (a car charging
 * below its minimum: off, or at least the minimum), which are few, instead of
 * one binary per slot: on this model that is far faster than a general MIP
 * solver's root processing (see main/optimiser/README.md for measurements).
 *
 * Search: first a dive that moves every broken rule to its preferred side
 * at once (a good plan within a few LP solves), then depth-first
 * branch-and-bound on one rule at a time, pruned by the LP bound, until the
 * gap is closed or a node / time budget runs out.
 */
import type { BoundChange, Disjunction } from '../model/disjunctions.js';

export interface LpRun {
  readonly status: 'optimal' | 'infeasible' | 'failed';
  readonly objective: number;
  readonly x: Float64Array | null;
}

/** A persistent LP whose column bounds can change between runs. */
export interface LpSession {
  setColBounds(col: number, lower: number, upper: number): void;
  run(): LpRun;
}

export interface BnbOptions {
  readonly timeLimitMs: number;
  readonly maxNodes: number;
  readonly relGap: number;
  readonly absGap: number;
  /** Rounds of the initial dive. */
  readonly diveDepth: number;
}

export interface BnbResult {
  /** optimal: within the gap; feasible: a solution, the budget ran out first; infeasible / failed: none. */
  readonly status: 'optimal' | 'feasible' | 'infeasible' | 'failed';
  readonly x: Float64Array | null;
  readonly objective: number;
  /** Lower bound on the MILP's optimum. */
  readonly bound: number;
  readonly lpRuns: number;
  readonly detail: string;
}

type Bounds = ReadonlyMap<number, readonly [number, number]>;

interface Original {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

interface Node {
  readonly bounds: Bounds;
  /** The parent's LP objective: no solution below can be better. */
  readonly bound: number;
}

export function branchAndBound(
  session: LpSession,
  original: Original,
  branching: (x: Float64Array) => Disjunction[],
  /** Bounds the dive adds from its third round on, so that it ends (e.g. idle slots stay idle). */
  settle: (x: Float64Array) => readonly BoundChange[],
  options: BnbOptions,
): BnbResult {
  const started = performance.now();
  const intersect = (bounds: Bounds, changes: readonly BoundChange[]): Map<number, readonly [number, number]> | null => narrow(original, bounds, changes);
  const firstFitting = (bounds: Bounds, branches: readonly (readonly BoundChange[])[]): Bounds | null => {
    for (const b of branches) {
      const n = intersect(bounds, b);
      if (n !== null) return n;
    }
    return null;
  };
  let applied: Bounds = new Map();
  let lpRuns = 0;
  const solveWith = (bounds: Bounds): LpRun => {
    for (const col of applied.keys()) {
      if (!bounds.has(col)) session.setColBounds(col, original.lower[col] ?? 0, original.upper[col] ?? 0);
    }
    for (const [col, [lo, hi]] of bounds) {
      const was = applied.get(col);
      if (was === undefined || was[0] !== lo || was[1] !== hi) session.setColBounds(col, lo, hi);
    }
    applied = bounds;
    lpRuns++;
    return session.run();
  };

  const root = solveWith(new Map());
  if (root.status !== 'optimal' || root.x === null) {
    return { status: root.status === 'infeasible' ? 'infeasible' : 'failed', x: null, objective: Number.NaN, bound: Number.NaN, lpRuns, detail: `root LP ${root.status}` };
  }
  let best: { x: Float64Array; objective: number } | null = null;
  const consider = (run: LpRun, rules: Disjunction[]): void => {
    if (rules.length === 0 && run.x !== null && (best === null || run.objective < best.objective)) best = { x: run.x, objective: run.objective };
  };
  const rootRules = branching(root.x);
  consider(root, rootRules);
  const gapOk = (bound: number): boolean => best !== null && best.objective - bound <= Math.max(options.absGap, options.relGap * Math.abs(best.objective));
  const outOfBudget = (): boolean => performance.now() - started > options.timeLimitMs || lpRuns >= options.maxNodes;

  // Dive: every broken rule to its preferred side at once, until a plan keeps them all.
  if (best === null) {
    let bounds: Bounds | null = new Map();
    let rules = rootRules;
    let x = root.x;
    for (let depth = 0; bounds !== null && depth < options.diveDepth && rules.length > 0 && !outOfBudget(); depth++) {
      let next: Bounds = depth >= 2 ? (intersect(bounds, settle(x)) ?? bounds) : bounds;
      for (const rule of rules) next = firstFitting(next, rule.branches) ?? next;
      bounds = next;
      const run = solveWith(bounds);
      if (run.status !== 'optimal' || run.x === null) break;
      x = run.x;
      rules = branching(run.x);
      consider(run, rules);
    }
  }

  // Depth-first branch-and-bound, one rule per node.
  const stack: Node[] = [];
  const pushChildren = (bounds: Bounds, objective: number, rules: Disjunction[]): void => {
    const rule = rules.reduce((a, b) => (b.score > a.score ? b : a));
    // The preferred branch is explored first, so it goes on the stack last.
    for (const branch of [...rule.branches].reverse()) {
      const child = intersect(bounds, branch);
      if (child !== null) stack.push({ bounds: child, bound: objective });
    }
  };
  if (rootRules.length > 0) pushChildren(new Map(), root.objective, rootRules);
  while (stack.length > 0 && !outOfBudget()) {
    if (gapOk(Math.min(...stack.map((n) => n.bound)))) {
      stack.length = 0;
      break;
    }
    const node = stack.pop()!;
    if (gapOk(node.bound)) continue;
    const run = solveWith(node.bounds);
    if (run.status !== 'optimal' || run.x === null || gapOk(run.objective)) continue;
    const rules = branching(run.x);
    if (rules.length === 0) consider(run, rules);
    else pushChildren(node.bounds, run.objective, rules);
  }

  const open = stack.map((n) => n.bound);
  const found = best as { x: Float64Array; objective: number } | null;
  const bound = Math.min(found?.objective ?? Number.POSITIVE_INFINITY, ...open);
  const detail = `${lpRuns} LP runs, ${open.length} open nodes`;
  if (found === null) return { status: 'failed', x: null, objective: Number.NaN, bound, lpRuns, detail: `no plan within the budget (${detail})` };
  return { status: open.length === 0 ? 'optimal' : 'feasible', x: found.x, objective: found.objective, bound, lpRuns, detail };
}

/** The node's bounds narrowed by a branch; null when they leave nothing. */
function narrow(original: Original, bounds: Bounds, changes: readonly BoundChange[]): Map<number, readonly [number, number]> | null {
  const out = new Map(bounds);
  for (const c of changes) {
    const [lo, hi] = out.get(c.col) ?? [original.lower[c.col] ?? 0, original.upper[c.col] ?? 0];
    const next: [number, number] = [Math.max(lo, c.lower), Math.min(hi, c.upper)];
    if (next[0] > next[1] + 1e-9) return null;
    out.set(c.col, next);
  }
  return out;
}
