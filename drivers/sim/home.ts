/**
 * The embedded simulated home: the physics plus one device-side protocol
 * server per device, on loopback. `npm start` and the integration tests run
 * the hub against it over real sockets, real framing and real timeouts.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { startP1Sim } from './p1-server.js';
import type { P1SimServer } from './p1-server.js';
import { ocppVersionOf, startSimOcppCharger } from './ocpp-sim-charger.js';
import type { SimChargerKind } from './ocpp-sim-charger.js';
import type { OcppStationSim } from './ocpp-station-sim.js';
import { HomePhysics } from './physics.js';
import type { HomePhysicsOptions } from './physics.js';
import { startQuasarSim } from './quasar-server.js';
import type { QuasarSim } from './quasar-server.js';
import { startSunSpecSim } from './sunspec-server.js';
import type { SunSpecSim } from './sunspec-server.js';

export interface SimHomeOptions {
  readonly clock: Clock;
  readonly seed?: number;
  readonly latitudeDeg?: number;
  readonly longitudeDeg?: number;
  readonly pvKwp?: number;
  readonly fuseA?: number;
  /** Everything else of the physics, for tests. */
  readonly physics?: HomePhysicsOptions;
  readonly host?: string;
  readonly log?: Logger;
  /** Which charger the home has (default the Quasar on Modbus). */
  readonly charger?: SimChargerKind;
  /** OCPP chargers only: the hub's CSMS URL, resolved once it listens. */
  readonly csmsUrl?: () => Promise<string>;
}

export interface SimHome {
  readonly host: string;
  readonly physics: HomePhysics;
  /** quasar: null when the home has an OCPP charger instead. */
  readonly ports: { readonly p1: number; readonly sunspec: number; readonly quasar: number | null };
  readonly units: { readonly inverter: number; readonly battery: number; readonly wallbox: number };
  readonly wallbox: QuasarSim | null;
  /** The OCPP charge point, when `charger` is an OCPP version. */
  readonly ocpp: OcppStationSim | null;
  readonly meter: () => P1SimServer | null;
  /** Takes the smart meter off the line (tests: the failsafe must take over). */
  stopMeter(): Promise<void>;
  /** Puts it back on the same port. */
  startMeter(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimHome(options: SimHomeOptions): Promise<SimHome> {
  const { clock } = options;
  const host = options.host ?? '127.0.0.1';
  const physics = new HomePhysics(clock, {
    ...options.physics,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.latitudeDeg !== undefined ? { latitudeDeg: options.latitudeDeg } : {}),
    ...(options.longitudeDeg !== undefined ? { longitudeDeg: options.longitudeDeg } : {}),
    pv: { ...options.physics?.pv, ...(options.pvKwp !== undefined ? { kwp: options.pvKwp } : {}) },
    grid: { ...options.physics?.grid, ...(options.fuseA !== undefined ? { fuseA: options.fuseA } : {}) },
  });
  physics.start();
  const units = { inverter: 1, battery: 2, wallbox: 1 };
  const servers: { close(): Promise<void> }[] = [];
  try {
    let meter: P1SimServer | null = await startP1Sim({ physics, clock, host });
    const p1Port = meter.port;
    const sunspec: SunSpecSim = await startSunSpecSim({
      physics,
      clock,
      host,
      inverterUnitId: units.inverter,
      batteryUnitId: units.battery,
      ...(options.log !== undefined ? { log: options.log } : {}),
    });
    servers.push(sunspec);
    const ocppVersion = ocppVersionOf(options.charger ?? 'quasar');
    const wallbox = ocppVersion === null ? await startQuasarSim({ physics, clock, host, unitId: units.wallbox }) : null;
    if (wallbox !== null) servers.push(wallbox);
    if (ocppVersion !== null && options.csmsUrl === undefined) throw new Error('an OCPP charger in the simulated home needs the CSMS URL');
    const ocpp = ocppVersion === null || options.csmsUrl === undefined ? null : await startSimOcppCharger({ physics, clock, version: ocppVersion, csmsUrl: options.csmsUrl, ...(options.log !== undefined ? { log: options.log } : {}) });
    if (ocpp !== null) servers.push(ocpp);
    return {
      host,
      physics,
      ports: { p1: p1Port, sunspec: sunspec.port, quasar: wallbox?.port ?? null },
      units,
      wallbox,
      ocpp,
      meter: () => meter,
      stopMeter: async () => {
        const m = meter;
        meter = null;
        await m?.close();
      },
      startMeter: async () => {
        if (meter === null) meter = await startP1Sim({ physics, clock, host, port: p1Port });
      },
      close: async () => {
        physics.stop();
        await Promise.all([meter?.close(), ...servers.map((s) => s.close())]);
        meter = null;
      },
    };
  } catch (err) {
    physics.stop();
    await Promise.allSettled(servers.map((s) => s.close()));
    throw err;
  }
}
