/**
 * Bad input and faults: a device that rejects long reads or parts of its map,
 * reboots mid-session, comes back with another model map, answers at no unit
 * id we asked, or goes silent. Clear health, no wrong numbers, recovery on
 * its own, and the hub's settings back on the device after a reboot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSunSpecSim } from '../../../drivers/sim/sunspec-server.js';
import type { ModbusUnitWithStats } from '../../../drivers/transports/modbus-types.js';
import { waitFor } from './helpers.js';
import { polls, simSetup, startBattery, startInverter, type Cleanups } from './sim-setup.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const m103 = 40070;

function exceptionsSeen(s: { ctx: { modbus: { unit(h: string, p: number, u: number): unknown } } }, port: number): number {
  return (s.ctx.modbus.unit('127.0.0.1', port, 1) as ModbusUnitWithStats).connectionStats().exceptions;
}

describe('SunSpec drivers under faults', () => {
  it('copes with a device that rejects long reads: splits on the exception by itself, or never sends one with maxRegistersPerRead', async () => {
    const s = await simSetup(cleanups);
    s.sim.inverter.unit.faults.maxReadRegisters = 30;
    const pv = await startInverter(cleanups, s);
    expect(pv.powerW()).toBe(4321);
    expect(pv.discovery()?.identity?.serial).toBe('SIM-INV-0001');
    expect(exceptionsSeen(s, s.sim.port)).toBeGreaterThan(0);

    const t = await simSetup(cleanups);
    t.sim.inverter.unit.faults.maxReadRegisters = 30;
    const limited = await startInverter(cleanups, t, { maxRegistersPerRead: 30 });
    await polls(limited, 2);
    expect(limited.powerW()).toBe(4321);
    expect(exceptionsSeen(t, t.sim.port)).toBe(0);
  });

  it('reads points the device refuses as not available, never as numbers, and keeps the rest', async () => {
    const s = await simSetup(cleanups);
    s.sim.inverter.unit.faults.rejectRanges = [{ address: m103 + 14, count: 1 }]; // 103 W
    const pv = await startInverter(cleanups, s);
    await polls(pv, 2);
    expect(pv.powerW()).toBeNull();
    expect(pv.energyExportWh()).toBe(123_456);
    expect(pv.health().status).toBe('ok');
  });

  it('rides through a reboot: error while it is away, then readings, and the limit and setpoint written again', async () => {
    const s = await simSetup(cleanups);
    const pv = await startInverter(cleanups, s, { revertS: 600 });
    const bat = await startBattery(cleanups, s, { revertS: 600 });
    await pv.setPvLimitW(3000);
    await bat.setBatteryPowerW(-1500);
    expect([s.physics.lastPvLimitW, s.physics.lastBatteryCommandW]).toEqual([3000, -1500]);

    const rebooting = s.sim.reboot(400);
    await waitFor('the device forgetting', () => s.physics.lastPvLimitW === null && s.physics.lastBatteryCommandW === null, 3000);
    await waitFor('an error in health', () => pv.health().status === 'error' && bat.health().status === 'error', 3000);
    expect(pv.health().lastError).toMatch(/127\.0\.0\.1:\d+/);
    expect(pv.powerW()).toBe(4321); // the last reading is still recent: kept until it goes stale
    await rebooting;
    await waitFor('readings again', () => pv.health().status === 'ok' && bat.health().status === 'ok', 10_000);
    await waitFor('the hub settings back on the device', () => s.physics.lastPvLimitW === 3000 && s.physics.lastBatteryCommandW === -1500, 10_000);
    await waitFor('health clean', () => pv.health().lastError === null && bat.health().lastError === null, 5000);
    expect(pv.health().counters.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('walks the model chain again when the device comes back with another map', async () => {
    const s = await simSetup(cleanups);
    const pv = await startInverter(cleanups, s);
    expect(pv.discovery()?.models.map((m) => m.id)).toContain(103);
    const port = s.sim.port;
    await s.sim.close();
    // Same address, new firmware: float models now where 103 was.
    const again = await startSunSpecSim({ physics: s.physics, clock: s.clock, port, inverterProfile: 'float' });
    cleanups.push(() => again.close());
    await waitFor('rediscovery', () => pv.discovery()?.models.some((m) => m.id === 113) === true && pv.health().status === 'ok', 10_000);
    expect(pv.powerW()).toBe(4321);
  });

  it('says so when nothing answers at the configured unit id, and keeps trying', async () => {
    const s = await simSetup(cleanups);
    const { SunSpecInverter, sunspecInverterConfigSchema } = await import('../../../drivers/sunspec/inverter-driver.js');
    const config = sunspecInverterConfigSchema.parse({ host: '127.0.0.1', port: s.sim.port, unitId: 9 });
    const pv = new SunSpecInverter({ ...config, id: 'pv', role: 'pv', type: 'sunspec-inverter' }, s.ctx);
    cleanups.push(() => pv.stop());
    await pv.start();
    await waitFor('an error', () => pv.health().status === 'error', 3000);
    expect(pv.health().lastError).toBe(
      `nothing answers at unit id 9 behind 127.0.0.1:${s.sim.port} (Modbus exception 11 (gateway target device failed to respond) reading 2 registers at 40000 from 127.0.0.1:${s.sim.port} unit 9); check the unit id (SMA uses 126, KOSTAL uses 71)`,
    );
    expect(pv.powerW()).toBeNull();
  });

  it('goes to error on timeouts from a silent unit, stale after 5 s, and back to ok when it answers', async () => {
    const s = await simSetup(cleanups);
    const bat = await startBattery(cleanups, s, { timeoutMs: 100 });
    s.sim.battery.unit.faults.silent = true;
    await waitFor('timeouts', () => bat.health().status === 'error', 3000);
    expect(bat.health().lastError).toMatch(/^timeout reading model (124|802) at 400\d\d from 127\.0\.0\.1:\d+ unit 2$/);
    await waitFor('stale', () => bat.health().status === 'stale', 5000);
    expect(bat.socPct()).toBeNull();
    s.sim.battery.unit.faults.silent = false;
    await waitFor('ok again', () => bat.health().status === 'ok', 10_000);
    expect(bat.socPct()).toBe(55.3);
  });

  it('reports a write the device refuses, with the points, model and address, and counts it', async () => {
    const s = await simSetup(cleanups);
    const pv = await startInverter(cleanups, s);
    s.sim.inverter.unit.faults.refuseWrites = 4;
    await expect(pv.setPvLimitW(2500)).rejects.toThrow(
      `writing WMaxLimPct, WMaxLimPct_WinTms, WMaxLimPct_RvrtTms of model 123 at 40155 to 127.0.0.1:${s.sim.port} unit 1 failed: Modbus exception 4 (server device failure)`,
    );
    expect(pv.health().counters.writeErrors).toBe(1);
    expect(s.physics.lastPvLimitW).toBeUndefined();
    await expect(pv.setPvLimitW(Number.POSITIVE_INFINITY)).rejects.toThrow(/PV limit must be a number >= 0 W or null/);
  });
});
