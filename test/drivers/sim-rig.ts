/** A quiet simulated home and a stream-meter driver connected to a family's simulator, for the driver tests. */
import { silentLogger } from '../../main/common/log.js';
import type { DriverDefinition } from '../../drivers/driver.js';
import type { StreamMeter } from '../../drivers/p1/stream-meter.js';
import { HomePhysics } from '../../drivers/sim/physics.js';
import type { ModbusPool } from '../../drivers/transports/modbus-types.js';
import { waitFor } from './p1/helpers.js';
import type { ManualClock } from '../support/manual-clock.js';

export const NOON = Date.UTC(2024, 5, 21, 10, 0);

export function quietPhysics(clock: ManualClock, loadW: number, pvW: number): HomePhysics {
  const physics = new HomePhysics(clock, { seed: 3, startMs: clock.now() });
  physics.setBatteryCommandW(0);
  physics.setCarPluggedIn(false);
  physics.setLoadOverrideW(loadW);
  physics.setPvOverrideW(pvW);
  return physics;
}

export async function connectDriver<C extends object>(
  driver: DriverDefinition<C>,
  raw: Record<string, unknown>,
  clock: ManualClock,
  server: { clientCount: number },
): Promise<{ meter: StreamMeter; counter: (name: string) => number }> {
  const config = driver.configSchema.parse(raw);
  const meter = driver.create({ ...config, id: 'grid', role: 'grid', type: driver.type }, { clock, log: silentLogger, modbus: {} as ModbusPool }) as StreamMeter;
  await meter.start();
  await waitFor(() => server.clientCount === 1, 'the driver to connect');
  return { meter, counter: (name) => meter.health().counters[name] ?? 0 };
}
