/** A simulator variant plus drivers on it, torn down by the test's cleanup list. */
import { ScaledClock } from '../../../main/common/clock.js';
import { silentLogger } from '../../../main/common/log.js';
import type { DriverContext } from '../../../drivers/driver.js';
import { startSunSpecSim, type SunSpecSim, type SunSpecSimOptions } from '../../../drivers/sim/sunspec-server.js';
import { SunSpecBattery, sunspecBatteryConfigSchema } from '../../../drivers/sunspec/battery-driver.js';
import { SunSpecInverter, sunspecInverterConfigSchema } from '../../../drivers/sunspec/inverter-driver.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import { FakePhysics } from './fake-physics.js';
import { waitFor } from './helpers.js';

export type Cleanups = (() => Promise<void>)[];

/** Site time runs 10x: a 1 s poll is 100 ms, a 3 s revert timeout 300 ms. */
export const speed = 10;

export interface SimSetup {
  readonly clock: ScaledClock;
  readonly physics: FakePhysics;
  readonly sim: SunSpecSim;
  readonly ctx: DriverContext;
}

export async function simSetup(cleanups: Cleanups, options: Partial<Omit<SunSpecSimOptions, 'physics' | 'clock'>> = {}): Promise<SimSetup> {
  const clock = new ScaledClock({ speed });
  const physics = new FakePhysics();
  const sim = await startSunSpecSim({ physics, clock, ...options });
  cleanups.push(() => sim.close());
  const modbus = createModbusPool(silentLogger, { backoffInitialMs: 50, backoffMaxMs: 200 });
  cleanups.push(() => modbus.close());
  return { clock, physics, sim, ctx: { clock, log: silentLogger, modbus } };
}

export async function startInverter(cleanups: Cleanups, s: SimSetup, extra: Record<string, unknown> = {}): Promise<SunSpecInverter> {
  const config = sunspecInverterConfigSchema.parse({ host: '127.0.0.1', port: s.sim.port, unitId: 1, revertS: 3, ...extra });
  const device = new SunSpecInverter({ ...config, id: 'pv', role: 'pv', type: 'sunspec-inverter' }, s.ctx);
  cleanups.push(() => device.stop());
  await device.start();
  await waitFor('the inverter reading', () => device.health().status === 'ok', 5000);
  return device;
}

export async function startBattery(cleanups: Cleanups, s: SimSetup, extra: Record<string, unknown> = {}): Promise<SunSpecBattery> {
  const config = sunspecBatteryConfigSchema.parse({ host: '127.0.0.1', port: s.sim.port, unitId: 2, revertS: 3, ...extra });
  const device = new SunSpecBattery({ ...config, id: 'bat', role: 'battery', type: 'sunspec-battery' }, s.ctx);
  cleanups.push(() => device.stop());
  await device.start();
  await waitFor('the battery reading', () => device.health().status === 'ok', 5000);
  return device;
}

/** Waits until the driver has completed `n` more polls (each poll reads the control model back). */
export async function polls(device: { health(): { counters: Readonly<Record<string, number>> } }, n: number): Promise<void> {
  const start = device.health().counters.polls ?? 0;
  await waitFor(`${n} more polls`, () => (device.health().counters.polls ?? 0) >= start + n, 5000);
}
