/**
 * The MPC loop on the simulated home: the optimiser plans in its worker from
 * the hub's live state, serves the plan at GET /api/plan, re-plans on events,
 * and the controller executes the current slot over the real protocols.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../main/common/plan.js';
import type { Hub } from '../../main/hub/hub.js';
import { waitFor } from './hub-harness.js';
import { startTestHub } from './hub-harness.js';

const quarterMs = 900_000;

async function getPlan(hub: Hub): Promise<Plan> {
  const res = await fetch(new URL('/api/plan', hub.url));
  expect(res.status).toBe(200);
  return (await res.json()) as Plan;
}

describe('MPC loop on the simulated home', () => {
  let hub: Hub;
  beforeAll(async () => {
    // A June morning: sun, battery half full, car at 40 % that must be at 80 % by 18:00.
    hub = await startTestHub({ speed: 10, simStartIso: '2026-06-10T09:00:00+02:00' });
    hub.sim!.physics.setCarPluggedIn(true);
    hub.sim!.physics.setCarSocPct(40);
    hub.context.car.update({ mode: 'smart', v2g: true, v2h: true, minSocPct: 30, readyBy: '18:00', targetSocPct: 80 });
  });
  afterAll(() => hub.stop());

  it('publishes a 48 h plan of quarter-hour slots that balances every slot', async () => {
    await waitFor('a plan', () => hub.context.plan.current(), 30_000);
    const plan = await getPlan(hub);
    expect(plan.status).not.toBe('fallback');
    expect(plan.slots.length).toBeGreaterThanOrEqual(4 * 47);
    for (const [i, s] of plan.slots.entries()) {
      expect(s.endMs - s.startMs).toBe(quarterMs);
      if (i > 0) expect(s.startMs).toBe(plan.slots[i - 1]!.endMs);
      // Energy balance: what comes in (grid, PV used, battery discharge) is what goes out (home, car).
      const pvUsedW = s.pvLimitW === null ? s.pvForecastW : Math.min(s.pvForecastW, s.pvLimitW);
      expect(Math.abs(s.gridW + pvUsedW + s.batteryW - s.loadForecastW - s.carW)).toBeLessThan(2);
      expect(s.reason.length).toBeGreaterThan(0);
    }
    expect(plan.summary).toMatch(/80 %/);
  });

  it('re-plans once the car reports its SoC, and meets the departure in the plan', async () => {
    expect(hub.context.plan.current()!.flags.join()).toMatch(/state of charge unknown/);
    await waitFor('car SoC known', () => hub.latest()?.car.socPct ?? null, 30_000);
    await waitFor('a plan from the real SoC', () => !/state of charge unknown/.test(hub.context.plan.current()?.flags.join() ?? 'unknown'), 30_000);
    const plan = await getPlan(hub);
    const departureMs = Date.parse('2026-06-10T18:00:00+02:00');
    const atDeparture = plan.slots.find((s) => s.endMs === departureMs);
    expect(atDeparture?.carSocPct).toBeGreaterThanOrEqual(79.5);
  });

  it('executes the current slot: the wallbox setpoint is the plan\'s car power', async () => {
    await waitFor(
      'wallbox following the plan',
      () => {
        const snap = hub.latest();
        const slot = hub.context.plan.slotAt(hub.clock.now());
        return snap !== null && slot !== null && Math.abs((snap.wallbox.setpointW ?? 0) - slot.carW) <= 300;
      },
      30_000,
    );
  });

  it('re-plans when the car leaves: no car power in the new plan', async () => {
    const before = hub.context.plan.current()!.createdMs;
    hub.sim!.physics.setCarPluggedIn(false);
    await waitFor('a plan without the car', () => (hub.context.plan.current()?.createdMs ?? 0) > before, 30_000);
    const plan = await getPlan(hub);
    expect(plan.slots.every((s) => s.carW === 0)).toBe(true);
  });
});
