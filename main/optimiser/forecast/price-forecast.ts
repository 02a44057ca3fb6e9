/**
 * Prices beyond the known ones: the price of the same quarter hour on the
 * latest earlier day that has one (day-ahead prices repeat their daily shape
 * more than anything else), else the mean of what is known. Such slots are
 * marked estimated in the plan.
 */

export interface SlotPrice {
  readonly importPerKWh: number;
  readonly exportPerKWh: number;
  readonly estimated: boolean;
}

const dayMs = 86_400_000;
/** How many days back a missing price may be borrowed from. */
const maxDaysBack = 7;

export function pricesFor(
  slotStartsMs: readonly number[],
  known: (startMs: number) => { readonly importPerKWh: number; readonly exportPerKWh: number } | null,
  fallback: { readonly importPerKWh: number; readonly exportPerKWh: number },
): SlotPrice[] {
  const direct = slotStartsMs.map(known);
  const seen = direct.filter((p): p is NonNullable<typeof p> => p !== null);
  const mean =
    seen.length === 0
      ? fallback
      : {
          importPerKWh: seen.reduce((s, p) => s + p.importPerKWh, 0) / seen.length,
          exportPerKWh: seen.reduce((s, p) => s + p.exportPerKWh, 0) / seen.length,
        };
  return slotStartsMs.map((ts, i) => {
    const p = direct[i];
    if (p !== null && p !== undefined) return { ...p, estimated: false };
    for (let d = 1; d <= maxDaysBack; d++) {
      const earlier = known(ts - d * dayMs);
      if (earlier !== null) return { ...earlier, estimated: true };
    }
    return { ...mean, estimated: true };
  });
}
