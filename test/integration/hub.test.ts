/**
 * The hub against the simulated home over real sockets (P1 over TCP, SunSpec
 * and Quasar over Modbus TCP), at 10x site time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../main/hub/hub.js';
import { collect, getState, setCarMode, startTestHub, waitFor } from './hub-harness.js';

const speed = 10;

describe('hub on the simulated home', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startTestHub({ speed, simStartIso: '2026-06-21T13:00:00+02:00' });
    await waitFor('all devices ok', () => hub.latest()?.devices.every((d) => d.status === 'ok'), 10_000);
  });
  afterAll(() => hub.stop());

  it('charges the battery from PV surplus and holds the grid within ±100 W of zero', async () => {
    const physics = hub.sim!.physics;
    physics.setPvOverrideW(4000);
    physics.setLoadOverrideW(500);
    physics.setBatterySocPct(40);
    await setCarMode(hub, 'off');
    // The charger takes a few seconds to stop; then the battery settles within a few ticks.
    await waitFor('car stopped', () => hub.latest()?.wallbox.powerW === 0 && hub.latest()?.wallbox.setpointW === 0, 10_000);
    await collect(hub, 15_000);
    const steady = await collect(hub, 30_000);
    expect(steady.length).toBeGreaterThan(20);
    const grids = steady.map((s) => s.grid.powerW!);
    expect(Math.max(...grids.map(Math.abs))).toBeLessThanOrEqual(100);
    const last = steady.at(-1)!;
    expect(last.battery.powerW!).toBeLessThan(-3000);
    // The hub, not the battery's own logic, is in control.
    expect(physics.state().battery.commandW).not.toBeNull();
    expect(last.control.failsafe).toBe(false);
    // Home load derived from the measurements matches the simulated load.
    expect(last.home.powerW!).toBeGreaterThan(400);
    expect(last.home.powerW!).toBeLessThan(600);
  });

  it('in fast mode with a high household load never lets the import exceed the fuse', async () => {
    const physics = hub.sim!.physics;
    physics.setPvOverrideW(0);
    physics.setLoadOverrideW(14_000);
    physics.setCarPluggedIn(true);
    physics.setCarSocPct(30);
    await collect(hub, 5_000);
    await setCarMode(hub, 'fast');
    // Watch every physics step for 80 site-seconds: the car starts (~22 s) and settles.
    let maxPhaseA = 0;
    const stop = hub.clock.every(250, () => {
      for (const p of physics.state().phases) maxPhaseA = Math.max(maxPhaseA, p.currentA);
    });
    const snaps = await collect(hub, 80_000);
    stop();
    expect(maxPhaseA).toBeGreaterThan(15); // the house really is heavily loaded
    expect(maxPhaseA).toBeLessThanOrEqual(25);
    expect(physics.state().fuseTripped).toBe(false);
    const last = snaps.at(-1)!;
    expect(last.wallbox.powerW!).toBeGreaterThan(1000); // it charges, within the headroom
    expect(last.control.limiting.join(' ')).toMatch(/main fuse/);
    await setCarMode(hub, 'off');
    physics.setLoadOverrideW(500);
  });

  it('goes to failsafe within 5 s when the meter dies, keeps serving the API, and recovers', async () => {
    const sim = hub.sim!;
    await waitFor('no failsafe', () => hub.latest()?.control.failsafe === false, 5_000);
    const stoppedAtSiteMs = hub.clock.now();
    await sim.stopMeter();
    const failsafe = await waitFor(
      'failsafe',
      () => {
        const s = hub.latest();
        return s?.control.failsafe ? s : null;
      },
      10_000,
    );
    expect(failsafe.ts - stoppedAtSiteMs).toBeLessThanOrEqual(6_000); // 5 s stale limit + one tick
    expect(failsafe.control.failsafeReasons.join(' ')).toMatch(/meter \(grid\): no valid data/);
    expect(failsafe.wallbox.setpointW).toBe(0);
    expect(failsafe.battery.setpointW).toBeNull();
    // The API keeps answering and shows the failsafe.
    const served = await getState(hub);
    expect(served.control.failsafe).toBe(true);
    expect(served.devices.find((d) => d.id === 'meter')!.status).toBe('stale');
    // The battery is handed back to its own control.
    await waitFor('battery autonomous', () => sim.physics.state().battery.commandW === null, 5_000);

    await sim.startMeter();
    const recovered = await waitFor('recovery', () => (hub.latest()?.control.failsafe === false ? hub.latest() : null), 15_000);
    expect(recovered.devices.find((d) => d.id === 'meter')!.status).toBe('ok');
  });
});
