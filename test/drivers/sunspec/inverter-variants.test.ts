/**
 * The inverter driver against each model set a real inverter may present
 * (float 111-113 with 121, single-phase 101, the 700-series DER models with
 * 704 curtailment), over real Modbus TCP to the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeModel, numberAt } from '../../../drivers/sunspec/decode.js';
import { requireModelDefinition } from '../../../drivers/sunspec/model-registry.js';
import { waitFor } from './helpers.js';
import { polls, simSetup, startInverter, type Cleanups } from './sim-setup.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('SunSpec inverter driver, model variants', () => {
  it('float models (113) with 121 WMax: readings, state, MPPT, curtailment through 123', async () => {
    const s = await simSetup(cleanups, { inverterProfile: 'float', inverterRatedW: 8000 });
    const pv = await startInverter(cleanups, s);
    expect(pv.discovery()?.models.map((m) => m.id)).toEqual([1, 113, 120, 121, 123, 160]);
    expect(pv.powerW()).toBe(4321);
    expect(pv.energyExportWh()).toBe(123_456);
    expect(pv.energyImportWh()).toBeNull();
    expect(pv.maxPowerW()).toBe(8000); // 121 WMax
    expect(pv.inverterStatus()).toEqual({ state: 'MPPT', alarms: [] });
    expect(pv.mppt()).toEqual([
      { name: 'String 1', powerW: 2593, voltageV: 620, energyWh: 74_074 },
      { name: 'String 2', powerW: 1728, voltageV: 580, energyWh: 49_382 },
    ]);
    s.physics.current.pvW = 1234.5;
    await waitFor('a fractional float power', () => pv.powerW() === 1234.5, 3000);
    await pv.setPvLimitW(2000);
    expect(s.physics.lastPvLimitW).toBe(2000);
    await pv.setPvLimitPct(50);
    expect(s.physics.lastPvLimitW).toBe(4000);
    expect(pv.pvLimitW()).toBeNull();
    await pv.setPvLimitPct(null);
    expect(s.physics.lastPvLimitW).toBeNull();
    await expect(pv.setPvLimitPct(120)).rejects.toThrow(/0\.\.100 %/);
  });

  it('single-phase integer model (101)', async () => {
    const s = await simSetup(cleanups, { inverterPhases: 1 });
    const pv = await startInverter(cleanups, s);
    expect(pv.discovery()?.models.map((m) => m.id)).toEqual([1, 101, 120, 123, 160]);
    expect(pv.powerW()).toBe(4321);
  });

  it('DER models (701, 702, 704, 714): readings from 701, MPPT from the PV ports, curtailment through 704 with reversion', async () => {
    const s = await simSetup(cleanups, { inverterProfile: 'der' });
    const pv = await startInverter(cleanups, s);
    expect(pv.discovery()?.models.map((m) => m.id)).toEqual([1, 701, 702, 704, 714]);
    expect(pv.powerW()).toBe(4321);
    expect(pv.energyExportWh()).toBe(123_456);
    expect(pv.energyImportWh()).toBe(0);
    expect(pv.maxPowerW()).toBe(10_000);
    expect(pv.inverterStatus()?.state).toBe('RUNNING');
    expect(pv.mppt()?.map((m) => [m.name, m.powerW])).toEqual([
      ['PV 1', 2593],
      ['PV 2', 1728],
    ]);

    await pv.setPvLimitW(2500);
    expect(s.physics.lastPvLimitW).toBe(2500);
    const m704 = s.sim.inverter.unit.decoded(704);
    if (m704 === undefined) throw new Error('no 704');
    expect(numberAt(m704, 'WMaxLimPctEna')).toBe(1);
    expect(numberAt(m704, 'WMaxLimPct')).toBe(25);
    expect(numberAt(m704, 'WMaxLimPctRvrtTms')).toBe(3);
    expect(numberAt(m704, 'WMaxLimPctEnaRvrt')).toBe(0);
    await polls(pv, 2);
    expect(pv.health().lastError).toBeNull();
    await waitFor('the throttled state', () => pv.inverterStatus()?.state === 'THROTTLED', 3000);

    // The hub stops writing: the 704 reversion settings take the limit off.
    await s.ctx.modbus.close();
    await waitFor('the inverter reverting', () => s.physics.lastPvLimitW === null, 3000);
  });

  it('reports a limit the inverter acknowledges but does not hold, and writes it again once it does', async () => {
    const s = await simSetup(cleanups);
    const pv = await startInverter(cleanups, s, { revertS: 600 });
    s.sim.inverter.unit.faults.ignoreWrites = true;
    await pv.setPvLimitW(2500);
    expect(s.physics.lastPvLimitW).toBeUndefined();
    await waitFor('the mismatch', () => (pv.health().lastError ?? '').includes('but the hub wrote ENABLED at 25 %'), 3000);
    expect(pv.health().lastError).toBe('pv: inverter reports WMaxLim_Ena 0, WMaxLimPct 100 % but the hub wrote ENABLED at 25 % (2500 W)');
    expect(pv.health().status).toBe('ok'); // readings are fine; the control is not
    s.sim.inverter.unit.faults.ignoreWrites = false;
    await waitFor('the limit written again and held', () => s.physics.lastPvLimitW === 2500 && pv.health().lastError === null, 5000);
  });

  it('reads values and scale factors as pairs while the device rescales', async () => {
    const s = await simSetup(cleanups);
    const pv = await startInverter(cleanups, s);
    for (const w of [12, 40_123, -7, 655_360]) {
      s.physics.current.pvW = w;
      const expected = Math.abs(w) > 32_767 ? Math.round(w / 10 ** Math.ceil(Math.log10(Math.abs(w) / 32_767))) * 10 ** Math.ceil(Math.log10(Math.abs(w) / 32_767)) : w;
      await waitFor(`power ${w}`, () => pv.powerW() === expected, 3000);
    }
    const regs = await s.ctx.modbus.unit('127.0.0.1', s.sim.port, 1).readHoldingRegisters(40070, 52);
    expect(numberAt(decodeModel(requireModelDefinition(103), regs), 'W_SF')).toBe(2);
  });
});
