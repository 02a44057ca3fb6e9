/**
 * Test doubles for the Quasar tests: a tiny physics that only models the car
 * at the wallbox, a wait helper, and a Modbus pool whose "cable" can be cut.
 */
import type { Clock } from '../../../main/common/clock.js';
import { HubError } from '../../../main/common/errors.js';
import type { SimPhysics, SimState } from '../../../drivers/sim/physics-types.js';
import type { ModbusConnectionOptions, ModbusPool, ModbusUnit } from '../../../drivers/transports/modbus-types.js';

export interface FakeCar {
  pluggedIn: boolean;
  socPct: number;
  maxChargeW: number;
  maxDischargeW: number;
}

export interface FakePhysics extends SimPhysics {
  readonly car: FakeCar;
  /** Every setCarPowerW call with the site time it arrived. */
  readonly commands: { readonly ts: number; readonly w: number }[];
  /** Power flowing now (after the car's limits). */
  carPowerW(): number;
}

/** Applies the wallbox command at once, clamped to the car's limits and plug: enough to watch the charger. */
export function createFakePhysics(clock: Clock, car: Partial<FakeCar> = {}): FakePhysics {
  const c: FakeCar = { pluggedIn: true, socPct: 55, maxChargeW: 7400, maxDischargeW: 7400, ...car };
  const commands: { ts: number; w: number }[] = [];
  let powerW = 0;
  const state = (): SimState => ({
    ts: clock.now(),
    pvAvailableW: 0,
    pvW: 0,
    pvLimitW: null,
    pvEnergyWh: 0,
    loadW: 500,
    battery: { powerW: 0, socPct: 50, capacityWh: 10_000, maxChargeW: 5000, maxDischargeW: 5000, commandW: null, chargeEnergyWh: 0, dischargeEnergyWh: 0 },
    car: { pluggedIn: c.pluggedIn, socPct: c.socPct, capacityWh: 60_000, powerW: c.pluggedIn ? powerW : 0, maxChargeW: c.maxChargeW, maxDischargeW: c.maxDischargeW },
    gridW: 500 + powerW,
    gridImportWh: 0,
    gridExportWh: 0,
    phases: [{ currentA: 2, voltageV: 230, powerW: 500 }],
    fuseA: 25,
    fuseTripped: false,
  });
  return {
    car: c,
    commands,
    carPowerW: () => (c.pluggedIn ? powerW : 0),
    state,
    setPvLimitW: () => undefined,
    setBatteryCommandW: () => undefined,
    setCarPowerW: (w: number) => {
      commands.push({ ts: clock.now(), w });
      powerW = c.pluggedIn ? Math.max(-c.maxDischargeW, Math.min(c.maxChargeW, w)) : 0;
    },
  };
}

/** Polls `condition` every 5 real ms; fails with `what` after `timeoutMs` real ms. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits until the site clock reaches `siteTs`. */
export function waitUntilSite(clock: Clock, siteTs: number): Promise<void> {
  return waitFor(`site time ${siteTs}`, () => clock.now() >= siteTs, 10_000);
}

/** A pool wrapper whose units fail like a pulled network cable while `cut` is true. */
export function cuttablePool(inner: ModbusPool): ModbusPool & { cut: boolean } {
  const pool = {
    cut: false,
    unit(host: string, port: number, unitId: number, options?: ModbusConnectionOptions): ModbusUnit {
      const unit = inner.unit(host, port, unitId, options);
      const guard = (): void => {
        if (pool.cut) throw new HubError('device_unreachable', `connection lost to ${host}:${port} (cable cut by the test)`, { retryable: true });
      };
      return {
        host,
        port,
        unitId,
        readHoldingRegisters: async (address, count) => {
          guard();
          return unit.readHoldingRegisters(address, count);
        },
        writeRegisters: async (address, values) => {
          guard();
          return unit.writeRegisters(address, values);
        },
      };
    },
    close: () => inner.close(),
  };
  return pool;
}
