/**
 * The tick loop: the only writer of setpoints. One tick per grid-meter reading
 * (P1 sends one a second), and at least one per second of site time so that a
 * silent meter is noticed. Each tick reads the devices' cached values, decides,
 * hands the setpoints to the writers (never awaiting a device) and publishes
 * one immutable snapshot.
 */
import { has } from '../../drivers/api.js';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/log.js';
import type { CarSettings } from '../common/car.js';
import type { ActiveLimits } from '../common/limits.js';
import type { PlanSlot } from '../common/plan.js';
import type { SiteSnapshot } from '../common/snapshot.js';
import { effectiveCar } from './car-needs.js';
import { CarSocEstimator } from './car-soc-estimator.js';
import { decide } from './controller.js';
import type { ControlOutput } from './controller.js';
import { buildSnapshot } from './snapshot-builder.js';
import { SetpointWriter } from './setpoint-writer.js';
import type { SiteDevices } from './site-devices.js';
import { LatencyStats } from './latency-stats.js';
import { fuseLimitW } from './site-limits.js';
import type { SiteLimits } from './site-limits.js';
import { staleReasons } from './staleness.js';

export interface ControlLoopOptions {
  readonly clock: Clock;
  readonly log: Logger;
  readonly devices: SiteDevices;
  readonly limits: SiteLimits;
  readonly carSettings: () => CarSettings;
  /** Grid limits from signals in force at a time. */
  readonly gridLimits: (nowMs: number) => ActiveLimits;
  /** The plan's slot at a time, null without a plan. */
  readonly planSlot: (nowMs: number) => PlanSlot | null;
  /** Site time zone, for the car's "ready by" time. */
  readonly timeZone: string;
  readonly carCapacityWh: number;
  readonly batteryReserveSocPct: number;
  /** Smallest charging power the charger can hold (W). */
  readonly carMinChargeW: number;
  /** Used when the charger does not report its maximum (W). */
  readonly carMaxChargeW: number;
  /** Data older than this puts the site in failsafe (site ms). */
  readonly staleAfterMs: number;
}

/** Meter and charger readings can be this far apart; headroom is judged over that window (site ms). */
const headroomWindowMs = 5000;

/** A stop or reversal the rules want must persist this long (site ms). */
const carStopDebounceMs = 10_000;

/** After a charger change completes, readings settle for this long (site ms). */
const carSettleMs = 3000;

/** Battery setpoints closer than this are not rewritten (W). */
const batteryDeadbandW = 20;

export class ControlLoop {
  private seq = 0;
  private last: SiteSnapshot | null = null;
  private lastTickMs = 0;
  private readonly listeners = new Set<(s: SiteSnapshot) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly battery: SetpointWriter<number | null>;
  private readonly car: SetpointWriter<number>;
  private readonly pvLimit: SetpointWriter<number | null>;
  private pvLimitW: number | null = null;
  /** What the controller decided for the battery last tick (null: autonomous). */
  private batteryTargetW: number | null = null;
  private stopped = false;
  private readonly carSoc: CarSocEstimator;
  /** Tick computation time and reading-to-setpoint-acknowledged time (real ms). */
  readonly latency = { tickMs: new LatencyStats(), setpointMs: new LatencyStats() };
  /** Recent fuse headroom (site ms, W): the car is raised only into the smallest of the last few seconds. */
  private headroomHistory: { ts: number; w: number }[] = [];
  /** Since when the rules have wanted the car stopped or reversed (site ms). */
  private carSoftStopSinceMs: number | null = null;
  /** Site time the charger last reported a change in flight. */
  private carInFlightAtMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ControlLoopOptions) {
    const { devices, log } = options;
    this.carSoc = new CarSocEstimator();
    const battery = devices.battery;
    this.battery = new SetpointWriter<number | null>(
      'battery',
      async (w) => {
        if (battery === null || !has(battery, 'batteryControl')) return;
        if (w === null) await battery.releaseBattery();
        else await battery.setBatteryPowerW(w);
      },
      log,
      (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) < batteryDeadbandW),
    );
    const charger = devices.charger;
    this.car = new SetpointWriter<number>('car', async (w) => {
      if (charger !== null && has(charger, 'bidirectionalCharger')) await charger.setChargerPowerW(w);
    }, log);
    this.battery.onWritten = (ms) => this.latency.setpointMs.add(ms);
    this.car.onWritten = (ms) => this.latency.setpointMs.add(ms);
    const pv = devices.pv;
    this.pvLimit = new SetpointWriter<number | null>('pv limit', async (w) => {
      if (pv !== null && has(pv, 'pvControl')) await pv.setPvLimitW(w);
    }, log);
  }

  start(): void {
    this.unsubscribe.push(this.options.devices.grid.onReading(() => this.tick()));
    this.unsubscribe.push(
      this.options.clock.every(250, () => {
        if (this.options.clock.now() - this.lastTickMs >= 1000) this.tick();
      }),
    );
  }

  /** Stops ticking and hands the battery, charger and inverter back to their own control. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
    const { battery, charger, pv } = this.options.devices;
    await Promise.all([this.battery.idle(), this.car.idle(), this.pvLimit.idle()]);
    const releases: Promise<void>[] = [];
    if (battery !== null && has(battery, 'batteryControl')) releases.push(battery.releaseBattery());
    if (charger !== null && has(charger, 'bidirectionalCharger')) releases.push(charger.releaseCharger());
    if (pv !== null && has(pv, 'pvControl') && this.pvLimitW !== null) releases.push(pv.setPvLimitW(null));
    const results = await Promise.allSettled(releases);
    for (const r of results) if (r.status === 'rejected') this.options.log.warn('hand-back on stop failed', { error: String(r.reason) });
  }

  latest(): SiteSnapshot | null {
    return this.last;
  }

  onSnapshot(listener: (s: SiteSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * In flight, or within a few seconds after: the meter and the charger are
   * read a second apart, so right after a ramp the home load derived from
   * them is briefly wrong; adjusting on it would start the next slow change.
   */
  private carSettling(nowMs: number, inFlight: boolean): boolean {
    if (inFlight) this.carInFlightAtMs = nowMs;
    return nowMs - this.carInFlightAtMs < carSettleMs;
  }

  /**
   * A stop or reversal the mode's rules ask for (not a safety rule or a
   * limit) must persist for a few seconds: on a slow charger a needless stop
   * costs a 22 s restart, and one tick of skewed readings can look like one.
   */
  private debounceCarStop(output: ControlOutput, nowMs: number): ControlOutput {
    const currentW = this.car.current() ?? 0;
    const reversal = currentW !== 0 && Math.sign(output.carW) !== Math.sign(currentW);
    if (!reversal || !output.carSoft) {
      this.carSoftStopSinceMs = null;
      return output;
    }
    this.carSoftStopSinceMs ??= nowMs;
    return nowMs - this.carSoftStopSinceMs < carStopDebounceMs ? { ...output, carW: currentW } : output;
  }

  /** One control step. Public so tests can drive it directly. */
  tick(): SiteSnapshot | null {
    if (this.stopped) return null;
    const startedMs = performance.now();
    const { clock, devices, limits } = this.options;
    const nowMs = clock.now();
    this.lastTickMs = nowMs;
    const health = devices.all.map((d) => d.health());
    const settings = this.options.carSettings();
    const charger = devices.charger;
    const battery = devices.battery;
    const batteryCtl = battery !== null && has(battery, 'batteryControl') ? battery : null;
    const bidi = charger !== null && has(charger, 'bidirectionalCharger') ? charger : null;
    const phases = has(devices.grid, 'phaseMeter') ? devices.grid.phases() : null;
    const phasePowerW = phases !== null && phases.every((p) => p.powerW !== null) ? phases.map((p) => p.powerW ?? 0) : null;

    const carConnected = charger?.carConnected() ?? false;
    const carW = charger?.powerW() ?? null;
    const needs = charger !== null && has(charger, 'chargingNeeds') ? charger.chargingNeeds() : null;
    const car = effectiveCar(settings, needs, nowMs, this.options.timeZone, this.options.carCapacityWh);
    const carSoc = this.carSoc.update(nowMs, carConnected, charger !== null && has(charger, 'vehicleSoc') ? charger.vehicleSocPct() : null, carW, car.capacityWh);
    const gridLimits = this.options.gridLimits(nowMs);
    const decided: ControlOutput = decide({
      nowMs,
      limits,
      gridLimits,
      gridW: devices.grid.powerW(),
      phasePowerW,
      phaseVoltageV: phases?.map((p) => p.voltageV) ?? null,
      pvW: devices.pv?.powerW() ?? null,
      batteryW: battery?.powerW() ?? null,
      batterySocPct: battery?.socPct() ?? null,
      batteryMaxChargeW: batteryCtl?.maxChargePowerW() ?? 0,
      batteryMaxDischargeW: batteryCtl?.maxDischargePowerW() ?? 0,
      batteryReserveSocPct: this.options.batteryReserveSocPct,
      batterySetpointW: this.batteryTargetW,
      carW,
      carConnected,
      carSocPct: carSoc.socPct,
      car: car.settings,
      carCapacityWh: car.capacityWh,
      carMaxChargeW: charger?.maxChargePowerW() ?? this.options.carMaxChargeW,
      carMaxDischargeW: bidi?.maxDischargePowerW() ?? 0,
      carMinChargeW: this.options.carMinChargeW,
      carDepartureMs: car.departureMs,
      carSetpointW: this.car.current() ?? 0,
      carChangeInFlight: this.carSettling(nowMs, bidi?.changeInFlight() ?? false),
      planSlot: settings.mode === 'smart' ? this.options.planSlot(nowMs) : null,
      staleReasons: staleReasons(health, nowMs, this.options.staleAfterMs),
      pvLimitW: this.pvLimitW,
      raiseHeadroomW: minOf(this.headroomHistory),
    });
    const output = this.debounceCarStop(decided, nowMs);
    this.headroomHistory = this.headroomHistory.filter((h) => nowMs - h.ts < headroomWindowMs);
    if (output.headroomW !== null) this.headroomHistory.push({ ts: nowMs, w: output.headroomW });


    // A device that never answered cannot take a setpoint yet (SunSpec still
    // discovering its models, a charger not yet taken over): writing would only fail.
    const answered = (id: string): boolean => health.some((h) => h.id === id && h.lastValidTs !== null);
    if (batteryCtl !== null && answered(batteryCtl.id)) {
      this.battery.set(output.batteryW, startedMs);
      this.batteryTargetW = output.batteryW;
    }
    if (bidi !== null && answered(bidi.id)) this.car.set(output.carW, startedMs);
    if (devices.pv !== null && has(devices.pv, 'pvControl') && answered(devices.pv.id)) {
      this.pvLimitW = output.pvLimitW;
      this.pvLimit.set(output.pvLimitW);
    }

    const snapshot = buildSnapshot({
      ts: nowMs,
      seq: ++this.seq,
      devices,
      health,
      output,
      settings,
      carSoc,
      gridLimits,
      fuseLimitW: fuseLimitW(limits),
    });
    this.last = snapshot;
    this.latency.tickMs.add(performance.now() - startedMs);
    for (const l of this.listeners) {
      try {
        l(snapshot);
      } catch (err) {
        this.options.log.error('snapshot listener failed', { error: String(err) });
      }
    }
    return snapshot;
  }
}

function minOf(window: readonly { w: number }[]): number | null {
  return window.length === 0 ? null : Math.min(...window.map((h) => h.w));
}
