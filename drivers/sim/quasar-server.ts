/**
 * A simulated Wallbox Quasar on Modbus TCP (loopback by default): the
 * QuasarModel behind a modbus-serial ServerTCP, stepped once per site second,
 * pushing the power it delivers into the home physics.
 */
import { createServer } from 'node:net';
import { ServerTCP, type IServiceVector } from 'modbus-serial';
import type { Clock } from '../../main/common/clock.js';
import type { SimPhysics } from './physics-types.js';
import { QuasarModel, type QuasarSimState } from './quasar-model.js';

export type { QuasarSimState };

export interface QuasarSimOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly host?: string;
  /** 0 or absent: a free port is chosen. */
  readonly port?: number;
  readonly unitId?: number;
  /** Site ms from the start action until power flows. */
  readonly startDelayMs?: number;
  /** Site ms from a setpoint change until the ramp begins. */
  readonly changeDelayMs?: number;
}

export interface QuasarSim {
  readonly port: number;
  close(): Promise<void>;
  /** For tests: the simulator's inner state. */
  readonly state: () => QuasarSimState;
  /** For tests: puts the charger into a fault (error code in 0x21B, state 7), 0 clears it. */
  readonly setFault: (code: number) => void;
}

const STEP_MS = 1000;

export async function startQuasarSim(opts: QuasarSimOptions): Promise<QuasarSim> {
  const { physics, clock } = opts;
  const host = opts.host ?? '127.0.0.1';
  const model = new QuasarModel({ startDelayMs: opts.startDelayMs ?? 22_000, changeDelayMs: opts.changeDelayMs ?? 8000 });
  const observe = (): void => model.observe(physics.state().car);
  const step = (): void => {
    const car = physics.state().car;
    physics.setCarPowerW(model.step(clock.now(), car));
  };
  step();

  // Synchronous handlers: modbus-serial picks the calling convention by arity,
  // and turns a thrown error's `modbusErrorCode` into a Modbus exception reply.
  const vector: IServiceVector = {
    getHoldingRegister: (addr: number, _unitID: number): number => {
      observe();
      return model.read(addr);
    },
    getMultipleHoldingRegisters: (addr: number, length: number, _unitID: number): number[] => {
      observe();
      return Array.from({ length }, (_, i) => model.read(addr + i));
    },
    setRegister: (addr: number, value: number, _unitID: number): void => {
      observe();
      model.write(addr, [value], clock.now());
    },
    setRegisterArray: (addr: number, values: number[], _unitID: number): void => {
      observe();
      model.write(addr, values, clock.now());
    },
  };

  const { server, port } = await listen(vector, host, opts.port ?? 0, opts.unitId ?? 1);
  const cancelStep = clock.every(STEP_MS, step);

  return {
    port,
    state: () => model.snapshot(),
    setFault: (code: number) => model.setFault(code),
    close: () => {
      cancelStep();
      // A charger that is gone delivers nothing; the physics must not keep the last command.
      physics.setCarPowerW(0);
      // ServerTCP.close destroys open client sockets, so this does not wait for clients to hang up.
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function listen(vector: IServiceVector, host: string, requestedPort: number, unitId: number): Promise<{ server: ServerTCP; port: number }> {
  // modbus-serial treats port 0 as "502", so a free port is found first. Another
  // process may grab it in between: then try again with a fresh one.
  for (let attempt = 1; ; attempt++) {
    const port = requestedPort === 0 ? await freePort(host) : requestedPort;
    try {
      return { server: await openServer(vector, host, port, unitId), port };
    } catch (err) {
      if (requestedPort !== 0 || attempt >= 3 || !isAddressInUse(err)) throw err;
    }
  }
}

function openServer(vector: IServiceVector, host: string, port: number, unitId: number): Promise<ServerTCP> {
  return new Promise((resolve, reject) => {
    const server = new ServerTCP(vector, { host, port, unitID: unitId });
    server.on('initialized', () => {
      // Once listening, errors on single connections (a client resetting) must not crash the simulated home.
      server.on('serverError', () => undefined);
      resolve(server);
    });
    server.once('serverError', (err: Error | null) => reject(err ?? new Error(`Quasar simulator could not listen on ${host}:${port}`)));
    server.on('socketError', () => undefined);
    server.on('error', () => undefined);
  });
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error(`no free port on ${host}`))));
    });
  });
}

function isAddressInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'EADDRINUSE';
}
