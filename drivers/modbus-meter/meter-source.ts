/**
 * How a Modbus meter's registers are read: through a template (fixed
 * addresses) or through SunSpec discovery (models 201-204 wherever the meter
 * puts them). Both return one reading per poll, or throw.
 */
import { HubError } from '../../main/common/errors.js';
import type { ModbusUnit } from '../transports/modbus-types.js';
import { decodeModel, numberAt } from '../sunspec/decode.js';
import { discoverSunSpec } from '../sunspec/discovery.js';
import type { DiscoveredModel } from '../sunspec/discovery.js';
import { splitSigned } from '../p1/meter-reading.js';
import type { MeterPhase, MeterReading } from '../p1/meter-reading.js';
import { decodeRegisterValue, planReads } from './register-decode.js';
import { SUNSPEC_METER_MODELS, sunspecMeterModel } from './sunspec-meter-models.js';
import type { MeterValueName, RegisterTemplate, RegisterValue } from './template-schema.js';

export interface RegisterSource {
  read(unit: ModbusUnit): Promise<MeterReading>;
  /** Forget what discovery found (after a reconnect the device may have changed). */
  reset(): void;
}

/** Optional extra of a ModbusUnit: function 4. The shared pool does not offer it yet; templates that need it say so in health(). */
interface UnitWithInput extends ModbusUnit {
  readInputRegisters(address: number, count: number): Promise<Uint16Array>;
}

function hasInput(unit: ModbusUnit): unit is UnitWithInput {
  return typeof (unit as Partial<UnitWithInput>).readInputRegisters === 'function';
}

export class TemplateSource implements RegisterSource {
  private readonly entries: [MeterValueName, RegisterValue][];

  constructor(private readonly template: RegisterTemplate) {
    this.entries = Object.entries(template.values) as [MeterValueName, RegisterValue][];
  }

  async read(unit: ModbusUnit): Promise<MeterReading> {
    const values = new Map<MeterValueName, number | null>();
    for (const block of planReads(this.entries.map(([, v]) => v))) {
      let regs: Uint16Array;
      if (this.template.function === 'holding') regs = await unit.readHoldingRegisters(block.address, block.count);
      else if (hasInput(unit)) regs = await unit.readInputRegisters(block.address, block.count);
      else throw new HubError('not_available', `template ${this.template.template} reads input registers (function 4), which this Modbus connection cannot do`);
      for (const [name, v] of this.entries) {
        if (v.address >= block.address && v.address < block.address + block.count) values.set(name, decodeRegisterValue(v, regs, block.address));
      }
    }
    const get = (n: MeterValueName): number | null => values.get(n) ?? null;
    return compose(get, this.template.values.powerW !== undefined);
  }

  reset(): void {}
}

export class SunSpecMeterSource implements RegisterSource {
  private model: DiscoveredModel | null = null;

  async read(unit: ModbusUnit): Promise<MeterReading> {
    if (this.model === null) {
      const found = await discoverSunSpec(unit);
      const meter = found.models.find((m) => (SUNSPEC_METER_MODELS as readonly number[]).includes(m.id));
      if (meter === undefined) throw new HubError('not_available', `no SunSpec meter model (201-204) on ${unit.host}:${unit.port} unit ${unit.unitId}; models: ${found.models.map((m) => m.id).join(', ')}`);
      this.model = meter;
    }
    const def = sunspecMeterModel(this.model.id);
    if (def === undefined) throw new HubError('internal', `SunSpec meter model ${this.model.id} has no definition`);
    const m = decodeModel(def, await unit.readHoldingRegisters(this.model.address, this.model.length + 2));
    const values: Partial<Record<MeterValueName, number | null>> = {
      powerW: numberAt(m, 'W'),
      energyImportWh: numberAt(m, 'TotWhImp'),
      energyExportWh: numberAt(m, 'TotWhExp'),
      'l1.powerW': numberAt(m, 'WphA'),
      'l2.powerW': numberAt(m, 'WphB'),
      'l3.powerW': numberAt(m, 'WphC'),
      'l1.currentA': numberAt(m, 'AphA'),
      'l2.currentA': numberAt(m, 'AphB'),
      'l3.currentA': numberAt(m, 'AphC'),
      'l1.voltageV': numberAt(m, 'PhVphA'),
      'l2.voltageV': numberAt(m, 'PhVphB'),
      'l3.voltageV': numberAt(m, 'PhVphC'),
    };
    return compose((n) => values[n] ?? null, true);
  }

  reset(): void {
    this.model = null;
  }
}

function compose(get: (n: MeterValueName) => number | null, signed: boolean): MeterReading {
  const power = signed ? splitSigned(get('powerW')) : { powerImportW: get('powerImportW'), powerExportW: get('powerExportW') };
  const phases: MeterPhase[] = ([1, 2, 3] as const).map((i) => ({ voltageV: get(`l${i}.voltageV`), currentA: get(`l${i}.currentA`), ...splitSigned(get(`l${i}.powerW`)) }));
  return { meterId: null, timestampMs: null, ...power, energyImportWh: get('energyImportWh'), energyExportWh: get('energyExportWh'), phases, tariff: null };
}
