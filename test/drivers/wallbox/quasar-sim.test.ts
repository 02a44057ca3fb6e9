/**
 * The Quasar simulator on its own, over real Modbus TCP with a plain
 * modbus-serial client: the device behaviour the driver relies on.
 */
import ModbusRTUModule from 'modbus-serial';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../main/common/clock.js';
import { startQuasarSim, type QuasarSim } from '../../../drivers/sim/quasar-server.js';
import { createFakePhysics, waitFor, waitUntilSite, type FakePhysics } from './helpers.js';

// modbus-serial is CommonJS with `module.exports.default = module.exports`; under NodeNext the class is `.default`.
const ModbusRTU = ModbusRTUModule.default;
type Client = InstanceType<typeof ModbusRTU>;

const SPEED = 40;

let clock: ScaledClock;
let physics: FakePhysics;
let sim: QuasarSim;
let client: Client;

beforeEach(async () => {
  clock = new ScaledClock({ speed: SPEED, startMs: Date.UTC(2025, 5, 1, 12) });
  physics = createFakePhysics(clock);
  sim = await startQuasarSim({ physics, clock });
  client = new ModbusRTU();
  await client.connectTCP('127.0.0.1', { port: sim.port });
  client.setID(1);
  client.setTimeout(1000);
});

afterEach(async () => {
  client.close(() => undefined);
  await sim.close();
});

async function read(address: number): Promise<number> {
  const res = await client.readHoldingRegisters(address, 1);
  const v = res.data[0];
  if (v === undefined) throw new Error(`no data for ${address}`);
  return v;
}

async function write(address: number, ...values: number[]): Promise<void> {
  await client.writeRegisters(address, values);
}

async function exceptionOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
  } catch (err) {
    return (err as { modbusCode?: number }).modbusCode;
  }
  return undefined;
}

describe('Quasar simulator', () => {
  it('answers illegal data value outside the ranges and illegal data address for read-only or missing registers', async () => {
    await write(0x51, 1);
    expect(await exceptionOf(write(0x104, 0x10000 - 7401))).toBe(3); // -7401 W
    expect(await exceptionOf(write(0x104, 7401))).toBe(3);
    expect(await exceptionOf(write(0x102, 33))).toBe(3);
    expect(await exceptionOf(write(0x102, 0x10000 - 33))).toBe(3); // -33 A
    expect(await exceptionOf(write(0x101, 4))).toBe(3);
    expect(await exceptionOf(write(0x51, 2))).toBe(3);
    expect(await exceptionOf(write(0x219, 1))).toBe(2); // state is read-only
    expect(await exceptionOf(write(0x20e, 0))).toBe(2); // actual power is read-only
    expect(await exceptionOf(write(0x103, 0))).toBe(2); // no such register
    expect(await exceptionOf(client.readHoldingRegisters(0x103, 1))).toBe(2);
    // A multi-register write with one bad word changes nothing.
    expect(await exceptionOf(write(0x101, 1, 40))).toBe(3);
    expect(sim.state()).toMatchObject({ currentSetpointA: 0, session: 'stopped', rejectedWrites: 10 });
    // The limits themselves are accepted, in two's complement.
    await write(0x104, 0xe318);
    await write(0x102, 0xffe0);
    expect(sim.state()).toMatchObject({ powerSetpointW: -7400, currentSetpointA: -32 });
    expect(await read(0x104)).toBe(0xe318);
    expect(await read(0x102)).toBe(0xffe0);
  });

  it('reads the status block 0x20E..0x21E in one request', async () => {
    const res = await client.readHoldingRegisters(0x20e, 17);
    expect(res.data).toHaveLength(17);
    expect(res.data[0x219 - 0x20e]).toBe(4); // car plugged in, no session: paused
    expect(res.data[0x21a - 0x20e]).toBe(0); // no SoC outside a session
    expect(await read(0x202)).toBe(7400);
  });

  it('ignores setpoints and actions while the app has control (0x51 = 0)', async () => {
    await write(0x53, 1);
    await write(0x104, 3000);
    await write(0x101, 1);
    await waitUntilSite(clock, clock.now() + 25_000);
    expect(physics.carPowerW()).toBe(0);
    expect(sim.state()).toMatchObject({ remoteControl: false, session: 'stopped', powerSetpointW: 3000 });
    expect(await read(0x219)).toBe(4);
  });

  it('starts after the start delay, discharges on a negative setpoint after the change delay, and reports SoC only in a session', async () => {
    await write(0x51, 1);
    await write(0x58, 600);
    await write(0x53, 1);
    await write(0x104, 3000);
    const t0 = clock.now();
    await write(0x101, 1);
    expect(await read(0x219)).toBe(2); // starting: waiting for car demand
    await waitFor('charging at 3000 W', () => physics.carPowerW() === 3000);
    const firstW = physics.commands.find((c) => c.w > 0);
    expect(firstW?.ts).toBeGreaterThanOrEqual(t0 + 22_000);
    expect(firstW?.ts).toBeLessThan(t0 + 22_000 + 5000);
    expect(await read(0x219)).toBe(1);
    expect(await read(0x21a)).toBe(55);
    expect(await read(0x20e)).toBe(3000);

    const t1 = clock.now();
    await write(0x104, 0x10000 - 2000);
    await waitFor('discharging at 2000 W', () => physics.carPowerW() === -2000);
    const firstDown = physics.commands.find((c) => c.ts > t1 && c.w < 3000);
    expect(firstDown?.ts).toBeGreaterThanOrEqual(t1 + 8000);
    expect(await read(0x219)).toBe(11);
    expect(await read(0x20e)).toBe(0x10000 - 2000);
  });

  it('falls back by itself after the idle timeout: stops, leaves remote control, autostart back on', async () => {
    await write(0x51, 1);
    await write(0x52, 0);
    await write(0x58, 30);
    await write(0x53, 0);
    await write(0x102, 10);
    await write(0x101, 1);
    const lastWrite = clock.now();
    await waitFor('charging at 10 A', () => physics.carPowerW() === 2300);
    await waitFor('fallback', () => sim.state().fallbacks === 1, 5000);
    expect(clock.now() - lastWrite).toBeGreaterThanOrEqual(30_000);
    expect(sim.state()).toMatchObject({ remoteControl: false, autostart: true, session: 'stopped' });
    await waitFor('power ramped to 0', () => physics.carPowerW() === 0);
    expect(await read(0x51)).toBe(0);
    expect(await read(0x219)).toBe(4);
  });

  it('reports no car and ignores a start without one', async () => {
    physics.car.pluggedIn = false;
    await write(0x51, 1);
    await write(0x101, 1);
    expect(await read(0x219)).toBe(0);
    expect(sim.state().session).toBe('stopped');
  });

  it('closes promptly with a client still connected', async () => {
    const t = performance.now();
    await sim.close();
    expect(performance.now() - t).toBeLessThan(500);
    sim = await startQuasarSim({ physics, clock }); // for afterEach
  });
});
