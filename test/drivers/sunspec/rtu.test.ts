/**
 * The SunSpec drivers over Modbus RTU: the same code path as TCP, the
 * simulator on one end of a socat pseudo-terminal pair, the drivers on the
 * other. Without socat these tests fail and say what to install.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../main/common/clock.js';
import { silentLogger } from '../../../main/common/log.js';
import type { DriverContext } from '../../../drivers/driver.js';
import { startSunSpecRtuSim } from '../../../drivers/sim/sunspec-server-rtu.js';
import { SunSpecBattery, sunspecBatteryConfigSchema } from '../../../drivers/sunspec/battery-driver.js';
import { SunSpecInverter, sunspecInverterConfigSchema } from '../../../drivers/sunspec/inverter-driver.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import { openPtyPair, requireSocat } from '../transports/modbus-rtu-pty.js';
import { FakePhysics } from './fake-physics.js';
import { waitFor } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

beforeAll(() => requireSocat());

const lineSettings = { baudRate: 19_200, dataBits: 8, parity: 'even', stopBits: 1 } as const;

async function setup(options: { inverterProfile?: 'int' | 'der' } = {}) {
  const pty = await openPtyPair();
  cleanups.push(() => pty.close());
  const clock = new ScaledClock({ speed: 10 });
  const physics = new FakePhysics();
  const sim = await startSunSpecRtuSim({ physics, clock, serial: { path: pty.a, ...lineSettings }, ...options });
  cleanups.push(() => sim.close());
  const modbus = createModbusPool(silentLogger, { backoffInitialMs: 50, backoffMaxMs: 200 });
  cleanups.push(() => modbus.close());
  const ctx: DriverContext = { clock, log: silentLogger, modbus };
  const serial = { path: pty.b, ...lineSettings };
  return { physics, ctx, serial };
}

describe('SunSpec over Modbus RTU (socat pty pair)', () => {
  it('discovers, reads and controls an inverter and a battery sharing one serial line', async () => {
    const { physics, ctx, serial } = await setup();
    const pvConfig = sunspecInverterConfigSchema.parse({ serial, unitId: 1, revertS: 3, timeoutMs: 1000 });
    const pv = new SunSpecInverter({ ...pvConfig, id: 'pv', role: 'pv', type: 'sunspec-inverter' }, ctx);
    const batConfig = sunspecBatteryConfigSchema.parse({ serial, unitId: 2, revertS: 3, timeoutMs: 1000 });
    const bat = new SunSpecBattery({ ...batConfig, id: 'bat', role: 'battery', type: 'sunspec-battery' }, ctx);
    cleanups.push(() => pv.stop(), () => bat.stop());
    await Promise.all([pv.start(), bat.start()]);
    await waitFor('both reading', () => pv.health().status === 'ok' && bat.health().status === 'ok', 10_000);
    expect(pv.discovery()?.models.map((m) => m.id)).toEqual([1, 103, 120, 123, 160]);
    expect(pv.powerW()).toBe(4321);
    expect(bat.socPct()).toBe(55.3);
    await pv.setPvLimitW(2500);
    await bat.setBatteryPowerW(-1000);
    expect(physics.lastPvLimitW).toBe(2500);
    expect(physics.lastBatteryCommandW).toBe(-1000);
    physics.current.battery.powerW = -1000;
    await waitFor('the battery power', () => bat.powerW() === -1000, 5000);
    expect(pv.health().lastError).toBeNull();
    expect(bat.health().lastError).toBeNull();
    expect(pv.health().counters.reconnects).toBe(0);
  });

  it('reads the DER models (a 155-register 701 in parts) over a serial line', async () => {
    const { ctx, serial } = await setup({ inverterProfile: 'der' });
    const config = sunspecInverterConfigSchema.parse({ serial, unitId: 1, timeoutMs: 1000 });
    const pv = new SunSpecInverter({ ...config, id: 'pv', role: 'pv', type: 'sunspec-inverter' }, ctx);
    cleanups.push(() => pv.stop());
    await pv.start();
    await waitFor('reading', () => pv.health().status === 'ok', 10_000);
    expect(pv.powerW()).toBe(4321);
    expect(pv.energyExportWh()).toBe(123_456);
  });

  it('times out on a unit id nobody has, naming the line', async () => {
    const { ctx, serial } = await setup();
    const config = sunspecInverterConfigSchema.parse({ serial, unitId: 7, timeoutMs: 150 });
    const pv = new SunSpecInverter({ ...config, id: 'pv', role: 'pv', type: 'sunspec-inverter' }, ctx);
    cleanups.push(() => pv.stop());
    await pv.start();
    await waitFor('an error', () => pv.health().status === 'error', 5000);
    expect(pv.health().lastError).toBe(`timeout reading 2 registers at 40000 from ${serial.path} 19200 8E1 unit 7 (no answer within 150 ms)`);
  });

  it('validates the serial config like every config key', () => {
    expect(() => sunspecInverterConfigSchema.parse({})).toThrow(/expected a host name or IP address \(Modbus TCP\), or a serial line/);
    expect(() => sunspecInverterConfigSchema.parse({ host: 'x', serial: { path: '/dev/ttyUSB0' } })).toThrow(/either host .* or serial/);
    expect(() => sunspecInverterConfigSchema.parse({ serial: { path: '/dev/ttyUSB0' }, unitId: 0 })).toThrow(/Modbus RTU address in 1\.\.247/);
    expect(sunspecInverterConfigSchema.parse({ serial: { path: '/dev/ttyUSB0' } })).toMatchObject({
      serial: { path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
      unitId: 1,
    });
  });
});
