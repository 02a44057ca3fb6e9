/** Small building blocks shared by the model's parts. */
import type { LpBuilder } from './lp.js';

/** A row's (column, coefficient) pairs. */
export type Terms = [number, number][];

export function finiteOr(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback;
}

/** x and y never both positive: x ≤ xMax·β, y ≤ yMax·(1 - β). Returns β (1: x may be positive). */
export function exclusive(b: LpBuilder, x: number, xMax: number, y: number, yMax: number): number {
  const beta = b.binary();
  b.row(Number.NEGATIVE_INFINITY, 0, [
    [x, 1],
    [beta, -xMax],
  ]);
  b.row(Number.NEGATIVE_INFINITY, yMax, [
    [y, 1],
    [beta, yMax],
  ]);
  return beta;
}
