/**
 * The battery driver against each model set a real battery may present, one
 * per control path: 124 without 802 (Fronius style, power from 160 modules),
 * 802 alone (reserve window + heartbeat), the DER models (704 WSet); and the
 * vendor table steering the choice. Real Modbus TCP to the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chooseBatteryControl } from '../../../drivers/sunspec/battery-control.js';
import type { SimSunSpecUnit } from '../../../drivers/sim/sunspec-sim-unit.js';
import { numberAt, type DecodedModel } from '../../../drivers/sunspec/decode.js';
import { waitFor } from './helpers.js';
import { polls, simSetup, startBattery, type Cleanups } from './sim-setup.js';

const cleanups: Cleanups = [];

/** A model as the simulated device holds it now. */
function deviceModel(unit: SimSunSpecUnit, id: number): DecodedModel {
  const m = unit.decoded(id);
  if (m === undefined) throw new Error(`the simulated device has no model ${id}`);
  return m;
}
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('SunSpec battery driver, model variants and control paths', () => {
  it("124 without 802, Fronius style: power from 160 modules StCha/StDisCha, SoC from ChaState, setpoints via 124", async () => {
    const s = await simSetup(cleanups, { batteryProfile: '124', manufacturer: 'Fronius' });
    const bat = await startBattery(cleanups, s, { capacityWh: 9600 });
    expect(bat.discovery()?.models.map((m) => m.id)).toEqual([1, 124, 160]);
    expect(bat.quirk()?.id).toBe('fronius');
    expect(bat.controlPath()).toEqual({ path: '124', setsMagnitude: true });
    expect(bat.socPct()).toBe(55.3);
    expect(bat.capacityWh()).toBe(9600);
    expect(bat.maxChargePowerW()).toBe(5000);
    s.physics.current.battery.powerW = 1500;
    await waitFor('discharge from StDisCha', () => bat.powerW() === 1500, 3000);
    s.physics.current.battery.powerW = -2000;
    await waitFor('charge from StCha', () => bat.powerW() === -2000, 3000);
    await bat.setBatteryPowerW(-2500);
    expect(s.physics.lastBatteryCommandW).toBe(-2500);
    await polls(bat, 2);
    expect(bat.health().lastError).toBeNull();
  });

  it('the same device without the vendor name: the 160 modules are not taken for a battery', async () => {
    const s = await simSetup(cleanups, { batteryProfile: '124' });
    const bat = await startBattery(cleanups, s);
    s.physics.current.battery.powerW = 1500;
    await polls(bat, 2);
    expect(bat.quirk()).toBeUndefined();
    expect(bat.powerW()).toBeNull(); // "not available", not 0
    expect(bat.socPct()).toBe(55.3);
  });

  it('802 alone: direction through the reserve window, pinned at the SoC; heartbeat; installer window back on release', async () => {
    const s = await simSetup(cleanups, { batteryProfile: '802', heartbeatTimeoutS: 3 });
    const bat = await startBattery(cleanups, s);
    expect(bat.controlPath()).toEqual({ path: '802', setsMagnitude: false });
    expect(bat.deviceReservePct()).toBe(5);
    const window = (): [number | null, number | null] => {
      const m = s.sim.battery.unit.decoded(802);
      return m === undefined ? [null, null] : [numberAt(m, 'SoCRsvMin'), numberAt(m, 'SocRsvMax')];
    };

    // Charge: no discharge below the SoC; the battery soaks up the PV surplus by itself (4321 W PV, 800 W load).
    await bat.setBatteryPowerW(-1000);
    expect(window()).toEqual([55.3, 100]);
    expect(s.physics.lastBatteryCommandW).toBe(-3521);
    // Discharge: no charge above the SoC; with a load and no PV it covers the house.
    s.physics.current.pvW = 0;
    s.physics.current.loadW = 2000;
    await bat.setBatteryPowerW(800);
    expect(window()).toEqual([5, 55.3]);
    await waitFor('the battery covering the load', () => s.physics.lastBatteryCommandW === 2000, 3000);
    // Hold.
    await bat.setBatteryPowerW(0);
    expect(window()).toEqual([55.3, 55.3]);
    expect(s.physics.lastBatteryCommandW).toBe(0);
    await polls(bat, 2);
    expect(bat.health().lastError).toBeNull();
    expect(numberAt(deviceModel(s.sim.battery.unit, 802), 'CtrlHb')).toBeGreaterThan(0);

    await bat.releaseBattery();
    expect(window()).toEqual([5, 100]);
    expect(s.physics.lastBatteryCommandW).toBeNull();
  });

  it('802: a battery that loses the heartbeat goes back to its own control', async () => {
    const s = await simSetup(cleanups, { batteryProfile: '802', heartbeatTimeoutS: 3 });
    const bat = await startBattery(cleanups, s, { pollMs: 500 });
    await bat.setBatteryPowerW(0);
    const setAt = s.clock.now();
    // The driver keeps beating: the hold survives twice the watchdog time.
    await waitFor('two watchdog periods', () => s.clock.now() - setAt > 6000, 3000);
    expect(s.physics.lastBatteryCommandW).toBe(0);
    await s.ctx.modbus.close();
    await waitFor('the battery back on its own', () => s.physics.lastBatteryCommandW === null, 3000);
  });

  it('DER storage (701, 702, 704, 713, 714): readings from 701/713/702, setpoints in W via 704 WSet with reversion', async () => {
    const s = await simSetup(cleanups, { batteryProfile: 'der' });
    const bat = await startBattery(cleanups, s);
    expect(bat.discovery()?.models.map((m) => m.id)).toEqual([1, 701, 702, 704, 713, 714]);
    expect(bat.controlPath()).toEqual({ path: '704', setsMagnitude: true });
    expect(bat.socPct()).toBe(55.3);
    expect(bat.sohPct()).toBe(100);
    expect(bat.capacityWh()).toBe(10_000);
    expect(bat.maxChargePowerW()).toBe(5000);
    expect(bat.maxDischargePowerW()).toBe(4500);
    s.physics.current.battery.powerW = -1200;
    await waitFor('power from 701', () => bat.powerW() === -1200, 3000);

    await bat.setBatteryPowerW(1500);
    expect(s.physics.lastBatteryCommandW).toBe(1500);
    const m704 = () => deviceModel(s.sim.battery.unit, 704);
    expect([numberAt(m704(), 'WSetEna'), numberAt(m704(), 'WSetMod'), numberAt(m704(), 'WSet'), numberAt(m704(), 'WSetRvrtTms')]).toEqual([1, 1, 1500, 3]);
    const writes = bat.health().counters.writes ?? 0;
    await bat.setBatteryPowerW(-2000);
    expect(s.physics.lastBatteryCommandW).toBe(-2000);
    expect(bat.health().counters.writes).toBe(writes + 1); // enabled already: WSet alone
    await bat.setBatteryPowerW(-9000); // beyond WChaRteMax: clipped to what the battery can take
    expect(s.physics.lastBatteryCommandW).toBe(-5000);
    await polls(bat, 2);
    expect(bat.health().lastError).toBeNull();

    await s.ctx.modbus.close();
    await waitFor('the reversion', () => s.physics.lastBatteryCommandW === null, 3000);
  });

  it('reports a WSet the battery does not hold', async () => {
    const s = await simSetup(cleanups, { batteryProfile: 'der' });
    const bat = await startBattery(cleanups, s, { revertS: 600 });
    s.sim.battery.unit.faults.ignoreWrites = true;
    await bat.setBatteryPowerW(1000);
    await waitFor('the mismatch', () => bat.health().lastError !== null, 3000);
    expect(bat.health().lastError).toBe('bat: battery reports WSetEna 0, WSetMod 1, WSet 0 W but the hub wrote ENABLED, WATTS, 1000 W');
  });

  it('leaves out a path the vendor refuses (SMA 802), unless the config asks for it; control "none" keeps readings only', async () => {
    const s = await simSetup(cleanups, { batteryProfile: '802', manufacturer: 'SMA' });
    const bat = await startBattery(cleanups, s);
    expect(bat.quirk()?.vendor).toBe('SMA');
    expect(bat.controlPath()).toBeNull();
    await expect(bat.setBatteryPowerW(-1000)).rejects.toThrow(/cannot set the battery power: it offers no usable control model/);
    await bat.releaseBattery(); // nothing to give back: fine
    expect(bat.socPct()).toBe(55.3);

    const forced = await startBattery(cleanups, s, { control: '802' });
    expect(forced.controlPath()?.path).toBe('802');
    const none = await startBattery(cleanups, s, { control: 'none' });
    expect(none.controlPath()).toBeNull();
    await expect(none.setBatteryPowerW(0)).rejects.toThrow(/control is off in the config/);
  });

  it('never takes 704 WSet for battery power on a hybrid (a PV port on the same unit)', () => {
    const has = (ids: number[]) => (id: number) => ids.includes(id);
    const base = { avoid: [], wanted: 'auto' } as const;
    expect(chooseBatteryControl({ ...base, has: has([704, 713, 714]), hasPvPort: false })).toBe('704');
    expect(chooseBatteryControl({ ...base, has: has([704, 713, 714, 124]), hasPvPort: true })).toBe('124');
    expect(chooseBatteryControl({ ...base, has: has([704, 713, 714]), hasPvPort: true })).toBeNull();
    expect(chooseBatteryControl({ ...base, has: has([704, 713, 714]), hasPvPort: true, wanted: '704' })).toBe('704');
    expect(chooseBatteryControl({ ...base, has: has([124, 802]), hasPvPort: false })).toBe('124');
    expect(chooseBatteryControl({ ...base, has: has([124, 802]), hasPvPort: false, avoid: ['124'] })).toBe('802');
    expect(chooseBatteryControl({ ...base, has: has([802]), hasPvPort: false, wanted: '124' })).toBeNull();
  });
});
