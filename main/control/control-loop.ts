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
import type { CarMode, SiteSnapshot } from '../common/snapshot.js';
import { decide } from './controller.js';
import type { ControlOutput } from './controller.js';
import { buildSnapshot } from './snapshot-builder.js';
import { SetpointWriter } from './setpoint-writer.js';
import type { SiteDevices } from './site-devices.js';
import { LatencyStats } from './latency-stats.js';
import { fuseLimitW } from './site-limits.js';
import type { SiteLimits } from './site-limits.js';
import { staleReasons } from './staleness.js';

export interface CarSettings {
  readonly mode: CarMode;
  readonly minSocPct: number;
}

export interface ControlLoopOptions {
  readonly clock: Clock;
  readonly log: Logger;
  readonly devices: SiteDevices;
  readonly limits: SiteLimits;
  readonly carSettings: () => CarSettings;
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
  /** Tick computation time and reading-to-setpoint-acknowledged time (real ms). */
  readonly latency = { tickMs: new LatencyStats(), setpointMs: new LatencyStats() };
  /** Recent fuse headroom (site ms, W): the car is raised only into the smallest of the last few seconds. */
  private headroomHistory: { ts: number; w: number }[] = [];

  constructor(private readonly options: ControlLoopOptions) {
    const { devices, log } = options;
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

    const output: ControlOutput = decide({
      limits,
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
      carW: charger?.powerW() ?? null,
      carConnected: charger?.carConnected() ?? false,
      carSocPct: charger !== null && has(charger, 'vehicleSoc') ? charger.vehicleSocPct() : null,
      carMode: settings.mode,
      carMaxChargeW: charger?.maxChargePowerW() ?? this.options.carMaxChargeW,
      carMinChargeW: this.options.carMinChargeW,
      carSetpointW: this.car.current() ?? 0,
      carChangeInFlight: bidi?.changeInFlight() ?? false,
      staleReasons: staleReasons(health, nowMs, this.options.staleAfterMs),
      pvLimitW: this.pvLimitW,
      raiseHeadroomW: this.headroomHistory.length > 0 ? Math.min(...this.headroomHistory.map((h) => h.w)) : null,
    });
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
