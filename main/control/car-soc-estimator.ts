/**
 * The car's state of charge when the charger does not report it (many AC
 * chargers never do; the Quasar only during a session): the last reported
 * value plus the energy counted since, over the configured capacity. Flagged
 * as estimated so the UI and the safety rules know. Unplugging forgets it:
 * the car may come back with any SoC.
 */
export interface SocEstimate {
  readonly socPct: number | null;
  readonly estimated: boolean;
}

/** Share of the power at the wallbox that reaches (or leaves) the battery. */
const chargeEfficiency = 0.92;

export class CarSocEstimator {
  private socPct: number | null = null;
  private lastTs: number | null = null;
  private lastPowerW = 0;

  /** `capacityWh`: the car's usable capacity (reported by the car where it can, otherwise configured). */
  update(nowMs: number, connected: boolean, reportedPct: number | null, powerW: number | null, capacityWh: number): SocEstimate {
    if (!connected) {
      this.socPct = null;
      this.lastTs = null;
      return { socPct: null, estimated: false };
    }
    if (this.socPct !== null && this.lastTs !== null && nowMs > this.lastTs) {
      const wh = (this.lastPowerW * (nowMs - this.lastTs)) / 3_600_000;
      const stored = wh > 0 ? wh * chargeEfficiency : wh / chargeEfficiency;
      this.socPct = Math.min(100, Math.max(0, this.socPct + (stored / capacityWh) * 100));
    }
    this.lastTs = nowMs;
    this.lastPowerW = powerW ?? 0;
    if (reportedPct !== null) {
      this.socPct = reportedPct;
      return { socPct: reportedPct, estimated: false };
    }
    return { socPct: this.socPct === null ? null : Math.round(this.socPct * 10) / 10, estimated: this.socPct !== null };
  }
}
