/**
 * Modbus meters over real Modbus TCP against the simulator: the EM24 and
 * SunSpec 203 through the shared pool, the SDM630 (function 4) through a
 * unit that offers input registers. Raw register tests pin the templates to
 * the vendors' maps independently of the simulator's encoder.
 */
import ModbusRTUModule from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import { decodeRegisterValue, planReads } from '../../../drivers/modbus-meter/register-decode.js';
import type { ModbusMeter} from '../../../drivers/modbus-meter/modbus-meter.js';
import { modbusMeterDriver } from '../../../drivers/modbus-meter/modbus-meter.js';
import { registerTemplates } from '../../../drivers/modbus-meter/templates.js';
import { startModbusMeterSim } from '../../../drivers/sim/modbus-meter-server.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import type { ModbusPool, ModbusUnit } from '../../../drivers/transports/modbus-types.js';
import { waitFor } from '../p1/helpers.js';
import { ManualClock } from '../../support/manual-clock.js';
import { NOON, quietPhysics } from '../sim-rig.js';

const ModbusRTU = ModbusRTUModule.default;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(units: Record<number, string>) {
  const clock = new ManualClock(NOON);
  const physics = quietPhysics(clock, 5100, 1500);
  physics.start();
  cleanups.push(() => physics.stop());
  const sim = await startModbusMeterSim({ physics, units });
  cleanups.push(() => sim.close());
  const pool = createModbusPool(silentLogger);
  cleanups.push(() => pool.close());
  // Let the physics settle on the overridden load and PV.
  clock.advance(1000);
  return { clock, physics, sim, pool };
}

function meter(template: string, unitId: number, port: number, clock: ManualClock, modbus: ModbusPool): ModbusMeter {
  const config = modbusMeterDriver.configSchema.parse({ template, host: '127.0.0.1', port, unitId });
  const m = modbusMeterDriver.create({ ...config, id: 'grid', role: 'grid', type: 'modbus-meter' }, { clock, log: silentLogger, modbus }) as ModbusMeter;
  cleanups.push(() => m.stop());
  return m;
}

describe('modbus-meter against the simulator', () => {
  it('Carlo Gavazzi EM24 (INT32, low word first) through the shared pool', async () => {
    const { clock, sim, pool } = await rig({ 2: 'carlo-gavazzi-em24' });
    const m = meter('carlo-gavazzi-em24', 2, sim.port, clock, pool);
    await m.start();
    await waitFor(() => (m.health().counters.polls ?? 0) >= 1, `a poll (${JSON.stringify(m.health())})`);
    expect(m.powerW()).toBe(3600);
    expect(m.phases()?.map((p) => p.powerW)).toEqual([1200, 1200, 1200]);
    expect(m.energyImportWh()).toBeGreaterThanOrEqual(1_000_000);
  });

  it('SunSpec model 203, found by discovery and decoded by the SunSpec decoder', async () => {
    const { clock, sim, pool } = await rig({ 3: 'sunspec-meter' });
    const m = meter('sunspec-meter', 3, sim.port, clock, pool);
    await m.start();
    await waitFor(() => (m.health().counters.polls ?? 0) >= 1, 'a poll', 5000);
    expect(m.powerW()).toBe(3600);
    expect(m.phases()?.map((p) => p.powerW)).toEqual([1200, 1200, 1200]);
    expect(m.phases()?.[0]?.voltageV).toBeGreaterThan(200);
  });

  it('Eastron SDM630 (float32 input registers, function 4) through the shared pool', async () => {
    const { clock, sim, pool } = await rig({ 1: 'eastron-sdm630' });
    const m = meter('eastron-sdm630', 1, sim.port, clock, pool);
    await m.start();
    await waitFor(() => (m.health().counters.polls ?? 0) >= 1, 'a poll');
    expect(m.powerW()).toBe(3600);
    expect(m.phases()?.map((p) => p.powerW)).toEqual([1200, 1200, 1200]);
  });

  it('says so when the connection cannot read input registers', async () => {
    const { clock, sim } = await rig({ 1: 'eastron-sdm630' });
    const client = new ModbusRTU();
    await client.connectTCP('127.0.0.1', { port: sim.port });
    cleanups.push(() => new Promise<void>((resolve) => client.close(() => resolve())));
    client.setID(1);
    // A connection without function 4 (as some gateways and older pools are).
    const unit: ModbusUnit = {
      host: '127.0.0.1',
      port: sim.port,
      unitId: 1,
      readHoldingRegisters: async (a, n) => Uint16Array.from((await client.readHoldingRegisters(a, n)).data),
      writeRegisters: () => Promise.reject(new Error('read only')),
    };
    const m = meter('eastron-sdm630', 1, sim.port, clock, { unit: () => unit, close: () => Promise.resolve() });
    await m.start();
    await waitFor(() => m.health().status === 'error', 'the error');
    expect(m.health().lastError).toBe('template eastron-sdm630 reads input registers (function 4), which this Modbus connection cannot do');
  });

  it('refuses an implausible value and keeps polling', async () => {
    const { clock, sim, pool } = await rig({ 2: 'carlo-gavazzi-em24' });
    const regs = new Map<number, number>();
    for (let a = 0; a < 80; a++) regs.set(a, 0);
    // W sys = 0x7FFFFFFF x 0.1 W: 214 MW.
    regs.set(40, 0xffff);
    regs.set(41, 0x7fff);
    sim.override(2, regs);
    const m = meter('carlo-gavazzi-em24', 2, sim.port, clock, pool);
    await m.start();
    await waitFor(() => (m.health().counters.rangeErrors ?? 0) >= 1, 'the range error');
    expect(m.health().lastError).toBe('powerImportW out of range: 214748364.7');
    expect(m.powerW()).toBeNull();
  });
});

describe('templates against the vendor maps (raw registers)', () => {
  it('SDM630: total power at 30053 (0x34) as float32, energies in kWh', () => {
    const t = registerTemplates.get('eastron-sdm630');
    const power = t?.values.powerW;
    const energy = t?.values.energyImportWh;
    if (power === undefined || energy === undefined) throw new Error('template');
    // -1234.5 W as IEEE 754: 0xC49A5000.
    expect(decodeRegisterValue(power, [0xc49a, 0x5000], 0x34)).toBe(-1234.5);
    // 12345.5 kWh: 0x4640E600.
    expect(decodeRegisterValue(energy, [0x4640, 0xe600], 0x48)).toBe(12_345_500);
  });

  it('EM24: W sys at 0x28 as INT32 LSW first, x0.1 W', () => {
    const power = registerTemplates.get('carlo-gavazzi-em24')?.values.powerW;
    if (power === undefined) throw new Error('template');
    // -3600.0 W = -36000 = 0xFFFF7360: low word 0x7360 first.
    expect(decodeRegisterValue(power, [0x7360, 0xffff], 0x28)).toBe(-3600);
  });

  it('plans few reads', () => {
    const t = registerTemplates.get('eastron-sdm630');
    expect(planReads(Object.values(t?.values ?? {}))).toEqual([{ address: 0, count: 18 }, { address: 52, count: 2 }, { address: 72, count: 4 }]);
  });

  it('validates the config by key', () => {
    const r = modbusMeterDriver.configSchema.safeParse({ template: 'abb-b23', host: 'm', port: 502 });
    expect(r.success).toBe(false);
    if (!r.success) expect(`${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`).toBe('template: expected one of eastron-sdm630, carlo-gavazzi-em24, sunspec-meter');
  });
});
