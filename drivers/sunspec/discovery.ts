/**
 * SunSpec discovery: find the "SunS" marker, then walk the chain of models
 * (each starts with its id and length) up to the end marker 0xFFFF.
 *
 * Devices disagree on the base address (40000 is the standard, 0 and 50000
 * occur), and many answer a read outside their map with a Modbus exception,
 * so an exception means "not here", while a timeout or a dead connection
 * means "cannot tell" and is passed on for the caller to retry.
 */
import { HubError } from '../../main/common/errors.js';
import { ModbusExceptionError } from '../transports/modbus-errors.js';
import type { ModbusUnit } from '../transports/modbus-types.js';
import { decodeModel, stringAt } from './decode.js';
import { ModelReader } from './model-reader.js';
import { endpointOf } from './modbus-failure.js';
import { vendorQuirks } from './vendor-quirks.js';
import { requireModelDefinition } from './model-registry.js';

/** "SunS" as two big-endian registers. */
export const sunsMarker = [0x5375, 0x6e53] as const;
export const defaultSunSpecBases: readonly number[] = [40000, 0, 50000];
const endMarker = 0xffff;
/** A real device has a dozen models or so; more means we are reading garbage. */
const maxModels = 100;

export interface DiscoveredModel {
  readonly id: number;
  /** Address of the model's ID register. */
  readonly address: number;
  /** L: registers after the 2-register header. */
  readonly length: number;
}

export interface SunSpecIdentity {
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly serial: string | null;
  readonly version: string | null;
  readonly options: string | null;
}

export interface SunSpecDiscovery {
  readonly base: number;
  readonly models: readonly DiscoveredModel[];
  /** From model 1; null when the device has none or refused to give it. */
  readonly identity: SunSpecIdentity | null;
}

export interface DiscoveryOptions {
  /** Where to look for "SunS", in order. */
  readonly bases?: readonly number[];
  /** Reads model 1 for the identity; one is made (125-register reads) when absent. */
  readonly reader?: ModelReader;
}

/** Gateway exceptions: "nothing answers at this unit id behind me". */
const gatewayExceptions = new Set([10, 11]);

export async function discoverSunSpec(unit: ModbusUnit, options: DiscoveryOptions = {}): Promise<SunSpecDiscovery> {
  const bases = options.bases ?? defaultSunSpecBases;
  const base = await findBase(unit, bases);
  const models = await walkModels(unit, base);
  const common = models.find((m) => m.id === 1);
  const reader = options.reader ?? new ModelReader(unit, { maxRegistersPerRead: 125 });
  const identity = common === undefined ? null : await readIdentity(reader, common);
  return { base, models, identity };
}

async function findBase(unit: ModbusUnit, bases: readonly number[]): Promise<number> {
  const gatewaySaid: string[] = [];
  for (const base of bases) {
    const regs = await readTolerant(unit, base, 2, (err) => {
      if (gatewayExceptions.has(err.exceptionCode)) gatewaySaid.push(err.message);
    });
    if (regs !== null && regs[0] === sunsMarker[0] && regs[1] === sunsMarker[1]) return base;
  }
  if (gatewaySaid.length === bases.length) {
    // Retryable: the device behind the gateway may be booting; but the usual cause is a wrong unit id.
    throw new HubError('device_unreachable', `nothing answers at unit id ${unit.unitId} behind ${endpointOf(unit)} (${gatewaySaid[0] ?? ''}); check the unit id${unitIdHint()}`, {
      retryable: true,
    });
  }
  throw new HubError('not_available', `no SunSpec marker "SunS" at ${bases.join(', ')} on ${where(unit)}`);
}

async function walkModels(unit: ModbusUnit, base: number): Promise<DiscoveredModel[]> {
  const models: DiscoveredModel[] = [];
  let address = base + 2;
  while (models.length < maxModels && address + 2 <= 0x10000) {
    // Devices that end the chain early (no end marker) answer the next read with an exception: that is the end too.
    const header = await readTolerant(unit, address, 2);
    const id = header?.[0];
    const length = header?.[1];
    if (id === undefined || length === undefined || id === endMarker || id === 0) break;
    if (address + 2 + length > 0x10000) {
      throw new HubError('device_protocol', `SunSpec model ${id} at ${address} on ${where(unit)} claims ${length} registers, beyond the address space`);
    }
    models.push({ id, address, length });
    address += 2 + length;
  }
  if (models.length === 0) throw new HubError('device_protocol', `SunSpec marker at ${base} on ${where(unit)} but no models after it`);
  return models;
}

async function readIdentity(reader: ModelReader, common: DiscoveredModel): Promise<SunSpecIdentity | null> {
  let regs: Uint16Array;
  try {
    regs = await reader.read(common);
  } catch (err) {
    // A device that will not give its name is still usable.
    if (err instanceof HubError && (err.code === 'device_rejected' || err.code === 'device_protocol')) return null;
    throw err;
  }
  const m = decodeModel(requireModelDefinition(1), regs);
  return {
    manufacturer: stringAt(m, 'Mn'),
    model: stringAt(m, 'Md'),
    serial: stringAt(m, 'SN'),
    version: stringAt(m, 'Vr'),
    options: stringAt(m, 'Opt'),
  };
}

/** " (SMA uses 126, KOSTAL 71)": the unit ids SunSpec vendors use other than 1, from the vendor table. */
function unitIdHint(): string {
  const uses = vendorQuirks
    .filter((q) => q.notSunSpec === undefined)
    .flatMap((q) => q.endpoints.filter((e) => e.unitId !== 1).map((e) => `${q.vendor} uses ${e.unitId}`));
  return uses.length === 0 ? '' : ` (${uses.join(', ')})`;
}

/** A read where a Modbus exception means "nothing here" (null); other failures propagate. */
async function readTolerant(unit: ModbusUnit, address: number, count: number, onException?: (err: ModbusExceptionError) => void): Promise<Uint16Array | null> {
  try {
    return await unit.readHoldingRegisters(address, count);
  } catch (err) {
    if (err instanceof ModbusExceptionError) onException?.(err);
    if (err instanceof HubError && err.code === 'device_rejected') return null;
    throw err;
  }
}

function where(unit: ModbusUnit): string {
  return `${endpointOf(unit)} unit ${unit.unitId}`;
}
