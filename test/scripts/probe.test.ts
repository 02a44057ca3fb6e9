/**
 * The installer's probe: the library against the simulator (identity, model
 * map, readings with units, never a write), and `npm run probe` itself as a
 * child process (JSON shape, exit codes).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../main/common/clock.js';
import { silentLogger } from '../../main/common/log.js';
import { startSunSpecSim } from '../../drivers/sim/sunspec-server.js';
import { formatProbe } from '../../drivers/sunspec/probe-format.js';
import { probeSunSpec, type ProbeResult } from '../../drivers/sunspec/probe.js';
import { createModbusPool } from '../../drivers/transports/modbus-pool.js';
import type { ModbusUnit } from '../../drivers/transports/modbus-types.js';
import { FakePhysics } from '../drivers/sunspec/fake-physics.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const root = fileURLToPath(new URL('../../', import.meta.url));

async function sim(options: Parameters<typeof startSunSpecSim>[0] extends infer O ? Partial<O> : never = {}) {
  const s = await startSunSpecSim({ physics: new FakePhysics(), clock: new ScaledClock(), ...options });
  cleanups.push(() => s.close());
  return s;
}

/** A unit that counts writes: the probe must never send one. */
function watched(unit: ModbusUnit): { unit: ModbusUnit; writes: () => number } {
  let writes = 0;
  return {
    unit: {
      host: unit.host,
      port: unit.port,
      unitId: unit.unitId,
      readHoldingRegisters: (a, n) => unit.readHoldingRegisters(a, n),
      writeRegisters: (a, v) => {
        writes++;
        return unit.writeRegisters(a, v);
      },
    },
    writes: () => writes,
  };
}

function runProbe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/probe.ts', ...args], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('SunSpec probe', () => {
  it('finds the identity, the models with addresses and lengths, and every reading with its unit; writes nothing', async () => {
    const s = await sim({ batteryProfile: 'der' });
    const pool = createModbusPool(silentLogger);
    cleanups.push(() => pool.close());
    const w = watched(pool.unit('127.0.0.1', s.port, 2));
    const r = await probeSunSpec(w.unit);
    expect(w.writes()).toBe(0);
    expect(r.base).toBe(40000);
    expect(r.models.map((m) => [m.id, m.address, m.length])).toEqual([
      [1, 40002, 66],
      [701, 40070, 153],
      [702, 40225, 50],
      [704, 40277, 65],
      [713, 40344, 7],
      [714, 40353, 43],
    ]);
    expect(r.identity).toEqual({ manufacturer: 'SCALE Hub', model: 'Sim Battery', serial: 'SIM-BAT-0001', version: '1.0.0', options: null });
    expect(r.readings['713']?.SoC).toEqual({ value: 55.3, units: 'Pct' });
    expect(r.readings['701']?.InvSt).toEqual({ value: 3, units: null, symbols: ['RUNNING'] });
    expect(r.readings['701']?.TmpCab).toEqual({ value: null, units: 'C' });
    expect(r.readings['714']?.['Prt[0].IDStr']).toEqual({ value: 'Battery', units: null });
    const text = formatProbe(r);
    expect(text).toContain('SunSpec device at 127.0.0.1:');
    expect(text).toMatch(/\n {2}SoC +55\.3 Pct\n/);
    expect(text).toMatch(/\n {2}TmpCab +not available\n/);
    expect(text).toMatch(/\n {4}713 {2}at 40344 {2}length {3}7 {2}DER Storage Capacity\n/);
  });

  it('names the vendor deviations when model 1 names a known vendor', async () => {
    const s = await sim({ manufacturer: 'Fronius' });
    const pool = createModbusPool(silentLogger);
    cleanups.push(() => pool.close());
    const r: ProbeResult = await probeSunSpec(pool.unit('127.0.0.1', s.port, 1));
    expect(r.vendor?.name).toBe('Fronius');
    expect(formatProbe(r)).toContain('Known Fronius deviations:');
  });

  it('npm run probe: JSON on success (exit 0), a clear message when nothing answers (exit 1), usage (exit 2); --scan finds unit 126', async () => {
    const s = await sim({ inverterUnitId: 126 });
    const found = await runProbe(['--host', '127.0.0.1', '--port', String(s.port), '--unit', '2', '--json']);
    expect(found.code, found.stderr).toBe(0);
    const json = JSON.parse(found.stdout) as { base: number; models: { id: number; address: number; length: number }[]; identity: { model: string }; readings: Record<string, Record<string, unknown>> };
    expect(json.base).toBe(40000);
    expect(json.models.map((m) => m.id)).toEqual([1, 124, 802]);
    expect(json.identity.model).toBe('Sim Battery');
    expect(json.readings['802']?.SoC).toEqual({ value: 55.3, units: '%WHRtg' });

    const missing = await runProbe(['--host', '127.0.0.1', '--port', String(s.port), '--unit', '9', '--scan', '--timeout', '300']);
    expect(missing.code, missing.stderr).toBe(0); // --scan: unit 9 does not answer, SMA's 126 does
    expect(missing.stdout).toContain('Sim PV Inverter');

    const usage = await runProbe(['--port', '502']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('give --host (Modbus TCP) or --serial (Modbus RTU)');
  }, 60_000);

  it('npm run probe exits 1 with the reason and where vendors put their maps', async () => {
    const s = await sim();
    const r = await runProbe(['--host', '127.0.0.1', '--port', String(s.port), '--unit', '9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No SunSpec device found.');
    expect(r.stderr).toContain('nothing answers at unit id 9');
    expect(r.stderr).toContain('KOSTAL     port 1502 unit 71');
  }, 60_000);
});
