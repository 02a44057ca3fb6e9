/**
 * Device side of Modbus meters on TCP: one server, a meter per unit id, each
 * speaking its template's register map (or SunSpec 201-204) with values from
 * the simulated home, computed at request time. Addresses outside the map
 * answer "illegal data address", as real meters do.
 */
import { ServerTCP } from 'modbus-serial';
import { createServer } from 'node:net';
import { registerTemplates } from '../modbus-meter/templates.js';
import { encodeTemplate, sunspecMeterImage } from './modbus-meter-registers.js';
import type { MeterValues } from './modbus-meter-registers.js';
import type { SimPhysics } from './physics-types.js';

export interface ModbusMeterSimOptions {
  readonly physics: SimPhysics;
  /** unit id -> template name ("eastron-sdm630", "carlo-gavazzi-em24", "sunspec-meter"). */
  readonly units: Readonly<Record<number, string>>;
  readonly host?: string;
  readonly port?: number;
}

export interface ModbusMeterSimServer {
  readonly port: number;
  /** Registers are read from here when set (tests inject raw values). */
  override(unitId: number, regs: Map<number, number> | null): void;
  close(): Promise<void>;
}

class IllegalAddress extends Error {
  readonly modbusErrorCode = 2;
}

export async function startModbusMeterSim(opts: ModbusMeterSimOptions): Promise<ModbusMeterSimServer> {
  const overrides = new Map<number, Map<number, number>>();
  const image = (unitId: number): Map<number, number> => {
    const forced = overrides.get(unitId);
    if (forced !== undefined) return forced;
    const name = opts.units[unitId];
    if (name === undefined) throw new IllegalAddress(`no unit ${unitId}`);
    const values = fromPhysics(opts.physics);
    if (name === 'sunspec-meter') return sunspecMeterImage(values);
    const template = registerTemplates.get(name);
    if (template === undefined) throw new Error(`unknown template ${name}`);
    return encodeTemplate(template, values);
  };
  const read = (addr: number, length: number, unitId: number): number[] => {
    const regs = image(unitId);
    const out: number[] = [];
    for (let i = 0; i < length; i++) {
      const v = regs.get(addr + i);
      if (v === undefined) throw new IllegalAddress(`register ${addr + i}`);
      out.push(v);
    }
    return out;
  };
  const vector = {
    getMultipleHoldingRegisters: (addr: number, length: number, unitId: number): number[] => read(addr, length, unitId),
    getMultipleInputRegisters: (addr: number, length: number, unitId: number): number[] => read(addr, length, unitId),
  };
  const host = opts.host ?? '127.0.0.1';
  // ServerTCP takes port 0 as 502: ask the OS for a free port first.
  const port = opts.port ?? (await freePort(host));
  const server = new ServerTCP(vector, { host, port, unitID: 255 });
  server.on('socketError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('initialized', () => resolve());
    server.once('serverError', reject);
  });
  return {
    port,
    override(unitId, regs) {
      if (regs === null) overrides.delete(unitId);
      else overrides.set(unitId, regs);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function fromPhysics(physics: SimPhysics): MeterValues {
  const s = physics.state();
  const values: MeterValues = { powerW: s.gridW, energyImportWh: Math.floor(s.gridImportWh) + 1_000_000, energyExportWh: Math.floor(s.gridExportWh) + 200_000 };
  s.phases.slice(0, 3).forEach((p, i) => {
    const n = (i + 1) as 1 | 2 | 3;
    values[`l${n}.powerW`] = p.powerW;
    values[`l${n}.currentA`] = p.currentA;
    values[`l${n}.voltageV`] = p.voltageV;
  });
  return values;
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
