/**
 * What the controller relies on: a setpoint it hands over on one tick (once
 * a site-second, through the hub's SetpointWriter: one write in flight, the
 * newest value wins) is what the simulated device runs by the second tick
 * after, on every control path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import { SetpointWriter } from '../../../main/control/setpoint-writer.js';
import type { SunSpecSimOptions } from '../../../drivers/sim/sunspec-server.js';
import { simSetup, startBattery, startInverter, type Cleanups, type SimSetup } from './sim-setup.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const tickMs = 1000;

/** Waits for the next tick of site time (the controller's cadence). */
function nextTick(s: SimSetup): Promise<void> {
  return new Promise((resolve) => {
    const cancel = s.clock.after(tickMs, () => {
      cancel();
      resolve();
    });
  });
}

/**
 * Sets each value on a tick through a SetpointWriter and samples what the
 * device runs two ticks later; returns the pairs (wanted, running).
 */
async function drive<T>(s: SimSetup, values: readonly T[], write: (v: T) => Promise<void>, running: () => T | null | undefined): Promise<[T, T | null | undefined][]> {
  const writer = new SetpointWriter<T>('test', write, silentLogger);
  const seen: [T, T | null | undefined][] = [];
  for (const v of values) {
    await nextTick(s);
    writer.set(v);
    await nextTick(s);
    await nextTick(s);
    seen.push([v, running()]);
  }
  await writer.idle();
  return seen;
}

const batteryValues = [-2500, -800, 0, 1200, 3000, -4000];
const batteryVariants: [string, Partial<SunSpecSimOptions>][] = [
  ['124 (with 802)', {}],
  ['124 (Fronius style)', { batteryProfile: '124', manufacturer: 'Fronius' }],
  ['704 WSet', { batteryProfile: 'der' }],
];

const pvValues = [2500, 6000, 0, 9000, 4321];

describe('setpoints applied by the device within two ticks', () => {
  for (const [name, options] of batteryVariants) {
    it(`battery via ${name}`, async () => {
      const s = await simSetup(cleanups, options);
      const bat = await startBattery(cleanups, s, { revertS: 60 });
      const seen = await drive(s, batteryValues, (w) => bat.setBatteryPowerW(w), () => s.physics.lastBatteryCommandW);
      expect(seen.map(([, running]) => running)).toEqual(batteryValues);
      expect(bat.health().lastError).toBeNull();
    });
  }

  it('battery via 802 (direction only: hold, no discharge, no charge)', async () => {
    const s = await simSetup(cleanups, { batteryProfile: '802' });
    const bat = await startBattery(cleanups, s, { revertS: 60 });
    s.physics.current.pvW = 0;
    s.physics.current.loadW = 1500; // the battery's own logic wants to discharge 1500 W
    const seen = await drive(s, [0, -1000, 500], (w) => bat.setBatteryPowerW(w), () => s.physics.lastBatteryCommandW);
    // Hold: 0. "Charge": discharge forbidden, nothing to charge from: 0. "Discharge": the battery covers the load.
    expect(seen.map(([, running]) => running)).toEqual([0, 0, 1500]);
  });

  for (const profile of ['int', 'float', 'der'] as const) {
    it(`PV curtailment on the ${profile} model set`, async () => {
      const s = await simSetup(cleanups, { inverterProfile: profile });
      const pv = await startInverter(cleanups, s, { revertS: 60 });
      const seen = await drive<number | null>(s, [...pvValues, null], (w) => pv.setPvLimitW(w), () => s.physics.lastPvLimitW);
      expect(seen.map(([, running]) => running)).toEqual([...pvValues, null]);
      expect(pv.health().lastError).toBeNull();
    });
  }
});
