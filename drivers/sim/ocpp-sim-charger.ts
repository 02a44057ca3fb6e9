/**
 * The simulated home's charger choice: the Quasar on Modbus (default) or an
 * OCPP station of a given version connecting to the hub's CSMS. OCPP stations
 * are clients: they need the CSMS's URL, which the hub gives once it listens.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import type { OcppVersion } from '../ocpp/ocpp-version.js';
import { startOcppStationSim, type OcppStationSim } from './ocpp-station-sim.js';
import type { SimPhysics } from './physics-types.js';

export const simChargerKinds = ['quasar', 'ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'] as const;
export type SimChargerKind = (typeof simChargerKinds)[number];

export function ocppVersionOf(kind: SimChargerKind): OcppVersion | null {
  return kind === 'quasar' ? null : (kind.slice('ocpp'.length) as OcppVersion);
}

/** The station id the simulated home's OCPP charger uses; the password is new every run. */
export const SIM_STATION_ID = 'sim-wallbox';

export async function startSimOcppCharger(o: { physics: SimPhysics; clock: Clock; version: OcppVersion; csmsUrl: () => Promise<string>; log?: Logger }): Promise<OcppStationSim> {
  const url = await o.csmsUrl();
  return startOcppStationSim({
    physics: o.physics,
    clock: o.clock,
    url,
    stationId: SIM_STATION_ID,
    password: randomBytes(12).toString('hex'),
    version: o.version,
    ...(o.log !== undefined ? { log: o.log } : {}),
  });
}
