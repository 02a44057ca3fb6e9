/**
 * The OCPP charger driver against the simulated station over real
 * WebSockets (with a minimal physics): remote start where the station waits
 * for the CSMS, charge-only versions, the installer's V2X switch, and handing
 * the charger back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CsmsServer } from '../../../drivers/ocpp/csms-server.js';
import { OcppCharger } from '../../../drivers/ocpp/ocpp-charger.js';
import { ocppChargerSettings, type OcppChargerConfig } from '../../../drivers/ocpp/ocpp-config.js';
import { ocppHubConfigSchema } from '../../../drivers/ocpp/ocpp-hub-config.js';
import type { OcppVersion } from '../../../drivers/ocpp/ocpp-version.js';
import { startOcppStationSim, type OcppStationSim } from '../../../drivers/sim/ocpp-station-sim.js';
import { ScaledClock } from '../../../main/common/clock.js';
import { silentLogger } from '../../../main/common/log.js';
import { createFakePhysics, waitFor } from '../wallbox/helpers.js';

const PASSWORD = 'station-password-1';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(version: OcppVersion, options: { autoAuthorize?: boolean; config?: Partial<OcppChargerConfig> } = {}): Promise<{ charger: OcppCharger; sim: OcppStationSim; physics: ReturnType<typeof createFakePhysics> }> {
  const clock = new ScaledClock({ speed: 20 });
  const server = new CsmsServer(ocppHubConfigSchema.parse({ port: 0 }), clock, silentLogger);
  cleanups.push(() => server.close());
  const charger = new OcppCharger({ id: 'wallbox', role: 'charger', settings: ocppChargerSettings({ stationId: 'CP-7', password: PASSWORD, ...options.config }), pool: server, clock, log: silentLogger });
  await charger.start();
  cleanups.push(() => charger.stop());
  const physics = createFakePhysics(clock, { socPct: 50 });
  const sim = startOcppStationSim({ physics, clock, url: await server.listen(), stationId: 'CP-7', password: PASSWORD, version, autoAuthorize: options.autoAuthorize ?? true, startDelayMs: 500, changeDelayMs: 500 });
  cleanups.push(() => sim.close());
  await sim.ready(15_000);
  return { charger, sim, physics };
}

describe('OCPP charger driver', () => {
  it('declares its capabilities', async () => {
    const { charger } = await rig('2.1');
    expect(charger.capabilities).toEqual(['powerMeter', 'charger', 'bidirectionalCharger', 'vehicleSoc', 'chargingNeeds']);
  }, 30_000);

  it.each(['1.6', '2.0.1', '2.1'] as const)('OCPP %s: starts a session remotely when the station waits for the CSMS, then charges at the setpoint', async (version) => {
    const { charger, sim, physics } = await rig(version, { autoAuthorize: false });
    await waitFor('car seen', () => charger.carConnected(), 10_000);
    expect(sim.state().authorized).toBe(false);
    await charger.setChargerPowerW(4000);
    expect(sim.state().received[version === '1.6' ? 'RemoteStartTransaction' : 'RequestStartTransaction']).toBe(1);
    await waitFor('authorised session', () => sim.state().authorized && charger.stationLink()?.state().transaction?.authorized === true, 10_000);
    await waitFor('profile in force', () => sim.state().profile?.limitW === 4000, 10_000);
    await waitFor('power follows', () => Math.abs(physics.carPowerW() - 4000) < 1 && charger.powerW() === 4000, 10_000);
    expect(charger.chargerState()).toBe('charging');
    expect(charger.vehicleSocPct()).toBeCloseTo(50, 0);
  }, 30_000);

  it('OCPP 2.0.1 cannot discharge: a negative request becomes a 0 W limit', async () => {
    const { charger, sim } = await rig('2.0.1');
    await waitFor('session', () => charger.stationLink()?.state().transaction?.authorized === true, 10_000);
    expect(charger.maxDischargePowerW()).toBe(0);
    await charger.setChargerPowerW(-3000);
    await waitFor('limit 0', () => sim.state().profile?.limitW === 0, 10_000);
    expect(sim.state().profile?.setpointW).toBeNull();
  }, 30_000);

  it('OCPP 2.1 with V2X switched off by the installer: bidirectional modes are not allowed', async () => {
    const { charger, sim } = await rig('2.1', { config: { allowDischarge: false } });
    await waitFor('allowed energy transfer sent', () => sim.state().allowedEnergyTransfer.length > 0, 10_000);
    expect(sim.state().allowedEnergyTransfer).toEqual(['DC']);
    expect(charger.maxDischargePowerW()).toBe(0);
    expect(charger.chargingNeeds()?.maxDischargeW).toBeGreaterThan(0); // the car could; the installer said no
  }, 30_000);

  it('OCPP 2.1 discharges on a negative setpoint and hands the charger back on release', async () => {
    const { charger, sim, physics } = await rig('2.1');
    await waitFor('V2X allowed', () => charger.maxDischargePowerW() > 0, 10_000);
    await charger.setChargerPowerW(-2500);
    expect(charger.changeInFlight()).toBe(true);
    await waitFor('discharging', () => physics.carPowerW() === -2500 && charger.powerW() === -2500, 10_000);
    await waitFor('change done', () => !charger.changeInFlight(), 5000);
    expect(charger.chargerState()).toBe('discharging');
    await charger.releaseCharger();
    expect(sim.state().profile).toBeNull();
    await waitFor('back to plain charging', () => physics.carPowerW() > 0, 10_000);
  }, 30_000);

  it('is stale while the station is away and fresh again when it returns', async () => {
    const { charger, sim } = await rig('2.1');
    await waitFor('ok', () => charger.health().status === 'ok', 10_000);
    sim.disconnect(1000);
    await waitFor('stale', () => charger.powerW() === null && charger.health().status === 'stale', 10_000);
    await waitFor('ok again', () => charger.health().status === 'ok' && charger.powerW() !== null, 15_000);
  }, 30_000);
});
