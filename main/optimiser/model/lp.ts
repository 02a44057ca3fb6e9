/**
 * A small sparse (MI)LP under construction: columns with bounds, costs and
 * types, rows as lists of (column, coefficient). It knows nothing of HiGHS so
 * that the model builder stays pure and the data can cross to the solver
 * worker as plain typed arrays.
 */

export const colType = { continuous: 0, integer: 1 } as const;
export type ColType = (typeof colType)[keyof typeof colType];

export interface Lp {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 0 continuous, 1 integer (binaries are integers in [0, 1]). */
  readonly integrality: Int32Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSR: row i's entries are at [rowStarts[i], rowStarts[i + 1]). */
  readonly rowStarts: Int32Array;
  readonly colIndices: Int32Array;
  readonly values: Float64Array;
  /** Constant added to the objective (costs fixed by the inputs). */
  readonly offset: number;
}

export class LpBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly types: number[] = [];
  private readonly rLower: number[] = [];
  private readonly rUpper: number[] = [];
  private readonly starts: number[] = [0];
  private readonly idx: number[] = [];
  private readonly val: number[] = [];
  private offset = 0;

  get numCols(): number {
    return this.cost.length;
  }

  get numRows(): number {
    return this.rLower.length;
  }

  /** Adds a column; returns its index. */
  col(lower: number, upper: number, cost = 0, type: ColType = colType.continuous): number {
    if (!(lower <= upper)) throw new RangeError(`column ${this.cost.length}: lower ${lower} > upper ${upper}`);
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.types.push(type);
    return this.cost.length - 1;
  }

  binary(cost = 0): number {
    return this.col(0, 1, cost, colType.integer);
  }

  addCost(col: number, cost: number): void {
    this.cost[col] = (this.cost[col] ?? 0) + cost;
  }

  addOffset(value: number): void {
    this.offset += value;
  }

  /** Adds `lower <= sum(coef * x[col]) <= upper`; zero coefficients are dropped. Returns the row index. */
  row(lower: number, upper: number, terms: readonly (readonly [number, number])[]): number {
    for (const [c, v] of terms) {
      if (v !== 0) {
        this.idx.push(c);
        this.val.push(v);
      }
    }
    this.rLower.push(lower);
    this.rUpper.push(upper);
    this.starts.push(this.idx.length);
    return this.rLower.length - 1;
  }

  build(): Lp {
    return {
      numCols: this.cost.length,
      numRows: this.rLower.length,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      integrality: Int32Array.from(this.types),
      rowLower: Float64Array.from(this.rLower),
      rowUpper: Float64Array.from(this.rUpper),
      rowStarts: Int32Array.from(this.starts),
      colIndices: Int32Array.from(this.idx),
      values: Float64Array.from(this.val),
      offset: this.offset,
    };
  }
}
