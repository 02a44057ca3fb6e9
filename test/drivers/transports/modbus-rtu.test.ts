/**
 * Modbus RTU through the shared pool, over a real pseudo-terminal pair
 * (socat) with modbus-serial's ServerSerial on the far end: the same queue,
 * timeouts and errors as TCP, plus what only a serial bus has (a silent unit
 * must not take the bus down; a late reply must not answer the next request).
 */
import { ServerSerial } from 'modbus-serial';
import type { FCallback, FCallbackVal } from 'modbus-serial';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../../../main/common/errors.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import type { ModbusUnitWithStats } from '../../../drivers/transports/modbus-types.js';
import type { SerialPortConfig } from '../../../drivers/transports/serial-config.js';
import { openPtyPair, requireSocat, type PtyPair } from './modbus-rtu-pty.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

beforeAll(() => requireSocat());

const line = (path: string): SerialPortConfig => ({ path, baudRate: 38_400, dataBits: 8, parity: 'none', stopBits: 1 });

interface BusOptions {
  /** Real ms before unit `unitId` answers; absent units never answer. */
  readonly delayMs: Readonly<Record<number, number>>;
}

/** A bus of units on pty end `path`: register value = unitId * 1000 + address; writes are remembered. */
async function startBus(path: string, options: BusOptions) {
  const writes: { unitId: number; address: number; values: number[] }[] = [];
  const answer = <T>(unitId: number, cb: (err: Error | null, value: T) => void, value: () => T): void => {
    const delay = options.delayMs[unitId];
    if (delay === undefined) return; // nobody at this address: silence
    setTimeout(() => cb(null, value()), delay);
  };
  const vector = {
    getHoldingRegister: (addr: number, unitId: number, cb: FCallbackVal<number>): void => answer(unitId, cb, () => (unitId * 1000 + addr) & 0xffff),
    getMultipleHoldingRegisters: (addr: number, n: number, unitId: number, cb: FCallbackVal<number[]>): void =>
      answer(unitId, cb, () => Array.from({ length: n }, (_, i) => (unitId * 1000 + addr + i) & 0xffff)),
    setRegisterArray: (addr: number, values: number[], unitId: number, cb: FCallback): void =>
      answer(unitId, (err: Error | null) => cb(err), () => void writes.push({ unitId, address: addr, values })),
  };
  const server = await new Promise<ServerSerial>((resolve, reject) => {
    const s = new ServerSerial(vector, { path, baudRate: 38_400, unitID: 255, interval: 5 } as ConstructorParameters<typeof ServerSerial>[1]);
    s.on('initialized', () => resolve(s));
    s.on('error', (err: Error | null) => reject(err ?? new Error('serial server error')));
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { writes };
}

async function rejection(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

async function setup(delayMs: Record<number, number>): Promise<{ pty: PtyPair; bus: Awaited<ReturnType<typeof startBus>>; pool: ReturnType<typeof createModbusPool> }> {
  const pty = await openPtyPair();
  cleanups.push(() => pty.close());
  const bus = await startBus(pty.a, { delayMs });
  const pool = createModbusPool();
  cleanups.push(() => pool.close());
  return { pty, bus, pool };
}

describe('Modbus RTU over a serial line (socat pty pair)', () => {
  it('reads and writes several unit ids on one line, one request at a time', async () => {
    const { pty, bus, pool } = await setup({ 1: 0, 2: 0 });
    const serial = pool.serialUnit?.bind(pool);
    if (serial === undefined) throw new Error('pool without RTU');
    const a = serial(line(pty.b), 1, { timeoutMs: 1000 }) as ModbusUnitWithStats;
    const b = serial(line(pty.b), 2, { timeoutMs: 1000 }) as ModbusUnitWithStats;
    expect(a.endpoint).toBe(`${pty.b} 38400 8N1`);
    expect(a.port).toBe(0);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).readHoldingRegisters(100 + i, 3)));
    results.forEach((regs, i) => {
      const unitId = i % 2 === 0 ? 1 : 2;
      expect(Array.from(regs)).toEqual([unitId * 1000 + 100 + i, unitId * 1000 + 101 + i, unitId * 1000 + 102 + i]);
    });
    // A long read is split by the pool as on TCP.
    expect((await a.readHoldingRegisters(40000, 130)).length).toBe(130);
    await b.writeRegisters(40100, [7, 0xffff]);
    expect(bus.writes).toEqual([{ unitId: 2, address: 40100, values: [7, 0xffff] }]);
    expect(a.connectionStats()).toMatchObject({ connected: true, connects: 1, timeouts: 0 });
    // One line: every unit on it must use the same settings.
    expect(() => serial({ ...line(pty.b), baudRate: 9600 }, 3)).toThrow(/same line settings/);
  });

  it('a silent unit times out without taking the line down for the others', async () => {
    const { pty, pool } = await setup({ 1: 0 });
    const live = pool.serialUnit?.(line(pty.b), 1, { timeoutMs: 500 }) as ModbusUnitWithStats;
    const missing = pool.serialUnit?.(line(pty.b), 9, { timeoutMs: 100 }) as ModbusUnitWithStats;
    for (let i = 0; i < 4; i++) {
      const err = await rejection(missing.readHoldingRegisters(40000, 2));
      expect(err.code).toBe('device_timeout');
      expect(err.message).toContain(`unit 9`);
    }
    // Four timeouts in a row would drop a TCP socket; a serial line stays open.
    expect(Array.from(await live.readHoldingRegisters(5, 1))).toEqual([1005]);
    expect(live.connectionStats()).toMatchObject({ connects: 1, connectionLosses: 0, timeouts: 4 });
  });

  it('never hands a late reply to the next request', async () => {
    // Unit 3 answers after 150 ms; with a 100 ms timeout its reply arrives after the request gave up.
    const { pty, pool } = await setup({ 3: 150, 1: 0 });
    const slow = pool.serialUnit?.(line(pty.b), 3, { timeoutMs: 100 }) as ModbusUnitWithStats;
    const fast = pool.serialUnit?.(line(pty.b), 3, { timeoutMs: 1000 });
    if (fast === undefined) throw new Error('pool without RTU');
    expect((await rejection(slow.readHoldingRegisters(10, 2))).code).toBe('device_timeout');
    // Same unit, same function, same length: only the address tells the replies apart.
    expect(Array.from(await fast.readHoldingRegisters(20, 2))).toEqual([3020, 3021]);
  });

  it('reports a serial device that does not exist as unreachable, retryable', async () => {
    const pool = createModbusPool(undefined, { backoffInitialMs: 50 });
    cleanups.push(() => pool.close());
    const unit = pool.serialUnit?.(line('/dev/does-not-exist-rtu'), 1);
    if (unit === undefined) throw new Error('pool without RTU');
    const err = await rejection(unit.readHoldingRegisters(0, 1));
    expect(err.code).toBe('device_unreachable');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('/dev/does-not-exist-rtu');
  });
});
