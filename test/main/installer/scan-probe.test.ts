/**
 * Scan and probe against the simulated home's device servers on loopback
 * (real sockets, real Modbus and P1 framing), the way the wizard does it on
 * a LAN: no running hub, so the wizard opens its own connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScaledClock } from '../../../main/common/clock.js';
import { silentLogger } from '../../../main/common/log.js';
import { ProbeSession } from '../../../main/installer/probe.js';
import { Scanner } from '../../../main/installer/scan.js';
import { expandTarget } from '../../../main/installer/scan-targets.js';
import { startSimHome } from '../../../drivers/sim/home.js';
import type { SimHome } from '../../../drivers/sim/home.js';
import { createModbusPool } from '../../../drivers/transports/modbus-pool.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { freeTcpPort } from './free-port.js';

let sim: SimHome;
let pool: ModbusPool;

beforeAll(async () => {
  sim = await startSimHome({ clock: new ScaledClock({ startMs: Date.parse('2025-06-21T12:00:00+02:00'), speed: 1 }) });
  pool = createModbusPool(silentLogger);
});

afterAll(async () => {
  await pool.close();
  await sim.close();
});

describe('scan targets', () => {
  it('expands a /24 to its 254 hosts and refuses wider networks and junk, naming the target', () => {
    const hosts = expandTarget('192.168.1.77/24');
    expect(hosts).toHaveLength(254);
    expect(hosts[0]).toBe('192.168.1.1');
    expect(hosts.at(-1)).toBe('192.168.1.254');
    expect(expandTarget('10.0.0.8/30')).toEqual(['10.0.0.9', '10.0.0.10']);
    expect(expandTarget('inverter.local')).toEqual(['inverter.local']);
    expect(() => expandTarget('10.0.0.0/16')).toThrow(/at most a \/24/);
    expect(() => expandTarget('a b')).toThrow(/"a b" is not/);
  });
});

describe('scan on loopback', () => {
  it('finds the SunSpec inverter and battery, the Quasar and the P1 meter, with progress, within bounds', async () => {
    const closed = await freeTcpPort();
    const scanner = new Scanner({ log: silentLogger, hubModbus: pool, running: [], connectTimeoutMs: 300, listenMs: 2500 });
    const ports = [sim.ports.p1, sim.ports.sunspec, sim.ports.quasar ?? 0, closed];
    const first = scanner.start({ targets: ['127.0.0.1'], ports });
    expect(first.state).toBe('running');
    // Defaults (502, 1502, 23, 2000, 2001, 8088) plus the four given.
    expect(first.total).toBe(10);
    await scanner.settled();
    const v = scanner.view();
    expect(v.state).toBe('done');
    expect(v.done).toBe(v.total);
    const sunspec = v.hits.filter((h) => h.kind === 'sunspec');
    expect(sunspec.map((h) => h.unitId)).toEqual([1, 2]);
    expect(sunspec[0]?.identity?.model).toBe('Sim PV Inverter');
    expect(sunspec[0]?.suggestions.map((s) => s.type)).toEqual(['sunspec-inverter']);
    expect(sunspec[1]?.suggestions.map((s) => s.type)).toContain('sunspec-battery');
    const p1 = v.hits.find((h) => h.kind === 'p1');
    expect(p1?.port).toBe(sim.ports.p1);
    expect(p1?.note).toMatch(/DSMR P1 telegram from "SIM5\\2SCALE-HUB-P1"/);
    expect(p1?.suggestions).toEqual([{ role: 'grid', type: 'p1-tcp', settings: { host: '127.0.0.1', port: sim.ports.p1 } }]);
    const quasar = v.hits.find((h) => h.kind === 'quasar');
    expect(quasar?.port).toBe(sim.ports.quasar);
    expect(v.hits.some((h) => h.port === closed)).toBe(false);
  });

  it('can be cancelled', async () => {
    const scanner = new Scanner({ log: silentLogger, hubModbus: pool, running: [], connectTimeoutMs: 300, concurrency: 4 });
    // 192.0.2.0/24 is TEST-NET-1: nothing answers, every attempt waits for its timeout.
    scanner.start({ targets: ['192.0.2.0/28'] });
    scanner.cancel();
    expect(scanner.view().state).toBe('cancelled');
    await scanner.settled();
    expect(scanner.view().state).toBe('cancelled');
  });
});

describe('probe on loopback', () => {
  it('reads identity and live values from meters and SunSpec devices it starts, and the Quasar status without taking control', async () => {
    const probe = new ProbeSession({ clock: new ScaledClock({ speed: 1 }), log: silentLogger, hubModbus: pool, runningDevices: [], runningEntries: [], timeoutMs: 10_000 });
    try {
      await probe.start([
        { role: 'grid', type: 'p1-tcp', settings: { host: '127.0.0.1', port: sim.ports.p1 } },
        { role: 'pv', type: 'sunspec-inverter', settings: { host: '127.0.0.1', port: sim.ports.sunspec, unitId: 1 } },
        { role: 'battery', type: 'sunspec-battery', settings: { host: '127.0.0.1', port: sim.ports.sunspec, unitId: 2 } },
        { role: 'charger', type: 'quasar', settings: { host: '127.0.0.1', port: sim.ports.quasar ?? 0, unitId: 1 } },
      ]);
      const v = probe.view();
      expect(v.map((p) => [p.role, p.state, p.source])).toEqual([
        ['grid', 'ok', 'direct'],
        ['pv', 'ok', 'direct'],
        ['battery', 'ok', 'direct'],
        ['charger', 'ok', 'direct'],
      ]);
      expect(v[0]?.identity?.model).toBe('SIM5\\2SCALE-HUB-P1');
      expect(v[0]?.readings?.powerW).toEqual(expect.any(Number));
      expect(v[0]?.readings?.energyImportWh).toBeGreaterThan(0);
      expect(v[1]?.identity).toMatchObject({ manufacturer: 'SCALE Hub', model: 'Sim PV Inverter', serial: 'SIM-INV-0001' });
      expect(v[2]?.readings?.socPct).toEqual(expect.any(Number));
      expect(v[3]?.identity?.manufacturer).toBe('Wallbox');
      expect(v[3]?.readings?.chargerState).toEqual(expect.any(String));
      // Read-only: the charger was never taken over (its remote-control register is still off).
      expect(sim.wallbox?.state().remoteControl).toBe(false);
      expect(probe.powerW('grid')).toEqual(expect.any(Number));
    } finally {
      await probe.close();
    }
  });

  it('says why a device does not answer: nothing listening, not SunSpec, an OCPP station', async () => {
    const closed = await freeTcpPort();
    const probe = new ProbeSession({ clock: new ScaledClock({ speed: 1 }), log: silentLogger, hubModbus: pool, runningDevices: [], runningEntries: [], timeoutMs: 3000 });
    try {
      await probe.start([
        { role: 'grid', type: 'p1-tcp', settings: { host: '127.0.0.1', port: closed } },
        { role: 'pv', type: 'sunspec-inverter', settings: { host: '127.0.0.1', port: sim.ports.quasar ?? 0, unitId: 1 } },
        { role: 'charger', type: 'ocpp', settings: { stationId: 'CP-1', password: 'secret-password-1' } },
      ]);
      const v = probe.view();
      expect(v[0]).toMatchObject({ state: 'failed', error: { code: 'cannot_connect' } });
      expect(v[1]?.state).toBe('failed');
      expect(['not_sunspec', 'no_data', 'timeout']).toContain(v[1]?.error?.code);
      expect(v[2]).toMatchObject({ state: 'failed', error: { code: 'probe_unsupported' } });
    } finally {
      await probe.close();
    }
  });
});
