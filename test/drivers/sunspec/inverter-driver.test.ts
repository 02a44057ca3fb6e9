import { afterEach, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../main/common/clock.js';
import { silentLogger } from '../../../main/common/log.js';
import { has } from '../../../drivers/api.js';
import type { DriverContext } from '../../../drivers/driver.js';
import { startSunSpecSim } from '../../../drivers/sim/sunspec-server.js';
import { SunSpecInverter, sunspecInverterConfigSchema, sunspecInverterDriver } from '../../../drivers/sunspec/inverter-driver.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import { FakePhysics } from './fake-physics.js';
import { PausableProxy, freePort, waitFor } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Site time runs 10x: a 1 s poll is 100 ms, a 3 s revert timeout 300 ms. */
const speed = 10;

function context(clock = new ScaledClock({ speed })): DriverContext {
  const modbus = createModbusPool(silentLogger, { backoffInitialMs: 50, backoffMaxMs: 200 });
  cleanups.push(() => modbus.close());
  return { clock, log: silentLogger, modbus };
}

function inverter(ctx: DriverContext, port: number, extra: Record<string, unknown> = {}): SunSpecInverter {
  const config = sunspecInverterConfigSchema.parse({ host: '127.0.0.1', port, revertS: 3, ...extra });
  const device = new SunSpecInverter({ ...config, id: 'pv', role: 'pv', type: 'sunspec-inverter' }, ctx);
  cleanups.push(() => device.stop());
  return device;
}

async function simulator(clock: ScaledClock, physics = new FakePhysics(), port?: number) {
  const sim = await startSunSpecSim({ physics, clock, ...(port === undefined ? {} : { port }) });
  cleanups.push(() => sim.close());
  return { sim, physics };
}

describe('SunSpec inverter driver against the simulator', () => {
  it('is created from the registry definition with defaults and the PV capabilities', () => {
    const ctx = context();
    const config = sunspecInverterDriver.configSchema.parse({ host: 'inverter.local' });
    expect(config).toMatchObject({ port: 502, unitId: 1, pollMs: 1000, revertS: 60 });
    const device = sunspecInverterDriver.create({ ...config, id: 'pv', role: 'pv', type: 'sunspec-inverter' }, ctx);
    expect(has(device, 'powerMeter') && has(device, 'energyMeter') && has(device, 'pvControl')).toBe(true);
    expect(has(device, 'batteryControl')).toBe(false);
    expect(() => sunspecInverterDriver.configSchema.parse({ host: 'x', prot: 502 })).toThrow(/prot/);
    expect(device.health().status).toBe('connecting');
  });

  it('reads PV power and lifetime energy that match the physics', async () => {
    const ctx = context();
    const { sim, physics } = await simulator(ctx.clock as ScaledClock);
    const device = inverter(ctx, sim.port);
    let readings = 0;
    device.onReading(() => readings++);
    expect(device.powerW()).toBeNull();
    await device.start();
    await waitFor('first reading', () => readings > 0);
    expect(device.powerW()).toBe(4321);
    expect(device.energyExportWh()).toBe(123_456);
    expect(device.energyImportWh()).toBeNull();
    expect(device.maxPowerW()).toBe(10_000);
    const health = device.health();
    expect(health.status).toBe('ok');
    expect(health.lastError).toBeNull();
    expect(health.counters.polls).toBeGreaterThanOrEqual(1);
    expect(device.discovery()?.identity?.serial).toBe('SIM-INV-0001');

    // A power that needs a coarser W_SF: value and scale factor are read together.
    physics.current.pvW = 40_123;
    physics.current.pvEnergyWh = 200_000.4;
    await waitFor('new power', () => device.powerW() === 40_120, 3000);
    expect(device.energyExportWh()).toBe(200_000);
  });

  it('curtails through model 123: the sim applies the limit, removing it restores full power', async () => {
    const ctx = context();
    const { sim, physics } = await simulator(ctx.clock as ScaledClock);
    const device = inverter(ctx, sim.port);
    await device.start();
    await waitFor('first reading', () => device.health().status === 'ok');
    await device.setPvLimitW(2500);
    expect(physics.lastPvLimitW).toBe(2500);
    await device.setPvLimitW(12_000); // above WMax: a 100 % cap
    expect(physics.lastPvLimitW).toBe(10_000);
    await device.setPvLimitW(0);
    expect(physics.lastPvLimitW).toBe(0);
    await device.setPvLimitW(null);
    expect(physics.lastPvLimitW).toBeNull();
    await expect(device.setPvLimitW(-5)).rejects.toThrow(/PV limit must be/);
    const polls = device.health().counters.polls ?? 0;
    await waitFor('a poll after the writes', () => (device.health().counters.polls ?? 0) > polls + 1);
    expect(device.health().lastError).toBeNull();
    // Limit + enable the first time; once the enable is on, a new limit is one write; removing it one more.
    expect(device.health().counters.writes).toBe(5);
  });

  it('keeps the limit alive by rewriting, and the sim reverts it after the timeout once the hub stops writing', async () => {
    const ctx = context();
    const clock = ctx.clock as ScaledClock;
    const { sim, physics } = await simulator(clock);
    const device = inverter(ctx, sim.port);
    await device.start();
    await waitFor('first reading', () => device.health().status === 'ok');
    await device.setPvLimitW(3000);
    const setAt = clock.now();
    // Twice the revert timeout with the driver alive: rewrites keep the cap.
    await waitFor('two revert periods', () => clock.now() - setAt > 6000, 3000);
    expect(physics.pvLimits).toEqual([3000]);
    expect(physics.current.pvLimitW).toBe(3000);
    expect(device.health().counters.writes).toBeGreaterThanOrEqual(4);

    // The hub dies: its connection is gone, nobody rewrites.
    await ctx.modbus.close();
    const diedAt = clock.now();
    await waitFor('the inverter reverting', () => physics.lastPvLimitW === null, 3000);
    const revertedAfterMs = clock.now() - diedAt;
    // The last rewrite was at most a third of the timeout before; allow timer jitter at this speed.
    expect(revertedAfterMs).toBeGreaterThan(3000 - 1000 - 500);
    expect(revertedAfterMs).toBeLessThan(3000 + 3000);
  });

  it('reports a read timeout with the model and address, then goes stale', async () => {
    const ctx = context();
    const { sim } = await simulator(ctx.clock as ScaledClock);
    const proxy = await PausableProxy.start(sim.port);
    cleanups.push(() => proxy.close());
    const device = inverter(ctx, proxy.port, { timeoutMs: 150 });
    await device.start();
    await waitFor('first reading', () => device.health().status === 'ok');
    proxy.paused = true;
    await waitFor('a timeout', () => device.health().status === 'error', 3000);
    const health = device.health();
    expect(health.lastError).toBe(`timeout reading model 103 at 40070 from 127.0.0.1:${proxy.port} unit 1`);
    expect(health.counters.timeouts).toBeGreaterThanOrEqual(1);
    expect(device.powerW()).toBe(4321); // still fresh
    await waitFor('stale', () => device.health().status === 'stale', 3000);
    expect(device.powerW()).toBeNull();
    expect(device.energyExportWh()).toBeNull();
  });

  it('never rejects start() for an unreachable device and finds it when it appears', async () => {
    const ctx = context();
    const port = await freePort();
    const device = inverter(ctx, port);
    await device.start();
    await waitFor('an error', () => device.health().status === 'error');
    expect(device.health().lastError).toMatch(/cannot connect to 127\.0\.0\.1:\d+/);
    await simulator(ctx.clock as ScaledClock, new FakePhysics(), port);
    await waitFor('the device after it appeared', () => device.health().status === 'ok', 5000);
    expect(device.powerW()).toBe(4321);
  });

  it('reports in health when the inverter does not hold the limit the hub wrote', async () => {
    const ctx = context();
    const { sim } = await simulator(ctx.clock as ScaledClock);
    const device = inverter(ctx, sim.port, { revertS: 600 });
    await device.start();
    await waitFor('first reading', () => device.health().status === 'ok');
    await device.setPvLimitW(2500);
    // Another client disables the limit (WMaxLim_Ena, model 123 at 40150 + 9) behind the hub's back.
    await ctx.modbus.unit('127.0.0.1', sim.port, 1).writeRegisters(40150 + 9, [0]);
    await waitFor('the mismatch', () => device.health().lastError !== null, 3000);
    expect(device.health().lastError).toBe('pv: inverter reports WMaxLim_Ena 0, WMaxLimPct 25 % but the hub wrote ENABLED at 25 % (2500 W)');
  });

  it('releases the limit on stop()', async () => {
    const ctx = context();
    const { sim, physics } = await simulator(ctx.clock as ScaledClock);
    const device = inverter(ctx, sim.port);
    await device.start();
    await waitFor('first reading', () => device.health().status === 'ok');
    await device.setPvLimitW(1000);
    await device.stop();
    expect(physics.lastPvLimitW).toBeNull();
  });
});
