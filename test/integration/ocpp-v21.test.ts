/**
 * OCPP 2.1 with a bidirectional (ISO 15118-20) car on the simulated home,
 * through the real hub over real WebSockets: boot, authorisation, charging
 * needs, V2H without export, V2G from a plan, minimum SoC, departure target,
 * invalid messages and a station that drops off mid-transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../main/hub/hub.js';
import { collect, waitFor } from './hub-harness.js';
import { charger, localHhMm, planSlot, startOcppHub, station } from './ocpp-helpers.js';

describe('OCPP 2.1 V2X charger on the simulated home', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startOcppHub('ocpp2.1');
    const physics = hub.sim!.physics;
    physics.setPvOverrideW(0);
    physics.setLoadOverrideW(2000);
    physics.setBatterySocPct(10); // at its reserve: only the car can help
    physics.setCarPluggedIn(true);
    physics.setCarSocPct(60);
    hub.context.car.update({ mode: 'smart', v2h: true, v2g: false, minSocPct: 30, readyBy: null });
    await waitFor('all devices ok', () => hub.latest()?.devices.every((d) => d.status === 'ok'), 20_000);
  }, 40_000);
  afterAll(() => hub.stop());

  it('boots, authorises the car, starts a transaction and learns the car\'s V2X needs', async () => {
    const sim = station(hub);
    await waitFor('an authorised transaction', () => sim.state().authorized, 10_000);
    const needs = await waitFor('charging needs', () => charger(hub).chargingNeeds(), 10_000);
    expect(needs.targetSocPct).toBe(80);
    expect(needs.maxDischargeW).toBeGreaterThan(0);
    expect(needs.departureMs).toBeGreaterThan(hub.clock.now());
    expect(needs.minSocPct).toBeCloseTo(20, 0);
    await waitFor('discharge allowed', () => sim.state().allowedEnergyTransfer.includes('DC_BPT'), 10_000);
    expect(hub.latest()!.wallbox.maxDischargeW).toBeGreaterThan(0);
    expect(hub.latest()!.car.socPct).toBeCloseTo(60, 0);
  });

  it('V2H: covers the home with a CentralSetpoint, follows a load step, never exports', async () => {
    await waitFor('car discharging', () => (hub.latest()?.wallbox.powerW ?? 0) < -1500, 15_000);
    expect(station(hub).state().profile?.setpointW).toBeLessThan(0);
    let snaps = await collect(hub, 20_000);
    expect(Math.min(...snaps.map((s) => s.grid.powerW ?? 0))).toBeGreaterThanOrEqual(-100);
    hub.sim!.physics.setLoadOverrideW(3500);
    await waitFor('car covering 3.5 kW', () => (hub.latest()?.wallbox.powerW ?? 0) < -3000, 15_000);
    snaps = await collect(hub, 10_000);
    expect(Math.min(...snaps.map((s) => s.grid.powerW ?? 0))).toBeGreaterThanOrEqual(-100);
    expect(snaps.at(-1)!.grid.powerW!).toBeLessThan(500);
  });

  it('V2G: exports when the plan asks and the user allows it', async () => {
    hub.context.car.update({ v2g: true });
    const now = hub.clock.now();
    hub.context.plan.set({ createdMs: now, status: 'optimal', solveMs: 1, slots: [planSlot(now, { carW: -6000, gridW: -2500, reason: 'V2G at the evening peak' })], costEur: 0, flags: [], summary: 'test' });
    await waitFor('car exporting', () => (hub.latest()?.grid.powerW ?? 0) < -2000 && (hub.latest()?.wallbox.powerW ?? 0) < -5000, 20_000);
    // Back to V2H only: the export must stop.
    hub.context.car.update({ v2g: false });
    await waitFor('export stopped', () => (hub.latest()?.grid.powerW ?? -1000) > -100, 15_000);
    hub.context.plan.set({ createdMs: now, status: 'fallback', solveMs: 1, slots: [], costEur: 0, flags: [], summary: 'no plan' });
  });

  it('a station that drops off mid-transaction reconnects and continues the session', async () => {
    const sim = station(hub);
    await waitFor('car discharging', () => (hub.latest()?.wallbox.powerW ?? 0) < -1000, 15_000);
    const tx = sim.state().transactionId;
    const connects = sim.state().connects;
    sim.disconnect(1500); // ~30 s of site time: the hub notices, the station keeps its profile (60 s offline limit)
    await waitFor('failsafe while the charger is away', () => hub.latest()?.control.failsafe, 15_000);
    await waitFor('reconnected', () => sim.state().connects > connects && sim.state().connected, 15_000);
    await waitFor('data valid again', () => hub.latest()?.control.failsafe === false, 15_000);
    expect(sim.state().transactionId).toBe(tx);
    await waitFor('discharging again', () => (hub.latest()?.wallbox.powerW ?? 0) < -1000, 15_000);
  }, 60_000);

  it('a station that loses the hub for longer than maxOfflineDuration stops discharging by itself', async () => {
    const sim = station(hub);
    await waitFor('car discharging', () => sim.state().appliedW < -1000, 15_000);
    sim.disconnect(5000); // ~100 s of site time, beyond the 60 s the profile may outlive the hub
    await waitFor('station dropped the discharge setpoint', () => sim.state().profile === null && sim.state().appliedW >= 0, 15_000);
    await waitFor('reconnected and valid', () => sim.state().connected && hub.latest()?.control.failsafe === false, 20_000);
  }, 60_000);

  it('rejects invalid messages with the right CALLERROR and keeps the connection', async () => {
    const sim = station(hub);
    const connects = sim.state().connects;
    const ts = new Date(hub.clock.now()).toISOString();
    const cases: [string, string, string][] = [
      ['bad-1', JSON.stringify([2, 'bad-1', 'Heartbeat', { unexpected: 1 }]), 'FormatViolation'],
      ['bad-2', JSON.stringify([2, 'bad-2', 'StatusNotification', { timestamp: ts, connectorStatus: 'Sleeping', evseId: 1, connectorId: 1 }]), 'PropertyConstraintViolation'],
      ['bad-3', JSON.stringify([2, 'bad-3', 'StatusNotification', { connectorStatus: 'Occupied', evseId: 1, connectorId: 1 }]), 'OccurrenceConstraintViolation'],
      ['bad-4', JSON.stringify([2, 'bad-4', 'StatusNotification', { timestamp: ts, connectorStatus: 'Occupied', evseId: 'one', connectorId: 1 }]), 'TypeConstraintViolation'],
      ['bad-5', JSON.stringify([2, 'bad-5', 'FirmwareStatusNotification', { status: 'Idle' }]), 'NotImplemented'],
      ['bad-6', JSON.stringify([2, 'bad-6', 'SetChargingProfile', { evseId: 1 }]), 'NotSupported'],
      ['-1', '{"this is": not json', 'RpcFrameworkError'],
    ];
    for (const [id, text, code] of cases) {
      const answer = await sim.sendRaw(text, id);
      expect(answer.slice(0, 3), text).toEqual([4, id, code]);
    }
    expect(sim.state().connected).toBe(true);
    expect(sim.state().connects).toBe(connects);
    const before = hub.latest()!.devices.find((d) => d.id === 'wallbox')!.lastValidTs!;
    await waitFor('meter values still accepted', () => (hub.latest()?.devices.find((d) => d.id === 'wallbox')?.lastValidTs ?? 0) > before, 5000);
  });

  it('stops discharging at the minimum SoC', async () => {
    hub.sim!.physics.setCarSocPct(30.7);
    await waitFor('discharge stopped', () => hub.latest()?.wallbox.setpointW === 0 && (hub.latest()?.wallbox.powerW ?? -1) >= 0, 20_000);
    expect(hub.latest()!.car.socPct!).toBeGreaterThanOrEqual(30);
  });

  it('meets the departure target: full power when the departure nears, stops at the target', async () => {
    const physics = hub.sim!.physics;
    physics.setCarSocPct(79);
    // Needs ~0.6 kWh at 11 kW: the rules start full power ~35 min before the departure.
    hub.context.car.update({ v2h: false, v2g: false, targetSocPct: 80, readyBy: localHhMm(hub.clock.now() + 20 * 60_000) });
    await waitFor('charging at full power', () => (hub.latest()?.wallbox.powerW ?? 0) > 9000, 20_000);
    await waitFor('target reached and charging stopped', () => (hub.latest()?.car.socPct ?? 0) >= 80 && (hub.latest()?.wallbox.setpointW ?? 1) === 0, 30_000);
    await waitFor('station follows', () => Math.abs(hub.latest()?.wallbox.powerW ?? 1000) < 100, 15_000);
  }, 60_000);
});
