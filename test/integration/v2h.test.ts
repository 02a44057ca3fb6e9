/**
 * V2H on the simulated home over real Modbus TCP (Quasar map): the car powers
 * the house when the battery cannot, never exports, and stops at the minimum.
 * The optimiser is off: this checks the rule-based policy the controller runs
 * without a plan (before the first plan, and when planning fails); the MPC loop
 * has its own test (mpc.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../main/hub/hub.js';
import { collect, startTestHub, waitFor } from './hub-harness.js';

describe('V2H on the simulated home', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startTestHub({ speed: 10, simStartIso: '2026-01-14T20:00:00+01:00', config: (c) => ({ ...c, optimiser: { ...c.optimiser, enabled: false } }) });
    const physics = hub.sim!.physics;
    physics.setPvOverrideW(0);
    physics.setLoadOverrideW(2000);
    physics.setBatterySocPct(10); // at its reserve: only the car can help
    physics.setCarPluggedIn(true);
    physics.setCarSocPct(60);
    hub.context.car.update({ mode: 'smart', v2h: true, v2g: false, minSocPct: 30, readyBy: null });
    await waitFor('all devices ok', () => hub.latest()?.devices.every((d) => d.status === 'ok'), 10_000);
  });
  afterAll(() => hub.stop());

  it('learns the SoC, then covers the home load from the car without exporting', async () => {
    await waitFor('car SoC known', () => hub.latest()?.car.socPct !== null, 10_000);
    await waitFor('car discharging', () => (hub.latest()?.wallbox.powerW ?? 0) < -1000, 15_000);
    const snaps = await collect(hub, 30_000);
    const grid = snaps.map((s) => s.grid.powerW!);
    expect(Math.min(...grid)).toBeGreaterThanOrEqual(-100); // never exports
    const last = snaps.at(-1)!;
    expect(last.wallbox.powerW!).toBeLessThan(-1500);
    expect(last.grid.powerW!).toBeLessThan(400);
  });

  it('follows a load step', async () => {
    hub.sim!.physics.setLoadOverrideW(3500);
    await waitFor('car covering 3.5 kW', () => (hub.latest()?.wallbox.powerW ?? 0) < -3000, 15_000);
    const snaps = await collect(hub, 10_000);
    expect(Math.min(...snaps.map((s) => s.grid.powerW!))).toBeGreaterThanOrEqual(-100);
  });

  it('stops at the minimum SoC', async () => {
    hub.sim!.physics.setCarSocPct(30.7);
    await waitFor('discharge stopped', () => hub.latest()?.wallbox.setpointW === 0 && (hub.latest()?.wallbox.powerW ?? -1) >= 0, 20_000);
    expect(hub.latest()!.car.socPct!).toBeGreaterThanOrEqual(30);
  });
});
