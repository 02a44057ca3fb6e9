/**
 * SunSpec benchmark over real Modbus TCP on loopback (modbus-serial's
 * ServerTCP serving a simulated device, our pool and discovery on the client):
 *
 * 1. Full discovery of a device with 10 models: connect, find "SunS", walk
 *    the chain, read model 1 (identity); and the probe's full read (every
 *    model decoded) on top.
 * 2. Registers read per second over one connection: back-to-back reads of
 *    125 registers (the Modbus maximum), of one model (52 registers, 103),
 *    and ten unit ids sharing the connection.
 *
 * Usage: npx tsx bench/sunspec.ts [--runs 40] [--seconds 3]
 */
import { createServer } from 'node:net';
import { ServerTCP } from 'modbus-serial';
import { silentLogger } from '../main/common/log.js';
import { sunspecVector } from '../drivers/sim/sunspec-sim-vector.js';
import { SimSunSpecUnit, type SimModelSpec } from '../drivers/sim/sunspec-sim-unit.js';
import { discoverSunSpec } from '../drivers/sunspec/discovery.js';
import { probeSunSpec } from '../drivers/sunspec/probe.js';
import { createModbusPool } from '../drivers/transports/modbus-pool.js';

const runs = numberArg('--runs', 40);
const seconds = numberArg('--seconds', 3);

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(v > 0)) throw new Error(`${name}: expected a positive number`);
  return v;
}

/** Ten models, as a hybrid inverter with DER models might list them. */
const tenModels: SimModelSpec[] = [
  { id: 1, initial: { Mn: 'SCALE Hub', Md: 'Bench 10 models', SN: 'BENCH-1', Vr: '1.0.0', DA: 1 } },
  { id: 103, initial: { W: 4321, W_SF: 0, WH: 123_456, WH_SF: 0, St: 4 } },
  { id: 120, initial: { WRtg: 10_000, WRtg_SF: 0 } },
  { id: 121, initial: { WMax: 10_000, WMax_SF: 0 } },
  { id: 122 },
  { id: 123, initial: { WMaxLimPct: 10_000, WMaxLimPct_SF: -2, WMaxLim_Ena: 0 } },
  { id: 124, initial: { WChaMax: 5000, WChaMax_SF: 0, StorCtl_Mod: 0 } },
  { id: 160, initial: { N: 2, 'module[0].ID': 1, 'module[1].ID': 2, DCW_SF: 0 } },
  { id: 701, initial: { W: 4321, W_SF: 0 } },
  { id: 802, initial: { SoC: 553, SoC_SF: -1 } },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${percentile(s, 0.5).toFixed(2)} ms, p95 ${percentile(s, 0.95).toFixed(2)} ms (${s.length} runs)`;
}

async function main(): Promise<void> {
  const units = new Map<number, SimSunSpecUnit>();
  for (let id = 1; id <= 10; id++) units.set(id, new SimSunSpecUnit(40000, tenModels));
  const port = await freePort();
  const server = await new Promise<ServerTCP>((resolve, reject) => {
    const s = new ServerTCP(sunspecVector({ units, beforeRead: () => undefined, unknownUnit: 'exception' }), { host: '127.0.0.1', port, unitID: 255 });
    s.on('initialized', () => resolve(s));
    s.on('serverError', (err: Error | null) => reject(err ?? new Error('server error')));
  });
  server.on('socketError', () => undefined);
  const modelCount = units.get(1)?.modelMap().length ?? 0;
  const registers = units.get(1)?.modelMap().reduce((n, m) => n + m.length + 2, 0) ?? 0;

  // 1. Discovery, each run on a fresh connection (the TCP connect is part of it, as at hub start).
  const discovery: number[] = [];
  const probe: number[] = [];
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const pool = createModbusPool(silentLogger);
    const unit = pool.unit('127.0.0.1', port, 1);
    let t = performance.now();
    const found = await discoverSunSpec(unit);
    discovery.push(performance.now() - t);
    if (found.models.length !== modelCount) throw new Error(`found ${found.models.length} models, expected ${modelCount}`);
    requests = (unit as unknown as { connectionStats(): { requests: number } }).connectionStats().requests;
    await pool.close();
    const pool2 = createModbusPool(silentLogger);
    t = performance.now();
    await probeSunSpec(pool2.unit('127.0.0.1', port, 1));
    probe.push(performance.now() - t);
    await pool2.close();
  }

  // 2. Throughput over one connection.
  const pool = createModbusPool(silentLogger);
  const throughput = async (label: string, count: number, unitIds: number[]): Promise<string> => {
    const us = unitIds.map((id) => pool.unit('127.0.0.1', port, id));
    await us[0]?.readHoldingRegisters(40000, 2);
    const start = performance.now();
    let regs = 0;
    let reqs = 0;
    while (performance.now() - start < seconds * 1000) {
      // All units at once: the pool serialises them on the one connection.
      await Promise.all(us.map((u) => u.readHoldingRegisters(40000, count)));
      regs += count * us.length;
      reqs += us.length;
    }
    const s = (performance.now() - start) / 1000;
    return `| ${label} | ${Math.round(regs / s).toLocaleString('en')} registers/s | ${Math.round(reqs / s).toLocaleString('en')} requests/s |`;
  };
  const rows = [
    await throughput('125-register reads, one unit', 125, [1]),
    await throughput('52-register reads (model 103), one unit', 52, [1]),
    await throughput('125-register reads, ten unit ids sharing the connection', 125, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  ];
  await pool.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));

  console.log(`SunSpec device with ${modelCount} models (${registers} registers), Modbus TCP on loopback`);
  console.log(`discovery (connect, "SunS", chain, identity; ${requests} requests): ${summary(discovery)}`);
  console.log(`discovery + every model read and decoded (the probe): ${summary(probe)}`);
  console.log('');
  console.log('| reads over one connection | registers | requests |');
  console.log('|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
