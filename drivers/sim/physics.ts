/**
 * The simulated home: PV roof, household load, hybrid battery, a car at a
 * bidirectional wallbox and the grid connection with its main fuse. The
 * device-side protocol servers read `state()` and send commands; the physics
 * applies them on its next 1-second step of site time.
 *
 * The grid closes the balance by construction (grid = load + car - pv -
 * battery) so the hub's derived home load (grid + pv + battery - wallbox)
 * equals the simulated load exactly; tests check that on every step.
 */
import type { Clock } from '../../main/common/clock.js';
import type { SimPhysics, SimState } from './physics-types.js';
import { FuseModel } from './physics-fuse.js';
import type { HomePhysicsOptions, ResolvedPhysicsOptions } from './physics-options.js';
import { resolvePhysicsOptions } from './physics-options.js';
import type { StorageLimits } from './physics-storage.js';
import { feasiblePowerW, socAfterPct } from './physics-storage.js';
import { LoadProfile } from './profiles/load.js';
import { PvProfile } from './profiles/pv.js';
import { valueNoise } from './profiles/random.js';

export type { HomePhysicsOptions } from './physics-options.js';

const STEP_MS = 1000;
const MS_PER_HOUR = 3_600_000;
const STREAM_VOLTAGE = 301;
/** Longest catch-up after a stall, in steps: beyond it steps get longer rather than more numerous. */
const MAX_CATCH_UP_STEPS = 3600;

export class HomePhysics implements SimPhysics {
  private readonly options: ResolvedPhysicsOptions;
  private readonly pv: PvProfile;
  private readonly load: LoadProfile;
  private readonly fuse: FuseModel;
  private readonly batteryLimits: StorageLimits;
  private readonly carLimits: StorageLimits;

  private ts: number;
  private current: SimState;
  private cancelTimer: (() => void) | null = null;

  // Commands from the protocol servers.
  private pvLimitW: number | null = null;
  private batteryCommandW: number | null = null;
  private carRequestW = 0;

  // Test overrides.
  private loadOverrideW: number | null = null;
  private pvOverrideW: number | null = null;
  private carPluggedOverride: boolean | null = null;

  // Integrated state.
  private batterySocPct: number;
  private carSocPct: number;
  private pvEnergyWh = 0;
  private gridImportWh = 0;
  private gridExportWh = 0;
  private batteryChargeWh = 0;
  private batteryDischargeWh = 0;

  constructor(
    private readonly clock: Clock,
    options: HomePhysicsOptions = {},
  ) {
    const o = resolvePhysicsOptions(options);
    this.options = o;
    this.pv = new PvProfile({ ...o.pv, latitudeDeg: o.latitudeDeg, longitudeDeg: o.longitudeDeg, seed: o.seed });
    this.load = new LoadProfile({ seed: o.seed, timeZone: o.timeZone, baseW: o.load.baseW });
    this.fuse = new FuseModel(o.grid.fuseA);
    this.batteryLimits = {
      capacityWh: o.battery.capacityWh,
      maxChargeW: o.battery.maxChargeW,
      maxDischargeW: o.battery.maxDischargeW,
      minSocPct: o.battery.reserveSocPct,
      efficiency: Math.sqrt(o.battery.roundTripEfficiency),
    };
    // The physics only knows physical bounds for the car; the hub enforces its minimum SoC.
    this.carLimits = {
      capacityWh: o.car.capacityWh,
      maxChargeW: o.car.maxChargeW,
      maxDischargeW: o.car.maxDischargeW,
      minSocPct: 0,
      efficiency: Math.sqrt(o.car.roundTripEfficiency),
    };
    this.batterySocPct = o.battery.initialSocPct;
    this.carSocPct = o.car.initialSocPct;
    this.ts = options.startMs ?? clock.now();
    this.current = this.compute(0);
  }

  state(): SimState {
    return this.current;
  }

  setPvLimitW(limitW: number | null): void {
    this.pvLimitW = limitW === null ? null : Math.max(0, finite('PV limit', limitW));
  }

  setBatteryCommandW(powerW: number | null): void {
    this.batteryCommandW = powerW === null ? null : finite('battery command', powerW);
  }

  setCarPowerW(powerW: number): void {
    this.carRequestW = finite('car power', powerW);
  }

  /** Replaces the household load profile with a constant (null: back to the profile). Spread evenly over the phases. */
  setLoadOverrideW(powerW: number | null): void {
    this.loadOverrideW = powerW === null ? null : Math.max(0, finite('load override', powerW));
  }

  /** Replaces the available PV power (before curtailment) with a constant. */
  setPvOverrideW(powerW: number | null): void {
    this.pvOverrideW = powerW === null ? null : Math.max(0, finite('PV override', powerW));
  }

  /** Forces the car in or out (null: follow the plug schedule). */
  setCarPluggedIn(pluggedIn: boolean | null): void {
    this.carPluggedOverride = pluggedIn;
  }

  setCarSocPct(socPct: number): void {
    this.carSocPct = clampPct(finite('car SoC', socPct));
  }

  setBatterySocPct(socPct: number): void {
    this.batterySocPct = clampPct(finite('battery SoC', socPct));
  }

  /** Puts a new fuse in (tests that provoke a trip on purpose). */
  resetFuse(): void {
    this.fuse.reset();
  }

  /** Advances the site by dtMs in one step (unit tests call this directly, without timers). */
  step(dtMs: number): SimState {
    if (!(dtMs >= 0) || !Number.isFinite(dtMs)) throw new RangeError(`step must be a non-negative number of ms, got ${dtMs}`);
    this.ts += dtMs;
    this.current = this.compute(dtMs);
    return this.current;
  }

  /** Steps every second of site time until stop(). */
  start(): void {
    if (this.cancelTimer !== null) return;
    this.cancelTimer = this.clock.every(STEP_MS, () => this.advanceTo(this.clock.now()));
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Catches up with the clock in steps of about a second (timers jitter; a stalled process may owe many). */
  private advanceTo(nowMs: number): void {
    const owed = nowMs - this.ts;
    if (owed <= 0) return;
    const stepMs = Math.max(STEP_MS, owed / MAX_CATCH_UP_STEPS);
    let remaining = owed;
    while (remaining > 0) {
      const dt = Math.min(stepMs, remaining);
      this.step(dt);
      remaining -= dt;
    }
  }

  private compute(dtMs: number): SimState {
    const o = this.options;
    const ts = this.ts;
    const hours = dtMs / MS_PER_HOUR;
    const phaseCount = o.grid.phases;

    const pvAvailableW = this.pvOverrideW ?? this.pv.availableW(ts);
    const pvW = this.pvLimitW === null ? pvAvailableW : Math.min(pvAvailableW, this.pvLimitW);

    const loadPhasesW = this.loadPhases(ts, phaseCount);
    const loadW = loadPhasesW.reduce((a, b) => a + b, 0);

    const pluggedIn = this.carPluggedOverride ?? o.car.plugSchedule(ts);
    let carW = 0;
    if (pluggedIn) {
      // The wallbox sign is the opposite of the storage sign: > 0 charges the car.
      const storageW = feasiblePowerW(-this.carRequestW, this.carSocPct, this.carLimits, dtMs);
      carW = 0 - storageW; // never -0
      this.carSocPct = socAfterPct(this.carSocPct, storageW, this.carLimits, dtMs);
    } else if (o.car.awayDrainW > 0 && this.carSocPct > o.car.awayFloorSocPct) {
      const drained = this.carSocPct - ((o.car.awayDrainW * hours) / o.car.capacityWh) * 100;
      this.carSocPct = Math.max(o.car.awayFloorSocPct, drained);
    }

    // Without a command the hybrid does self-consumption against its own grid meter: cover what the site imports, soak up what it exports.
    const batteryRequestW = this.batteryCommandW ?? loadW + carW - pvW;
    const batteryW = feasiblePowerW(batteryRequestW, this.batterySocPct, this.batteryLimits, dtMs);
    this.batterySocPct = socAfterPct(this.batterySocPct, batteryW, this.batteryLimits, dtMs);

    const gridW = loadW + carW - pvW - batteryW;

    // Car, battery and PV inverter are three-phase symmetric; the load is not.
    const symmetricW = (carW - pvW - batteryW) / phaseCount;
    const phases = loadPhasesW.map((phaseLoadW, i) => {
      const powerW = phaseLoadW + symmetricW;
      const nominal = o.grid.nominalVoltageV;
      // The street's voltage wanders by a few volts; our own current drops it further (or lifts it when exporting).
      const voltageV = nominal + 2.5 * valueNoise(o.seed, STREAM_VOLTAGE + i, ts / 300_000) - (o.grid.impedanceOhm * powerW) / nominal;
      return { currentA: Math.abs(powerW) / voltageV, voltageV, powerW };
    });
    const fuseTripped = this.fuse.update(
      phases.map((p) => p.currentA),
      dtMs,
    );

    this.pvEnergyWh += pvW * hours;
    this.gridImportWh += Math.max(0, gridW) * hours;
    this.gridExportWh += Math.max(0, -gridW) * hours;
    this.batteryChargeWh += Math.max(0, -batteryW) * hours;
    this.batteryDischargeWh += Math.max(0, batteryW) * hours;

    return Object.freeze({
      ts,
      pvAvailableW,
      pvW,
      pvLimitW: this.pvLimitW,
      pvEnergyWh: this.pvEnergyWh,
      loadW,
      battery: Object.freeze({
        powerW: batteryW,
        socPct: this.batterySocPct,
        capacityWh: o.battery.capacityWh,
        maxChargeW: o.battery.maxChargeW,
        maxDischargeW: o.battery.maxDischargeW,
        commandW: this.batteryCommandW,
        chargeEnergyWh: this.batteryChargeWh,
        dischargeEnergyWh: this.batteryDischargeWh,
      }),
      car: Object.freeze({
        pluggedIn,
        socPct: this.carSocPct,
        capacityWh: o.car.capacityWh,
        powerW: carW,
        maxChargeW: o.car.maxChargeW,
        maxDischargeW: o.car.maxDischargeW,
      }),
      gridW,
      gridImportWh: this.gridImportWh,
      gridExportWh: this.gridExportWh,
      phases: Object.freeze(phases.map((p) => Object.freeze(p))),
      fuseA: o.grid.fuseA,
      fuseTripped,
    });
  }

  private loadPhases(ts: number, phaseCount: 1 | 3): number[] {
    if (this.loadOverrideW !== null) {
      const each = this.loadOverrideW / phaseCount;
      return Array.from({ length: phaseCount }, () => each);
    }
    const sample = this.load.sample(ts);
    return phaseCount === 1 ? [sample.totalW] : [...sample.phasesW];
  }
}

function finite(what: string, v: number): number {
  if (!Number.isFinite(v)) throw new RangeError(`${what} must be a finite number, got ${v}`);
  return v;
}

function clampPct(v: number): number {
  return Math.max(0, Math.min(100, v));
}
