/**
 * What a simulated OCPP charging station delivers, independent of the
 * protocol: the charging profile in force, its start and change delays, the
 * power ramp, and what happens when it loses the CSMS.
 *
 * Modelled behaviour (chosen to be plausible, stated so tests can rely on it):
 * - without a profile of the hub the station charges at its maximum, as a
 *   plain charger does (OCPP's "no limit");
 * - a limit caps charging; a 2.1 CentralSetpoint is followed, within limit
 *   and dischargeLimit; discharge only where the session allows it;
 * - power flows `startDelayMs` after a session starts, and each change
 *   begins `changeDelayMs` after it was ordered, then ramps at rampWPerS;
 * - a profile with maxOfflineDuration and invalidAfterOfflineDuration is
 *   dropped once the station has been offline that long (OCPP 2.1), so the
 *   station falls back to plain charging, never to discharging.
 */

export interface StationProfile {
  /** Upper bound for charging (W), null: none. */
  readonly limitW: number | null;
  /** 2.1 CentralSetpoint (W, < 0 discharge), null: limit-only profile. */
  readonly setpointW: number | null;
  /** 2.1: lower bound (W, <= 0). */
  readonly dischargeLimitW: number;
  /** Dropped after this long offline (site ms), null: kept. */
  readonly maxOfflineMs: number | null;
}

export interface StationModelOptions {
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  readonly startDelayMs: number;
  readonly changeDelayMs: number;
  readonly rampWPerS: number;
}

export class OcppStationModel {
  private profile: StationProfile | null = null;
  private sessionSinceMs: number | null = null;
  private pending: { readonly w: number; readonly atMs: number } | null = null;
  private aimW = 0;
  private appliedW = 0;
  private lastStepMs: number | null = null;

  constructor(private readonly o: StationModelOptions) {}

  setProfile(profile: StationProfile | null, nowMs: number): void {
    this.profile = profile;
    this.pending = { w: this.wantedW(true), atMs: nowMs + this.o.changeDelayMs };
  }

  currentProfile(): StationProfile | null {
    return this.profile;
  }

  /**
   * One step: `energised` is a running, authorised session with a car;
   * `dischargeAllowed` whether this session may discharge; `offlineMs` how
   * long the CSMS has been gone (0 when connected). Returns the power to deliver.
   */
  step(nowMs: number, energised: boolean, dischargeAllowed: boolean, offlineMs: number): number {
    const dtS = this.lastStepMs === null ? 1 : Math.max(0, (nowMs - this.lastStepMs) / 1000);
    this.lastStepMs = nowMs;
    if (this.profile?.maxOfflineMs !== null && this.profile !== null && offlineMs > this.profile.maxOfflineMs) {
      this.profile = null;
      this.pending = { w: this.wantedW(dischargeAllowed), atMs: nowMs };
    }
    if (!energised) {
      this.sessionSinceMs = null;
      this.pending = null;
      this.aimW = 0;
      this.appliedW = 0;
      return 0;
    }
    this.sessionSinceMs ??= nowMs;
    if (nowMs - this.sessionSinceMs < this.o.startDelayMs) return (this.appliedW = 0);
    if (this.pending !== null && nowMs >= this.pending.atMs) {
      this.aimW = this.pending.w;
      this.pending = null;
    } else if (this.pending === null) {
      this.aimW = this.wantedW(dischargeAllowed);
    }
    const aim = dischargeAllowed ? this.aimW : Math.max(0, this.aimW);
    const stepW = this.o.rampWPerS * dtS;
    this.appliedW = Math.abs(aim - this.appliedW) <= stepW ? aim : this.appliedW + Math.sign(aim - this.appliedW) * stepW;
    return this.appliedW;
  }

  /** The power the profile in force asks for (before delays and ramp). */
  wantedW(dischargeAllowed: boolean): number {
    const p = this.profile;
    if (p === null) return this.o.maxChargeW;
    const upper = Math.min(this.o.maxChargeW, p.limitW ?? this.o.maxChargeW);
    const lower = dischargeAllowed ? Math.max(-this.o.maxDischargeW, p.dischargeLimitW) : 0;
    const w = p.setpointW ?? upper;
    return Math.min(upper, Math.max(lower, w));
  }
}
