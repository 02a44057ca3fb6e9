/**
 * Device-side SunSpec simulator: one Modbus TCP server (modbus-serial's
 * ServerTCP, the same framing real devices speak) with the PV inverter and the
 * home battery behind two unit ids, like a hybrid inverter with a battery or
 * a gateway. Registers come from the shipped model definitions; values from
 * the simulated home's physics, refreshed every site-second.
 */
import { createServer } from 'node:net';
import { ServerTCP } from 'modbus-serial';
import type { Clock } from '../../main/common/clock.js';
import { silentLogger, type Logger } from '../../main/common/log.js';
import type { SimPhysics } from './physics-types.js';
import { SimSunSpecBattery } from './sunspec-sim-battery.js';
import { SimSunSpecInverter } from './sunspec-sim-inverter.js';
import { SimModbusException, type SimSunSpecUnit } from './sunspec-sim-unit.js';

export interface SunSpecSimOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly inverterUnitId?: number;
  readonly batteryUnitId?: number;
  /** Inverter nameplate (model 120 WRtg), W. Default 10 000. */
  readonly inverterRatedW?: number;
  readonly log?: Logger;
}

export interface SunSpecSim {
  readonly port: number;
  close(): Promise<void>;
}

/** A request for a unit id nobody answers to: what a gateway says when the target is missing. */
const gatewayTargetFailed = 11;

export async function startSunSpecSim(opts: SunSpecSimOptions): Promise<SunSpecSim> {
  const host = opts.host ?? '127.0.0.1';
  const log = (opts.log ?? silentLogger).child('sunspec-sim');
  const inverterUnitId = opts.inverterUnitId ?? 1;
  const batteryUnitId = opts.batteryUnitId ?? 2;
  if (inverterUnitId === batteryUnitId) throw new RangeError(`inverter and battery need different unit ids, both are ${inverterUnitId}`);

  const inverter = new SimSunSpecInverter({ physics: opts.physics, clock: opts.clock, log, unitId: inverterUnitId, ratedW: opts.inverterRatedW ?? 10_000 });
  const battery = new SimSunSpecBattery({ physics: opts.physics, clock: opts.clock, log, unitId: batteryUnitId });
  const units = new Map<number, SimSunSpecUnit>([
    [inverterUnitId, inverter.unit],
    [batteryUnitId, battery.unit],
  ]);
  const unitFor = (unitId: number): SimSunSpecUnit => {
    const unit = units.get(unitId);
    if (unit === undefined) throw new SimModbusException(gatewayTargetFailed, `no device with unit id ${unitId}`);
    return unit;
  };

  // Registers follow the physics step (1 site-second). Besides the timer, a read first catches up with a
  // step the timer has not seen yet, so the simulator adds no phase lag of its own to the control loop.
  let refreshedTs: number | null = null;
  const refresh = (): void => {
    const ts = opts.physics.state().ts;
    if (ts === refreshedTs) return;
    refreshedTs = ts;
    for (const unit of units.values()) unit.refresh();
  };
  const stopRefresh = opts.clock.every(1000, refresh);

  // Sync handlers with exactly these arities: modbus-serial picks the sync calling convention by Function.length.
  const vector = {
    getHoldingRegister: (addr: number, unitId: number): number => {
      refresh();
      return unitFor(unitId).read(addr, 1)[0] ?? 0;
    },
    getMultipleHoldingRegisters: (addr: number, length: number, unitId: number): number[] => {
      refresh();
      return unitFor(unitId).read(addr, length);
    },
    setRegister: (addr: number, value: number, unitId: number): void => unitFor(unitId).write(addr, [value]),
    setRegisterArray: (addr: number, values: number[], unitId: number): void => unitFor(unitId).write(addr, values),
  };

  const stopAll = (): void => {
    stopRefresh();
    inverter.dispose();
    battery.dispose();
  };
  let server: ServerTCP;
  let port: number;
  try {
    ({ server, port } = await listen(vector, host, opts.port ?? 0));
  } catch (err) {
    stopAll();
    throw err;
  }
  server.on('socketError', (err: Error | null) => log.debug('client socket error', { error: err?.message }));
  // An 'error' event without a listener would throw and take the whole simulated home down.
  server.on('error', (err: Error | null) => log.warn('SunSpec simulator error', { error: err?.message }));
  log.info('SunSpec simulator listening', { host, port, inverterUnitId, batteryUnitId });

  let closing: Promise<void> | null = null;
  return {
    port,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        stopAll();
        // ServerTCP.close destroys the client sockets, so this does not wait for clients to hang up.
        server.close(() => resolve());
      });
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
