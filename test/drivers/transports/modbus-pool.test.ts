import { afterEach, describe, expect, it } from 'vitest';
import { HubError } from '../../../main/common/errors.js';
import { ModbusExceptionError } from '../../../drivers/transports/modbus-errors.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import type { ModbusPool, ModbusUnitWithStats } from '../../../drivers/transports/modbus-types.js';
import { freeLoopbackPort, startSilentServer, startTestServer } from './modbus-test-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function pool(tuning: Parameters<typeof createModbusPool>[1] = {}): ModbusPool {
  const p = createModbusPool(undefined, { backoffInitialMs: 100, backoffMaxMs: 400, connectTimeoutMs: 500, ...tuning });
  cleanups.push(() => p.close());
  return p;
}

async function rejection(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HubError) return err;
    throw new Error(`expected a HubError, got ${String(err)}`);
  }
  throw new Error('expected the request to fail');
}

describe('modbus pool', () => {
  it('serialises concurrent requests from several units on one connection', async () => {
    const server = await startTestServer({ delayMs: 15 });
    cleanups.push(() => server.close());
    const p = pool();
    const a = p.unit('127.0.0.1', server.port, 1) as ModbusUnitWithStats;
    const b = p.unit('127.0.0.1', server.port, 2) as ModbusUnitWithStats;
    const reads = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).readHoldingRegisters(100 + i, 2));
    const results = await Promise.all(reads);
    expect(server.maxConcurrent()).toBe(1);
    results.forEach((regs, i) => {
      const unitId = i % 2 === 0 ? 1 : 2;
      expect(Array.from(regs)).toEqual([unitId * 1000 + 100 + i, unitId * 1000 + 101 + i]);
    });
    // One shared TCP connection for both unit ids.
    expect(a.connectionStats().connects).toBe(1);
    expect(b.connectionStats()).toEqual(a.connectionStats());
    expect(server.requests.map((r) => r.unitId)).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it('splits reads longer than maxRegistersPerRead and writes with function 16', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const unit = pool().unit('127.0.0.1', server.port, 3, { maxRegistersPerRead: 10 });
    const regs = await unit.readHoldingRegisters(40000, 25);
    expect(regs).toHaveLength(25);
    expect(regs[24]).toBe((3000 + 40024) & 0xffff);
    expect(server.requests.map((r) => [r.address, r.count])).toEqual([
      [40000, 10],
      [40010, 10],
      [40020, 5],
    ]);
    await unit.writeRegisters(40100, [1, 0xffff, 0x8000]);
    expect([...server.writes.entries()]).toEqual([
      [40100, 1],
      [40101, 0xffff],
      [40102, 0x8000],
    ]);
  });

  it('rejects bad arguments without touching the wire', async () => {
    const unit = pool().unit('127.0.0.1', 1, 1);
    expect((await rejection(unit.readHoldingRegisters(65530, 10))).code).toBe('bad_request');
    expect((await rejection(unit.writeRegisters(0, [70000]))).code).toBe('bad_request');
    expect(() => pool().unit('127.0.0.1', 502, 300)).toThrow(/unitId/);
  });

  it('times out against a device that never answers, then drops the connection and fails fast', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const unit = pool({ timeoutsBeforeReconnect: 2, backoffInitialMs: 2000 }).unit('127.0.0.1', silent.port, 1, { timeoutMs: 150 });
    const start = performance.now();
    const first = await rejection(unit.readHoldingRegisters(40000, 2));
    const elapsed = performance.now() - start;
    expect(first.code).toBe('device_timeout');
    expect(first.retryable).toBe(true);
    expect(first.message).toBe(`timeout reading 2 registers at 40000 from 127.0.0.1:${silent.port} unit 1 (no answer within 150 ms)`);
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
    expect((await rejection(unit.readHoldingRegisters(40000, 2))).code).toBe('device_timeout');
    // Two timeouts in a row: the socket is dropped and the device backed off.
    const fastStart = performance.now();
    const fast = await rejection(unit.readHoldingRegisters(40000, 2));
    expect(fast.code).toBe('device_unreachable');
    expect(fast.retryable).toBe(true);
    expect(performance.now() - fastStart).toBeLessThan(100);
    expect(silent.connections()).toBe(1);
  });

  it('fails fast with device_unreachable while backing off from a dead device', async () => {
    const port = await freeLoopbackPort();
    const unit = pool({ backoffInitialMs: 300 }).unit('127.0.0.1', port, 1);
    const refused = await rejection(unit.readHoldingRegisters(0, 1));
    expect(refused.code).toBe('device_unreachable');
    expect(refused.retryable).toBe(true);
    expect(refused.message).toMatch(/cannot connect to 127\.0\.0\.1:\d+/);
    const during = await rejection(unit.readHoldingRegisters(0, 1));
    expect(during.code).toBe('device_unreachable');
    expect(during.message).toMatch(/next attempt in \d+ ms/);
  });

  it('reconnects after the server restarts', async () => {
    const first = await startTestServer();
    const port = first.port;
    const p = pool({ backoffInitialMs: 100 });
    const unit = p.unit('127.0.0.1', port, 1) as ModbusUnitWithStats;
    expect(Array.from(await unit.readHoldingRegisters(10, 1))).toEqual([1010]);
    await first.close();
    // The close is seen on the socket; requests now fail (retryable) instead of hanging.
    const lost = await rejection(unit.readHoldingRegisters(10, 1));
    expect(lost.code).toBe('device_unreachable');
    expect(lost.retryable).toBe(true);
    const second = await startTestServer({ port, valueAt: () => 42 });
    cleanups.push(() => second.close());
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(Array.from(await unit.readHoldingRegisters(10, 1))).toEqual([42]);
    expect(unit.connectionStats().connects).toBe(2);
    expect(unit.connectionStats().connectionLosses).toBe(1);
  });

  it('maps Modbus exceptions to device_rejected with the exception code', async () => {
    const server = await startTestServer({
      valueAt: (address) => {
        if (address === 2) throw Object.assign(new Error('no such register'), { modbusErrorCode: 2 });
        if (address === 6) throw Object.assign(new Error('busy'), { modbusErrorCode: 6 });
        return 0;
      },
    });
    cleanups.push(() => server.close());
    const unit = pool().unit('127.0.0.1', server.port, 1);
    const illegal = await rejection(unit.readHoldingRegisters(2, 1));
    expect(illegal).toBeInstanceOf(ModbusExceptionError);
    expect(illegal.code).toBe('device_rejected');
    expect(illegal.retryable).toBe(false);
    expect((illegal as ModbusExceptionError).exceptionCode).toBe(2);
    expect(illegal.message).toBe(`Modbus exception 2 (illegal data address) reading 1 registers at 2 from 127.0.0.1:${server.port} unit 1`);
    const busy = await rejection(unit.readHoldingRegisters(6, 1));
    expect(busy.code).toBe('device_rejected');
    expect(busy.retryable).toBe(true);
    expect(busy.message).toContain('Modbus exception 6');
    // An exception is an answer: the connection stays up and the next request works.
    expect(Array.from(await unit.readHoldingRegisters(0, 1))).toEqual([0]);
  });

  it('close() ends every connection and fails queued requests', async () => {
    const server = await startTestServer({ delayMs: 100 });
    cleanups.push(() => server.close());
    const p = createModbusPool();
    const unit = p.unit('127.0.0.1', server.port, 1) as ModbusUnitWithStats;
    await unit.readHoldingRegisters(0, 1);
    const pending = [unit.readHoldingRegisters(1, 1), unit.readHoldingRegisters(2, 1)].map((r) => rejection(r));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await p.close();
    const errors = await Promise.all(pending);
    expect(errors.map((e) => e.code)).toEqual(['device_unreachable', 'device_unreachable']);
    expect(unit.connectionStats().connected).toBe(false);
    expect(() => p.unit('127.0.0.1', server.port, 1)).toThrow(/closed/);
  });

  it('waits connectDelayMs after each connect before the first request (the largest any unit asks for)', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const p = pool();
    const quick = p.unit('127.0.0.1', server.port, 1);
    p.unit('127.0.0.1', server.port, 2, { connectDelayMs: 300 });
    const start = performance.now();
    await quick.readHoldingRegisters(0, 1);
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);
    const again = performance.now();
    await quick.readHoldingRegisters(0, 1);
    // Only after connecting: a connected line answers at once (generous bound for a loaded machine).
    expect(performance.now() - again).toBeLessThan(250);
    expect(() => p.unit('127.0.0.1', server.port, 3, { connectDelayMs: -1 })).toThrow(/connectDelayMs/);
  });

  it('reads input registers with function 4, split like holding registers', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const unit = pool().unit('127.0.0.1', server.port, 2, { maxRegistersPerRead: 10 });
    const regs = await unit.readInputRegisters?.(30000, 12);
    expect(Array.from(regs ?? [])).toEqual(Array.from({ length: 12 }, (_, i) => (2000 + 30000 + i + 500) & 0xffff));
    expect(server.requests.map((r) => [r.fc, r.address, r.count])).toEqual([
      [4, 30000, 10],
      [4, 30010, 2],
    ]);
  });
});
