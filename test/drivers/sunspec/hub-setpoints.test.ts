/**
 * The real hub on the simulated home (P1, SunSpec and Quasar over loopback,
 * 4x site time, so that two ticks are half a real second even on a loaded
 * machine): every battery setpoint and PV limit the controller decides on a
 * tick is what the simulated device runs two ticks later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';
import type { Hub } from '../../../main/hub/hub.js';
import { SunSpecInverter } from '../../../drivers/sunspec/inverter-driver.js';
import { setCarMode, startTestHub, waitFor } from '../../integration/hub-harness.js';

interface Tick {
  readonly snapshot: SiteSnapshot;
  /** What the hub asked of the inverter at this tick (null: no cap). */
  readonly pvLimitW: number | null;
  /** What the simulated devices run at this tick. */
  readonly deviceBatteryW: number | null;
  readonly devicePvLimitW: number | null;
}

/**
 * For each tick i where the hub asked for a new value: what the device runs
 * at tick i + 2, and what it may run then (that value, or one the hub asked
 * for since: the controller moves its setpoint every tick).
 */
function followed(ticks: readonly Tick[], wanted: (t: Tick) => number | null, running: (t: Tick) => number | null) {
  const out: { tick: number; running: number | null; allowed: (number | null)[] }[] = [];
  for (let i = 1; i + 2 < ticks.length; i++) {
    const [prev, at, next, after] = [ticks[i - 1], ticks[i], ticks[i + 1], ticks[i + 2]];
    if (prev === undefined || at === undefined || next === undefined || after === undefined) continue;
    if (wanted(at) === wanted(prev)) continue;
    out.push({ tick: i, running: running(after), allowed: [wanted(at), wanted(next), wanted(after)] });
  }
  return out;
}

describe('hub setpoints on the simulated SunSpec devices', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startTestHub({
      speed: 4,
      simStartIso: '2026-06-21T13:00:00+02:00',
      config: (c) => ({ ...c, site: { ...c.site, exportLimitW: 0 } }),
    });
    await waitFor('all devices ok', () => hub.latest()?.devices.every((d) => d.status === 'ok'), 15_000);
  });
  afterAll(() => hub.stop());

  it('battery setpoints and PV curtailment are applied by the device within two ticks', async () => {
    const sim = hub.sim;
    const inverter = hub.devices.pv;
    if (sim === null || !(inverter instanceof SunSpecInverter)) throw new Error('expected the simulated home with a SunSpec inverter');
    const physics = sim.physics;
    await setCarMode(hub, 'off');
    physics.setPvOverrideW(8000);
    physics.setLoadOverrideW(600);
    physics.setBatterySocPct(100); // full: the surplus must be curtailed (export limit 0)

    const ticks: Tick[] = [];
    const off = hub.control.onSnapshot((snapshot) => {
      const s = physics.state();
      ticks.push({ snapshot, pvLimitW: inverter.pvLimitW(), deviceBatteryW: s.battery.commandW, devicePvLimitW: s.pvLimitW });
    });
    try {
      await waitFor('curtailment', () => ticks.at(-1)?.devicePvLimitW !== null && ticks.length > 5, 20_000);
      const curtailedAt = ticks.length;
      await waitFor('some ticks of curtailment', () => ticks.length > curtailedAt + 6, 20_000);
      // Room in the battery again: the hub charges it and lifts the cap.
      physics.setBatterySocPct(40);
      const chargingAt = ticks.length;
      await waitFor('battery charging', () => ticks.length > chargingAt + 8, 20_000);
      physics.setLoadOverrideW(3500);
      const loadAt = ticks.length;
      await waitFor('more ticks', () => ticks.length > loadAt + 6, 20_000);
    } finally {
      off();
    }

    const battery = followed(ticks, (t) => t.snapshot.battery.setpointW, (t) => t.deviceBatteryW);
    const pv = followed(ticks, (t) => t.pvLimitW, (t) => t.devicePvLimitW);
    expect(battery.length).toBeGreaterThanOrEqual(4);
    expect(pv.length).toBeGreaterThanOrEqual(2);
    // Within the device's resolution (124 carries the setpoint as 0.01 % of WChaMax: 0.5 W here) and, for the
    // battery, the hub's own deadband: it does not rewrite a setpoint that moved by less than 20 W.
    const near = (tolerance: number) => (a: number | null, b: number | null): boolean => a === b || (a !== null && b !== null && Math.abs(a - b) <= tolerance);
    for (const [list, ok] of [
      [battery, near(25)],
      [pv, near(1)],
    ] as const) {
      for (const f of list) expect(f.allowed.some((a) => ok(a, f.running)), `tick ${f.tick}: ${String(f.running)} not in ${f.allowed.map(String).join(', ')}`).toBe(true);
    }
    // While curtailed the grid export was held near the cap.
    expect(ticks.some((t) => t.devicePvLimitW !== null)).toBe(true);
    const snapshotsOk = ticks.filter((t) => t.snapshot.devices.every((d) => d.status === 'ok')).length;
    expect(snapshotsOk).toBe(ticks.length);
  });
});
