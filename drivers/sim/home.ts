/**
 * The embedded simulated home: the physics plus one device-side protocol
 * server per device, on loopback. `npm start` and the integration tests run
 * the hub against it over real sockets, real framing and real timeouts.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { startP1Sim } from './p1-server.js';
import type { P1SimServer } from './p1-server.js';
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
}

export interface SimHome {
  readonly host: string;
  readonly physics: HomePhysics;
  readonly ports: { readonly p1: number; readonly sunspec: number; readonly quasar: number };
  readonly units: { readonly inverter: number; readonly battery: number; readonly wallbox: number };
  readonly wallbox: QuasarSim;
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
    const wallbox = await startQuasarSim({ physics, clock, host, unitId: units.wallbox });
    servers.push(wallbox);
    return {
      host,
      physics,
      ports: { p1: p1Port, sunspec: sunspec.port, quasar: wallbox.port },
      units,
      wallbox,
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
