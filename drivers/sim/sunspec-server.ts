/**
 * Device-side SunSpec simulator over Modbus TCP: modbus-serial's ServerTCP
 * (the same framing real devices speak) with the devices of
 * sunspec-sim-devices.ts behind it. `reboot()` takes it off the network for
 * a while and brings it back with every remote setting forgotten, as a
 * power-cycled inverter does.
 */
import { createServer } from 'node:net';
import { ServerTCP } from 'modbus-serial';
import { silentLogger, type Logger } from '../../main/common/log.js';
import { createSunSpecDevices, type SunSpecDevices, type SunSpecDevicesOptions } from './sunspec-sim-devices.js';
import type { SimSunSpecBattery } from './sunspec-sim-battery.js';
import type { SimSunSpecInverter } from './sunspec-sim-inverter.js';
import { sunspecVector } from './sunspec-sim-vector.js';

export interface SunSpecSimOptions extends SunSpecDevicesOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly log?: Logger;
}

export interface SunSpecSim {
  readonly port: number;
  /** The simulated devices (their units carry `faults` for tests). */
  readonly inverter: SimSunSpecInverter;
  readonly battery: SimSunSpecBattery;
  /** Drops every connection, refuses new ones for `downMs` real ms, then answers again with power-up settings. */
  reboot(downMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSunSpecSim(opts: SunSpecSimOptions): Promise<SunSpecSim> {
  const host = opts.host ?? '127.0.0.1';
  const log = (opts.log ?? silentLogger).child('sunspec-sim');
  const devices: SunSpecDevices = createSunSpecDevices(opts, log);
  const vector = sunspecVector({ units: devices.units, beforeRead: () => devices.refresh(), unknownUnit: 'exception' });

  let server: ServerTCP;
  let port: number;
  try {
    ({ server, port } = await listen(vector, host, opts.port ?? 0));
  } catch (err) {
    devices.dispose();
    throw err;
  }
  const attach = (s: ServerTCP): void => {
    s.on('socketError', (err: Error | null) => log.debug('client socket error', { error: err?.message }));
    // An 'error' event without a listener would throw and take the whole simulated home down.
    s.on('error', (err: Error | null) => log.warn('SunSpec simulator error', { error: err?.message }));
  };
  attach(server);
  log.info('SunSpec simulator listening', { host, port, inverter: devices.inverter.profile, battery: devices.battery.profile });

  let closing: Promise<void> | null = null;
  let rebooting: Promise<void> | null = null;
  const stopServer = (s: ServerTCP): Promise<void> => new Promise<void>((resolve) => s.close(() => resolve()));
  return {
    port,
    inverter: devices.inverter,
    battery: devices.battery,
    reboot(downMs: number): Promise<void> {
      rebooting ??= (async () => {
        // ServerTCP.close destroys the client sockets: the hub sees the connection drop.
        await stopServer(server);
        devices.reboot();
        await new Promise((resolve) => setTimeout(resolve, downMs));
        if (closing !== null) return;
        server = await startServer(vector, host, port);
        attach(server);
      })().finally(() => {
        rebooting = null;
      });
      return rebooting;
    },
    close(): Promise<void> {
      closing ??= (async () => {
        await rebooting;
        devices.dispose();
        await stopServer(server);
      })();
      return closing;
    },
  };
}

type Vector = ConstructorParameters<typeof ServerTCP>[0];

/**
 * ServerTCP treats port 0 as "default 502", so for "any free port" we ask the
 * OS for one first and retry if somebody takes it in between.
 */
async function listen(vector: Vector, host: string, port: number): Promise<{ server: ServerTCP; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const chosen = port === 0 ? await freePort(host) : port;
    try {
      return { server: await startServer(vector, host, chosen), port: chosen };
    } catch (err) {
      const inUse = err instanceof Error && 'code' in err && err.code === 'EADDRINUSE';
      if (port !== 0 || !inUse || attempt >= 5) throw err;
    }
  }
}

function startServer(vector: Vector, host: string, port: number): Promise<ServerTCP> {
  return new Promise((resolve, reject) => {
    const server = new ServerTCP(vector, { host, port, unitID: 255 });
    server.on('initialized', () => resolve(server));
    server.on('serverError', (err: Error | null) => {
      server.close(() => undefined);
      reject(err ?? new Error(`cannot listen on ${host}:${port}`));
    });
  });
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
