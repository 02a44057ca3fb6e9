/**
 * PV curtailment, in the two SunSpec model families that offer it, as data:
 * which points carry the limit (% of WMax) and its enable, and what goes with
 * the limit so that the inverter drops it by itself when the hub stops
 * rewriting it.
 *
 * - 123 (immediate controls): WMaxLimPct with WMaxLimPct_RvrtTms, then
 *   WMaxLim_Ena. No window (WinTms 0): apply now.
 * - 704 (DER AC controls): WMaxLimPct with its reversion settings
 *   (WMaxLimPctRvrt 100 %, WMaxLimPctEnaRvrt DISABLED: after the reversion
 *   time the limit is off), then WMaxLimPctEna.
 *
 * The limit is written before the enable so that the inverter never runs an
 * enabled limit with a stale value.
 */
export interface PvLimitPath {
  readonly model: 123 | 704;
  readonly pctPoint: string;
  readonly enablePoint: string;
  /** Points written with each limit (contiguous in the model). */
  setup(pct: number, revertS: number): Readonly<Record<string, number>>;
}

export const pvLimitPaths: Readonly<Record<123 | 704, PvLimitPath>> = {
  123: {
    model: 123,
    pctPoint: 'WMaxLimPct',
    enablePoint: 'WMaxLim_Ena',
    setup: (pct, revertS) => ({ WMaxLimPct: pct, WMaxLimPct_WinTms: 0, WMaxLimPct_RvrtTms: revertS }),
  },
  704: {
    model: 704,
    pctPoint: 'WMaxLimPct',
    enablePoint: 'WMaxLimPctEna',
    setup: (pct, revertS) => ({ WMaxLimPct: pct, WMaxLimPctRvrt: 100, WMaxLimPctEnaRvrt: 0, WMaxLimPctRvrtTms: revertS }),
  },
};

/** 123 for the classic inverter models, 704 for 700-series devices; the other one when only it is there. */
export function choosePvLimitPath(has: (id: number) => boolean, derDevice: boolean): PvLimitPath | null {
  const order: readonly (123 | 704)[] = derDevice ? [704, 123] : [123, 704];
  const id = order.find((m) => has(m));
  return id === undefined ? null : pvLimitPaths[id];
}
