import { ServerTCP } from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../main/common/clock.js';
import { HubError } from '../../../main/common/errors.js';
import { startSunSpecSim } from '../../../drivers/sim/sunspec-server.js';
import { SimSunSpecUnit } from '../../../drivers/sim/sunspec-sim-unit.js';
import { discoverSunSpec } from '../../../drivers/sunspec/discovery.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { FakePhysics } from './fake-physics.js';
import { freePort } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function newPool(): ModbusPool {
  const pool = createModbusPool();
  cleanups.push(() => pool.close());
  return pool;
}

/** A ServerTCP serving one SimSunSpecUnit; everything outside its map answers exception 2. */
async function serveUnit(unit: SimSunSpecUnit): Promise<number> {
  const port = await freePort();
  const server = new ServerTCP(
    {
      getHoldingRegister: (addr: number) => unit.read(addr, 1)[0] ?? 0,
      getMultipleHoldingRegisters: (addr: number, length: number) => unit.read(addr, length),
    },
    { host: '127.0.0.1', port, unitID: 255 },
  );
  await new Promise<void>((resolve) => server.on('initialized', () => resolve()));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return port;
}

describe('SunSpec discovery', () => {
  it('finds the simulator models at their addresses, with the common model identity', async () => {
    const sim = await startSunSpecSim({ physics: new FakePhysics(), clock: new ScaledClock() });
    cleanups.push(() => sim.close());
    const pool = newPool();

    const inverter = await discoverSunSpec(pool.unit('127.0.0.1', sim.port, 1));
    expect(inverter.base).toBe(40000);
    expect(inverter.models).toEqual([
      { id: 1, address: 40002, length: 66 },
      { id: 103, address: 40070, length: 50 },
      { id: 120, address: 40122, length: 26 },
      { id: 123, address: 40150, length: 24 },
      { id: 160, address: 40176, length: 48 },
    ]);
    expect(inverter.identity).toEqual({ manufacturer: 'SCALE Hub', model: 'Sim PV Inverter', serial: 'SIM-INV-0001', version: '1.0.0', options: null });

    const battery = await discoverSunSpec(pool.unit('127.0.0.1', sim.port, 2));
    expect(battery.models).toEqual([
      { id: 1, address: 40002, length: 66 },
      { id: 124, address: 40070, length: 24 },
      { id: 802, address: 40096, length: 62 },
    ]);
    expect(battery.identity?.model).toBe('Sim Battery');
  });

  it('falls back to base 0, then 50000, tolerating exceptions at the other bases', async () => {
    const pool = newPool();
    const atZero = await serveUnit(new SimSunSpecUnit(0, [{ id: 1, initial: { Mn: 'Zero', Md: 'm', SN: 's' } }, { id: 120 }]));
    const zero = await discoverSunSpec(pool.unit('127.0.0.1', atZero, 1));
    expect(zero.base).toBe(0);
    expect(zero.models.map((m) => [m.id, m.address])).toEqual([
      [1, 2],
      [120, 70],
    ]);
    expect(zero.identity?.manufacturer).toBe('Zero');

    const at50000 = await serveUnit(new SimSunSpecUnit(50000, [{ id: 1 }, { id: 124 }]));
    const high = await discoverSunSpec(pool.unit('127.0.0.1', at50000, 1));
    expect(high.base).toBe(50000);
    expect(high.models.map((m) => m.id)).toEqual([1, 124]);
    expect(high.identity).toEqual({ manufacturer: null, model: null, serial: null, version: null, options: null });

    // Only the configured bases are probed.
    await expect(discoverSunSpec(pool.unit('127.0.0.1', at50000, 1), { bases: [40000, 0] })).rejects.toThrow(/no SunSpec marker "SunS" at 40000, 0/);
  });

  it('stops at a model chain that ends with an exception instead of the end marker', async () => {
    const unit = new SimSunSpecUnit(40000, [{ id: 1 }, { id: 103 }]);
    // Cut the image just after model 103: the header read of the "next model" is outside the map.
    const truncated = { read: (addr: number, n: number) => (addr >= 40122 ? unit.read(-1, n) : unit.read(addr, n)) };
    const port = await serveUnit(truncated as SimSunSpecUnit);
    const found = await discoverSunSpec(newPool().unit('127.0.0.1', port, 1));
    expect(found.models.map((m) => m.id)).toEqual([1, 103]);
  });

  it('reports a device without SunSpec as not_available, a dead one as retryable', async () => {
    const pool = newPool();
    const empty = await serveUnit(new SimSunSpecUnit(30000, [{ id: 1 }]));
    const err = await discoverSunSpec(pool.unit('127.0.0.1', empty, 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('not_available');

    const dead = await discoverSunSpec(pool.unit('127.0.0.1', await freePort(), 1)).catch((e: unknown) => e);
    expect((dead as HubError).code).toBe('device_unreachable');
    expect((dead as HubError).retryable).toBe(true);
  });
});
