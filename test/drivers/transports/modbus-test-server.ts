/**
 * Modbus TCP servers for the pool tests: modbus-serial's ServerTCP (real
 * framing) with a register function and an optional reply delay, and a
 * server that accepts connections and never answers.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { ServerTCP } from 'modbus-serial';

export interface TestServerOptions {
  /** Register value at address for unit; throw { modbusErrorCode } to answer an exception. */
  readonly valueAt?: (address: number, unitId: number) => number;
  /** Real ms before each reply. */
  readonly delayMs?: number;
  readonly port?: number;
}

export interface TestServer {
  readonly port: number;
  /** Requests (function 3, 4 and 16) as they arrive. */
  readonly requests: { fc: 3 | 4 | 16; address: number; count: number; unitId: number }[];
  readonly writes: Map<number, number>;
  /** Most requests the server was working on at the same time. */
  readonly maxConcurrent: () => number;
  close(): Promise<void>;
}

type Callback<T> = (err: Error | null, value: T) => void;

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const valueAt = options.valueAt ?? ((address: number, unitId: number) => (unitId * 1000 + address) & 0xffff);
  const delayMs = options.delayMs ?? 0;
  const requests: TestServer['requests'] = [];
  const writes = new Map<number, number>();
  let inFlight = 0;
  let maxInFlight = 0;

  const answer = <T>(compute: () => T, cb: Callback<T>): void => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      try {
        cb(null, compute());
      } catch (err) {
        cb(err as Error, undefined as T);
      }
    }, delayMs);
  };

  // Callback-style handlers (four parameters) so the reply can be delayed.
  const vector = {
    getMultipleHoldingRegisters: (address: number, count: number, unitId: number, cb: Callback<number[]>): void => {
      requests.push({ fc: 3, address, count, unitId });
      answer(() => Array.from({ length: count }, (_, i) => valueAt(address + i, unitId)), cb);
    },
    // Input registers read as the holding value + 500, so a test can tell the functions apart.
    getMultipleInputRegisters: (address: number, count: number, unitId: number, cb: Callback<number[]>): void => {
      requests.push({ fc: 4, address, count, unitId });
      answer(() => Array.from({ length: count }, (_, i) => (valueAt(address + i, unitId) + 500) & 0xffff), cb);
    },
    getInputRegister: (address: number, unitId: number, cb: Callback<number>): void => {
      requests.push({ fc: 4, address, count: 1, unitId });
      answer(() => (valueAt(address, unitId) + 500) & 0xffff, cb);
    },
    getHoldingRegister: (address: number, unitId: number, cb: Callback<number>): void => {
      requests.push({ fc: 3, address, count: 1, unitId });
      answer(() => valueAt(address, unitId), cb);
    },
    setRegisterArray: (address: number, values: number[], unitId: number, cb: (err: Error | null) => void): void => {
      requests.push({ fc: 16, address, count: values.length, unitId });
      answer(() => values.forEach((v, i) => writes.set(address + i, v)), (err) => cb(err));
    },
  };

  const port = options.port ?? (await freeLoopbackPort());
  const server = new ServerTCP(vector, { host: '127.0.0.1', port, unitID: 255 });
  await new Promise<void>((resolve, reject) => {
    server.on('initialized', () => resolve());
    server.on('serverError', (err: Error | null) => reject(err ?? new Error('server error')));
  });
  server.on('socketError', () => undefined);
  return {
    port,
    requests,
    writes,
    maxConcurrent: () => maxInFlight,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Accepts TCP connections, reads everything, answers nothing. */
export async function startSilentServer(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    connections: () => accepted,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
