/**
 * A tiny stand-in for the simulated home (drivers/sim/physics.ts is written in
 * parallel): a mutable SimState and the commands the servers sent, so tests
 * can set what the devices measure and see what the hub asked for.
 */
import type { SimPhysics, SimState } from '../../../drivers/sim/physics-types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

export class FakePhysics implements SimPhysics {
  readonly current: Mutable<Omit<SimState, 'phases'>> & { phases: SimState['phases'] };
  readonly pvLimits: (number | null)[] = [];
  readonly batteryCommands: (number | null)[] = [];

  constructor() {
    this.current = {
      ts: 0,
      pvAvailableW: 5000,
      pvW: 4321,
      pvLimitW: null,
      pvEnergyWh: 123_456,
      loadW: 800,
      battery: {
        powerW: 0,
        socPct: 55.3,
        capacityWh: 10_000,
        maxChargeW: 5000,
        maxDischargeW: 4500,
        commandW: null,
        chargeEnergyWh: 0,
        dischargeEnergyWh: 0,
      },
      car: { pluggedIn: false, socPct: 50, capacityWh: 60_000, powerW: 0, maxChargeW: 11_000, maxDischargeW: 10_000 },
      gridW: 0,
      gridImportWh: 0,
      gridExportWh: 0,
      phases: [],
      fuseA: 25,
      fuseTripped: false,
    };
  }

  state(): SimState {
    // Like the real physics, a new state carries a new step time; tests just edit `current`.
    const { ts: _ts, ...values } = this.current;
    const fingerprint = JSON.stringify(values);
    if (fingerprint !== this.lastFingerprint) {
      this.lastFingerprint = fingerprint;
      this.current.ts++;
    }
    return structuredClone(this.current);
  }

  private lastFingerprint = '';

  setPvLimitW(limitW: number | null): void {
    this.pvLimits.push(limitW);
    this.current.pvLimitW = limitW;
  }

  setBatteryCommandW(powerW: number | null): void {
    this.batteryCommands.push(powerW);
    this.current.battery.commandW = powerW;
  }

  setCarPowerW(powerW: number): void {
    this.current.car.powerW = powerW;
  }

  get lastPvLimitW(): number | null | undefined {
    return this.pvLimits.at(-1);
  }

  get lastBatteryCommandW(): number | null | undefined {
    return this.batteryCommands.at(-1);
  }
}
