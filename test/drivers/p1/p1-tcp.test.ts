/**
 * The P1 driver against the P1 simulator over real loopback sockets: framing,
 * CRC handling, staleness and reconnects as they happen on a real network.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../main/common/clock.js';
import { silentLogger } from '../../../main/common/log.js';
import type { P1TcpMeter } from '../../../drivers/p1/p1-tcp.js';
import { p1TcpDriver } from '../../../drivers/p1/p1-tcp.js';
import { startP1Sim } from '../../../drivers/sim/p1-server.js';
import type { P1SimServer } from '../../../drivers/sim/p1-server.js';
import { HomePhysics } from '../../../drivers/sim/physics.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { fixture, withValidCrc } from './fixtures.js';
import { count, meter, nextReading, waitFor } from './helpers.js';
import { ManualClock } from '../../support/manual-clock.js';

/** Friday 2024-06-21 12:00 local (CEST): tariff 2. */
const NOON = Date.UTC(2024, 5, 21, 10, 0);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A home whose grid power is fixed by the test: no battery action, no car, constant load and PV. */
function quietHome(clock: ManualClock | ScaledClock, loadW: number, pvW: number): HomePhysics {
  const physics = new HomePhysics(clock, { seed: 3, startMs: clock.now() });
  physics.setBatteryCommandW(0);
  physics.setCarPluggedIn(false);
  physics.setLoadOverrideW(loadW);
  physics.setPvOverrideW(pvW);
  return physics;
}

async function rig(clock: ManualClock | ScaledClock, physics: HomePhysics, port = 0): Promise<{ sim: P1SimServer; driver: P1TcpMeter }> {
  physics.start();
  cleanups.push(() => physics.stop());
  const sim = await startP1Sim({ physics, clock, port });
  cleanups.push(() => sim.close());
  const driver = meter(clock, sim.port);
  cleanups.push(() => driver.stop());
  await driver.start();
  await waitFor(() => sim.clientCount === 1, 'the driver to connect');
  return { sim, driver };
}

describe('p1-tcp driver with the P1 simulator, one telegram at a time', () => {
  it('reads power, phases and energy as the physics and the meter registers say', async () => {
    const clock = new ManualClock(NOON);
    const physics = quietHome(clock, 5400, 0);
    const { driver } = await rig(clock, physics);
    expect(driver.health().status).toBe('connecting');
    expect(driver.powerW()).toBeNull();

    let arrived = nextReading(driver);
    clock.advance(1000);
    await arrived;
    const s = physics.state();
    expect(driver.powerW()).toBe(Math.round(s.gridW));
    expect(driver.powerW()).toBe(5400);
    const phases = driver.phases();
    expect(phases).toHaveLength(3);
    phases?.forEach((p, i) => {
      const sim = s.phases[i];
      expect(p.powerW).toBe(1800);
      expect(p.voltageV).toBe(Math.round((sim?.voltageV ?? 0) * 10) / 10);
      expect(p.currentA).toBe(Math.round(sim?.currentA ?? 0));
    });
    // Site time is noon local, Friday: the normal tariff register (1.8.2) counts.
    expect(driver.lastReading()?.tariff).toBe(2);
    expect(driver.lastReading()?.timestampMs).toBe(NOON + 1000);
    const startImportWh = driver.energyImportWh() ?? 0;
    const startT2 = driver.lastReading()?.energyImportT2Wh ?? 0;
    for (let i = 0; i < 4; i++) {
      arrived = nextReading(driver);
      clock.advance(1000);
      await arrived;
    }
    // 5400 W for 4 s = 6 Wh, all in tariff 2; the meter shows whole Wh.
    expect((driver.energyImportWh() ?? 0) - startImportWh).toBe(6);
    expect((driver.lastReading()?.energyImportT2Wh ?? 0) - startT2).toBe(6);
    expect(driver.energyExportWh()).toBe(812_345 + 1_654_321);
    expect(driver.health()).toMatchObject({ status: 'ok', lastValidTs: NOON + 5000, lastError: null, counters: { telegrams: 5, crcErrors: 0, parseErrors: 0, reconnects: 0 } });
  });

  it('drops corrupted telegrams: crcErrors count them and no reading changes', async () => {
    const clock = new ManualClock(NOON);
    const physics = quietHome(clock, 1000, 0);
    const { sim, driver } = await rig(clock, physics);
    let readings = 0;
    driver.onReading(() => readings++);

    let arrived = nextReading(driver);
    clock.advance(1000);
    await arrived;
    expect(driver.powerW()).toBe(1000);

    sim.corruptNext(2);
    physics.setLoadOverrideW(7000);
    clock.advance(2000);
    await waitFor(() => count(driver, 'crcErrors') === 2, 'two CRC errors');
    expect(readings).toBe(1);
    expect(driver.powerW()).toBe(1000);
    expect(driver.health().lastError).toMatch(/^CRC mismatch: telegram says [0-9A-F]{4}, computed [0-9A-F]{4}$/);

    arrived = nextReading(driver);
    clock.advance(1000);
    await arrived;
    expect(driver.powerW()).toBe(7000);
    expect(readings).toBe(2);
    expect(driver.health().counters).toMatchObject({ telegrams: 2, crcErrors: 2 });
  });

  it('goes stale 5 site-seconds after the last telegram, and recovers when the meter is back on the same port', async () => {
    const clock = new ManualClock(NOON);
    const physics = quietHome(clock, 2000, 3000);
    const { sim, driver } = await rig(clock, physics);
    let arrived = nextReading(driver);
    clock.advance(1000);
    await arrived;
    expect(driver.powerW()).toBe(-1000);
    const port = sim.port;

    await sim.close();
    await waitFor(() => count(driver, 'reconnects') > 0, 'a reconnect attempt');
    clock.advance(5000);
    expect(driver.health().status).toBe('ok');
    clock.advance(2000);
    const stale = driver.health();
    expect(stale.status).toBe('stale');
    expect(stale.lastError).toMatch(/^no valid telegram for 7 s: last error /);
    expect(driver.powerW()).toBeNull();
    expect(driver.phases()).toBeNull();

    const again = await startP1Sim({ physics, clock, port });
    cleanups.push(() => again.close());
    await waitFor(() => again.clientCount === 1, 'the driver to reconnect');
    arrived = nextReading(driver);
    clock.advance(1000);
    await arrived;
    expect(driver.health().status).toBe('ok');
    expect(driver.powerW()).toBe(-1000);
  });

  it('reports an unreachable meter as an error and keeps trying', async () => {
    const clock = new ManualClock(NOON);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const driver = meter(clock, port);
    cleanups.push(() => driver.stop());
    await driver.start();
    await waitFor(() => count(driver, 'reconnects') >= 2, 'reconnect attempts');
    const h = driver.health();
    expect(h.status).toBe('error');
    expect(h.lastError).toContain('ECONNREFUSED');
  });
});

describe('p1-tcp driver with the P1 simulator on a ScaledClock (speed 10)', () => {
  it('streams readings that match the physics, survives corruption, goes stale and recovers', async () => {
    const clock = new ScaledClock({ startMs: NOON, speed: 10 });
    const physics = quietHome(clock, 1000, 4000);
    const { sim, driver } = await rig(clock, physics);
    let readings = 0;
    driver.onReading(() => readings++);

    await waitFor(() => readings >= 3, 'three readings');
    expect(driver.powerW()).toBe(-3000);
    const s = physics.state();
    driver.phases()?.forEach((p, i) => {
      expect(p.powerW).toBe(-1000);
      expect(Math.abs((p.voltageV ?? 0) - (s.phases[i]?.voltageV ?? 0))).toBeLessThan(0.3);
    });

    // Every reading came from a valid telegram: the listener count equals the telegram counter, before and after corruption.
    sim.corruptNext(3);
    await waitFor(() => count(driver, 'crcErrors') === 3, 'three CRC errors');
    const telegramsAfterCorruption = count(driver, 'telegrams');
    await waitFor(() => count(driver, 'telegrams') >= telegramsAfterCorruption + 2, 'valid telegrams after the corrupted ones');
    expect(readings).toBe(count(driver, 'telegrams'));
    expect(driver.powerW()).toBe(-3000);
    expect(driver.health().status).toBe('ok');

    const port = sim.port;
    await sim.close();
    expect(driver.health().status).toBe('ok');
    await waitFor(() => driver.health().status === 'stale', 'stale', 3000);
    const silentFor = clock.now() - (driver.health().lastValidTs ?? 0);
    expect(silentFor).toBeGreaterThan(5000);
    expect(silentFor).toBeLessThan(8000);
    expect(driver.health().lastError).toMatch(/^no valid telegram for \d+ s: last error /);

    const again = await startP1Sim({ physics, clock, port });
    cleanups.push(() => again.close());
    await waitFor(() => driver.health().status === 'ok', 'recovery', 3000);
    expect(count(driver, 'reconnects')).toBeGreaterThan(0);
    expect(driver.powerW()).toBe(-3000);
  });
});

describe('p1-tcp driver with raw bytes', () => {
  async function rawMeter(send: (socket: Socket) => void): Promise<{ driver: P1TcpMeter; server: Server; clock: ManualClock; connections: () => number }> {
    let open = 0;
    const server = createServer((socket) => {
      open++;
      socket.on('close', () => open--);
      send(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const clock = new ManualClock(NOON);
    const driver = meter(clock, (server.address() as AddressInfo).port);
    cleanups.push(() => driver.stop());
    await driver.start();
    return { driver, server, clock, connections: () => open };
  }

  it('calls a silent connection stale, and stop() closes it for good', async () => {
    const { driver, clock, connections } = await rawMeter(() => undefined);
    await waitFor(() => connections() === 1, 'the connection');
    clock.advance(4000);
    expect(driver.health().status).toBe('connecting');
    clock.advance(2000);
    expect(driver.health()).toMatchObject({ status: 'stale', lastError: 'no telegram received in 6 s since start' });
    await driver.stop();
    await waitFor(() => connections() === 0, 'the connection to close');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(connections()).toBe(0);
    expect(count(driver, 'reconnects')).toBe(0);
  });

  it('accepts DSMR 3 telegrams without CRC, but not once the meter has sent CRCs', async () => {
    const { driver } = await rawMeter((socket) => {
      socket.write(fixture('nl-iskra-v3'), 'latin1');
      socket.write(fixture('nl-iskra-v5'), 'latin1');
      socket.write(fixture('nl-iskra-v3'), 'latin1');
    });
    await waitFor(() => count(driver, 'crcErrors') === 1, 'the second DSMR 3 telegram to be refused');
    expect(count(driver, 'telegrams')).toBe(2);
    expect(driver.powerW()).toBe(244);
    expect(driver.health().lastError).toBe('CRC missing in a telegram from a meter that sends CRCs');
  });

  it('counts telegrams it cannot read as parse errors and keeps the last good values', async () => {
    const { driver } = await rawMeter((socket) => {
      socket.write(fixture('se-landisgyr-e360'), 'latin1');
      socket.write(withValidCrc('/ABC5 no power here\r\n\r\n0-0:96.14.0(0001)\r\n!'), 'latin1');
      socket.write(withValidCrc('/ABC5 bad unit\r\n\r\n1-0:1.7.0(1.000*kWh)\r\n1-0:2.7.0(0.000*kW)\r\n!'), 'latin1');
    });
    await waitFor(() => count(driver, 'parseErrors') === 2, 'the two unreadable telegrams');
    expect(driver.health().counters).toMatchObject({ telegrams: 1, crcErrors: 0 });
    expect(driver.health().lastError).toBe('1-0:1.7.0: unit "kWh" is not a power unit');
    expect(driver.powerW()).toBe(2301);
    expect(driver.phases()?.map((p) => p.powerW)).toEqual([622, 667, 1011]);
    expect(driver.energyImportWh()).toBe(10_501_076);
  });
});

describe('p1TcpDriver definition', () => {
  const ctx = { clock: new ManualClock(NOON), log: silentLogger, modbus: {} as ModbusPool };

  it('validates its config strictly', () => {
    expect(p1TcpDriver.configSchema.safeParse({ host: 'p1.local', port: 23 }).success).toBe(true);
    expect(p1TcpDriver.configSchema.safeParse({ host: 'p1.local', port: 23, staleAfterMs: 10_000 }).success).toBe(true);
    expect(p1TcpDriver.configSchema.safeParse({ host: '', port: 23 }).success).toBe(false);
    expect(p1TcpDriver.configSchema.safeParse({ host: 'p1.local', port: 70_000 }).success).toBe(false);
    expect(p1TcpDriver.configSchema.safeParse({ host: 'p1.local', port: 23, stale: 1 }).success).toBe(false);
  });

  it('creates a grid meter with power, energy, phase and tariff capabilities', () => {
    const device = p1TcpDriver.create({ id: 'grid', role: 'grid', type: 'p1-tcp', host: '127.0.0.1', port: 1 }, ctx);
    expect(device.type).toBe('p1-tcp');
    expect(device.role).toBe('grid');
    expect([...device.capabilities].sort()).toEqual(['energyMeter', 'meterTariffInfo', 'phaseMeter', 'powerMeter']);
    expect(p1TcpDriver.roles).toEqual(['grid']);
  });
});
