import { afterEach, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../main/common/clock.js';
import { HubError } from '../../../main/common/errors.js';
import { startSunSpecSim } from '../../../drivers/sim/sunspec-server.js';
import { decodeModel, numberAt } from '../../../drivers/sunspec/decode.js';
import { requireModelDefinition } from '../../../drivers/sunspec/model-registry.js';
import { ModbusExceptionError } from '../../../drivers/transports/modbus-errors.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import type { ModbusUnit } from '../../../drivers/transports/modbus-types.js';
import { FakePhysics } from './fake-physics.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Addresses of the simulated inverter's models (discovery.test.ts checks them). */
const m103 = 40070;
const m123 = 40150;

async function setup() {
  const physics = new FakePhysics();
  const clock = new ScaledClock({ speed: 10 });
  const sim = await startSunSpecSim({ physics, clock, inverterUnitId: 3, batteryUnitId: 4 });
  cleanups.push(() => sim.close());
  const pool = createModbusPool();
  cleanups.push(() => pool.close());
  return { physics, clock, sim, inverter: pool.unit('127.0.0.1', sim.port, 3), pool };
}

async function exceptionOf(promise: Promise<unknown>): Promise<number> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ModbusExceptionError)) throw new Error(`expected a Modbus exception, got ${String(err)}`);
  return err.exceptionCode;
}

async function controls(unit: ModbusUnit) {
  return decodeModel(requireModelDefinition(123), await unit.readHoldingRegisters(m123, 26));
}

describe('SunSpec simulator', () => {
  it('serves the physics state of the latest step, without lagging a refresh period behind', async () => {
    const { physics, inverter } = await setup();
    const read = async () => numberAt(decodeModel(requireModelDefinition(103), await inverter.readHoldingRegisters(m103, 52)), 'W');
    expect(await read()).toBe(4321);
    physics.current.pvW = -12;
    expect(await read()).toBe(-12);
    physics.current.pvW = 33_000; // needs W_SF 1
    expect(await read()).toBe(33_000);
  });

  it('answers writes to read-only registers with exception 2 and leaves them unchanged', async () => {
    const { inverter } = await setup();
    expect(await exceptionOf(inverter.writeRegisters(m103 + 14, [1]))).toBe(2); // 103 W
    expect(await exceptionOf(inverter.writeRegisters(m123 + 23, [0]))).toBe(2); // 123 WMaxLimPct_SF
    // A write spanning a writable and a read-only register is refused as a whole.
    expect(await exceptionOf(inverter.writeRegisters(m123 + 22, [0, 0]))).toBe(2);
    expect(await exceptionOf(inverter.writeRegisters(30000, [0]))).toBe(2);
    expect(numberAt(await controls(inverter), 'WMaxLimPct_SF')).toBe(-2);
  });

  it('refuses an out-of-range control with exception 3 and rolls the registers back', async () => {
    const { inverter, physics } = await setup();
    expect(await exceptionOf(inverter.writeRegisters(m123 + 5, [15000]))).toBe(3); // 150 %
    expect(numberAt(await controls(inverter), 'WMaxLimPct')).toBe(100);
    expect(physics.pvLimits).toEqual([]);
  });

  it('answers unknown unit ids and reads outside the map with exceptions', async () => {
    const { pool, sim, inverter } = await setup();
    expect(await exceptionOf(pool.unit('127.0.0.1', sim.port, 1).readHoldingRegisters(40000, 2))).toBe(11);
    expect(await exceptionOf(inverter.readHoldingRegisters(0, 2))).toBe(2);
    const end = Math.max(...sim.inverter.unit.modelMap().map((m) => m.address + m.length + 2));
    expect(Array.from(await inverter.readHoldingRegisters(end, 2))).toEqual([0xffff, 0]); // the end marker
    expect(await exceptionOf(inverter.readHoldingRegisters(end, 4))).toBe(2); // runs past it
  });

  it('closes promptly with clients connected, and refuses a unit id clash', async () => {
    const { sim, inverter } = await setup();
    await inverter.readHoldingRegisters(40000, 2);
    const start = performance.now();
    await sim.close();
    expect(performance.now() - start).toBeLessThan(500);
    const after = await inverter.readHoldingRegisters(40000, 2).catch((e: unknown) => e);
    expect(after).toBeInstanceOf(HubError);
    await expect(startSunSpecSim({ physics: new FakePhysics(), clock: new ScaledClock(), inverterUnitId: 1, batteryUnitId: 1 })).rejects.toThrow(/different unit ids/);
  });
});
