/**
 * OCPP 1.6J and 2.0.1 chargers (charge-only smart charging) on the simulated
 * home through the real hub: boot, transaction, TxProfile limits from the
 * controller, the composite schedule, and no discharge whatever the settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimChargerKind } from '../../drivers/sim/ocpp-sim-charger.js';
import type { Hub } from '../../main/hub/hub.js';
import { collect, waitFor } from './hub-harness.js';
import { charger, startOcppHub, station } from './ocpp-helpers.js';

const kinds: readonly SimChargerKind[] = ['ocpp1.6', 'ocpp2.0.1'];

describe.each(kinds)('%s charger on the simulated home', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startOcppHub(kind);
    const physics = hub.sim!.physics;
    physics.setPvOverrideW(0);
    physics.setLoadOverrideW(1500);
    physics.setBatterySocPct(10);
    physics.setCarPluggedIn(true);
    physics.setCarSocPct(50);
    hub.context.car.update({ mode: 'fast', v2h: true, v2g: true, minSocPct: 20, readyBy: null });
    await waitFor('all devices ok', () => hub.latest()?.devices.every((d) => d.status === 'ok'), 20_000);
  }, 40_000);
  afterAll(() => hub.stop());

  it('boots with the right subprotocol and starts an authorised transaction', async () => {
    const link = charger(hub).stationLink()!;
    expect(link.state().version).toBe(kind.slice(4));
    expect(link.state().vendor).toBe('SCALE sim');
    await waitFor('transaction', () => link.state().transaction?.authorized, 10_000);
    expect(station(hub).state().transactionId).toBe(link.state().transaction!.id);
  });

  it('charges at the limit the controller sets (fast mode) and reports SoC', async () => {
    await waitFor('charging near 11 kW', () => (hub.latest()?.wallbox.powerW ?? 0) > 9000, 15_000);
    expect(station(hub).state().profile?.limitW).toBe(11_000);
    expect(hub.latest()!.car.socPct).toBeGreaterThanOrEqual(50);
    const schedule = await charger(hub).stationLink()!.compositeSchedule(3600);
    expect(schedule['status']).toBe('Accepted');
  });

  it('pauses with a 0 W limit, never discharges, and cannot be asked to', async () => {
    hub.context.car.update({ mode: 'smart' }); // V2H allowed, but the station cannot discharge
    expect(hub.latest()!.wallbox.maxDischargeW).toBe(0);
    const snaps = await collect(hub, 30_000);
    expect(Math.min(...snaps.map((s) => s.wallbox.powerW ?? 0))).toBeGreaterThanOrEqual(0);
    hub.context.car.update({ mode: 'off' });
    await waitFor('paused', () => station(hub).state().profile?.limitW === 0 && (hub.latest()?.wallbox.powerW ?? 1) === 0, 15_000);
    expect(hub.latest()!.wallbox.state).toBe('paused');
  });

  it('stops the transaction remotely and hands the charger back', async () => {
    const link = charger(hub).stationLink()!;
    expect(await link.requestStop()).toBe('Accepted');
    await waitFor('transaction ended', () => link.state().transaction === null && station(hub).state().transactionId === null, 10_000);
    await charger(hub).releaseCharger();
  });
});
