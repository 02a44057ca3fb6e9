import { afterEach, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../main/common/clock.js';
import { silentLogger } from '../../../main/common/log.js';
import { has } from '../../../drivers/api.js';
import type { DriverContext } from '../../../drivers/driver.js';
import { startSunSpecSim } from '../../../drivers/sim/sunspec-server.js';
import { SunSpecBattery, sunspecBatteryConfigSchema, sunspecBatteryDriver } from '../../../drivers/sunspec/battery-driver.js';
import { decodeModel, numberAt } from '../../../drivers/sunspec/decode.js';
import { requireModelDefinition } from '../../../drivers/sunspec/model-registry.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { FakePhysics } from './fake-physics.js';
import { waitFor } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const speed = 10;
const batteryUnit = 2;
/** Model 124 sits right after model 1 on the simulated battery (see discovery.test.ts). */
const model124 = 40070;

function newPool(): ModbusPool {
  const pool = createModbusPool(silentLogger, { backoffInitialMs: 50, backoffMaxMs: 200 });
  cleanups.push(() => pool.close());
  return pool;
}

async function setup(extra: Record<string, unknown> = {}) {
  const clock = new ScaledClock({ speed });
  const physics = new FakePhysics();
  const sim = await startSunSpecSim({ physics, clock });
  cleanups.push(() => sim.close());
  const ctx: DriverContext = { clock, log: silentLogger, modbus: newPool() };
  const config = sunspecBatteryConfigSchema.parse({ host: '127.0.0.1', port: sim.port, unitId: batteryUnit, revertS: 3, ...extra });
  const battery = new SunSpecBattery({ ...config, id: 'bat', role: 'battery', type: 'sunspec-battery' }, ctx);
  cleanups.push(() => battery.stop());
  await battery.start();
  await waitFor('first reading', () => battery.health().status === 'ok');
  return { clock, physics, sim, ctx, battery };
}

/** Model 124 as another Modbus client sees it on the simulator. */
async function storageRegisters(port: number) {
  const regs = await newPool().unit('127.0.0.1', port, batteryUnit).readHoldingRegisters(model124, 26);
  const m = decodeModel(requireModelDefinition(124), regs);
  return { mode: numberAt(m, 'StorCtl_Mod'), inPct: numberAt(m, 'InWRte'), outPct: numberAt(m, 'OutWRte'), revertS: numberAt(m, 'InOutWRte_RvrtTms') };
}

describe('SunSpec battery driver against the simulator', () => {
  it('is a battery with control from the registry definition', () => {
    const config = sunspecBatteryDriver.configSchema.parse({ host: 'battery.local' });
    expect(config).toMatchObject({ port: 502, unitId: 1, powerSign: 'discharge-positive', revertS: 60 });
    const clock = new ScaledClock();
    const device = sunspecBatteryDriver.create({ ...config, id: 'b', role: 'battery', type: 'sunspec-battery' }, { clock, log: silentLogger, modbus: newPool() });
    expect(has(device, 'battery') && has(device, 'batteryControl') && has(device, 'powerMeter')).toBe(true);
    expect(sunspecBatteryDriver.roles).toEqual(['battery']);
  });

  it('reads SoC, capacity, limits and power from model 802 with our sign (> 0 discharge)', async () => {
    const { physics, battery } = await setup();
    expect(battery.socPct()).toBe(55.3);
    expect(battery.capacityWh()).toBe(10_000);
    expect(battery.maxChargePowerW()).toBe(5000);
    expect(battery.maxDischargePowerW()).toBe(4500);
    physics.current.battery.powerW = 1500;
    await waitFor('discharge power', () => battery.powerW() === 1500, 3000);
    physics.current.battery.powerW = -2000;
    await waitFor('charge power', () => battery.powerW() === -2000, 3000);
    expect(battery.health().lastError).toBeNull();
  });

  it('charges and discharges at the setpoint with the right sign, holds at 0, releases to autonomous', async () => {
    const { physics, sim, battery } = await setup();
    await battery.setBatteryPowerW(-2000);
    expect(physics.lastBatteryCommandW).toBe(-2000);
    expect(await storageRegisters(sim.port)).toEqual({ mode: 3, inPct: 40, outPct: -40, revertS: 3 });
    expect(battery.setpointW()).toBe(-2000);

    await battery.setBatteryPowerW(1500);
    expect(physics.lastBatteryCommandW).toBe(1500);
    expect(await storageRegisters(sim.port)).toEqual({ mode: 3, inPct: -30, outPct: 30, revertS: 3 });

    await battery.setBatteryPowerW(0);
    expect(physics.lastBatteryCommandW).toBe(0);

    // Beyond WChaMax: clamped to 100 %.
    await battery.setBatteryPowerW(-9000);
    expect(physics.lastBatteryCommandW).toBe(-5000);

    await battery.releaseBattery();
    expect(physics.lastBatteryCommandW).toBeNull();
    expect((await storageRegisters(sim.port)).mode).toBe(0);
    expect(battery.setpointW()).toBeNull();
    await expect(battery.setBatteryPowerW(Number.NaN)).rejects.toThrow(/finite/);
  });

  it('reports in health when the device does not hold what the hub wrote', async () => {
    const { sim, battery } = await setup({ revertS: 600 });
    await battery.setBatteryPowerW(-1000);
    const polls = battery.health().counters.polls ?? 0;
    await waitFor('a poll after the write', () => (battery.health().counters.polls ?? 0) > polls + 1);
    expect(battery.health().lastError).toBeNull();
    // Somebody else (another EMS, the installer's app) switches the control off behind the hub's back.
    await newPool().unit('127.0.0.1', sim.port, batteryUnit).writeRegisters(model124 + 5, [0]);
    await waitFor('the mismatch', () => battery.health().lastError !== null, 3000);
    expect(battery.health().lastError).toBe(
      'bat: battery reports StorCtl_Mod 0, InWRte 20 %, OutWRte -20 % but the hub wrote StorCtl_Mod 3, InWRte 20 %, OutWRte -20 % (setpoint -1000 W)',
    );
    expect(battery.health().status).toBe('ok');
  });

  it('rewrites while in control; the device reverts to autonomous once the hub stops', async () => {
    const { clock, physics, ctx, battery } = await setup();
    await battery.setBatteryPowerW(2500);
    const setAt = clock.now();
    await waitFor('two revert periods', () => clock.now() - setAt > 6000, 3000);
    expect(physics.batteryCommands).toEqual([2500]);
    await ctx.modbus.close();
    await waitFor('the battery reverting', () => physics.lastBatteryCommandW === null, 3000);
  });

  it('stop() hands the battery back', async () => {
    const { physics, battery } = await setup();
    await battery.setBatteryPowerW(-500);
    await battery.stop();
    expect(physics.lastBatteryCommandW).toBeNull();
  });

  it('converts a device that signs 802 W the other way, and flags a sign that disagrees with ChaSt', async () => {
    const { physics, battery } = await setup({ powerSign: 'charge-positive' });
    // The simulator signs > 0 discharge; configured the other way the driver must notice via ChaSt.
    physics.current.battery.powerW = 1500;
    await waitFor('a reading', () => battery.powerW() === -1500, 3000);
    await waitFor('the sign warning', () => (battery.health().lastError ?? '').includes('check powerSign'), 3000);
    expect(battery.health().lastError).toContain('ChaSt says DISCHARGING');
  });
});
