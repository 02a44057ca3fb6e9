/**
 * One table: driver type -> config schema + factory. Adding a device family
 * is one driver module, one line here, and its tests.
 */
import { HubError } from '../main/common/errors.js';
import type { Device } from './api.js';
import type { DeviceConfigBase, DriverContext, DriverDefinition } from './driver.js';
import { p1TcpDriver } from './p1/p1-tcp.js';
import { sunspecBatteryDriver } from './sunspec/battery-driver.js';
import { sunspecInverterDriver } from './sunspec/inverter-driver.js';
import { quasarDriver } from './wallbox/quasar.js';

// The table holds definitions of different config types; each is validated by its own schema before create().
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDriver = DriverDefinition<any>;

export const drivers: readonly AnyDriver[] = [
  p1TcpDriver, // grid: DSMR P1 over TCP
  sunspecInverterDriver, // pv: SunSpec Modbus
  sunspecBatteryDriver, // battery: SunSpec Modbus 124/802
  quasarDriver, // charger: Wallbox Quasar Modbus, bidirectional
];

export function findDriver(type: string): AnyDriver | undefined {
  return drivers.find((d) => d.type === type);
}

/**
 * Validates one device entry of the config and creates the device. `where`
 * names the entry in error messages, e.g. "devices[2]".
 */
export function createDevice(entry: DeviceConfigBase & Record<string, unknown>, ctx: DriverContext, where: string): Device {
  const driver = findDriver(entry.type);
  if (driver === undefined) {
    throw new HubError('config_invalid', `${where}.type: unknown driver "${entry.type}"; known: ${drivers.map((d) => d.type).join(', ')}`);
  }
  if (!driver.roles.includes(entry.role)) {
    throw new HubError('config_invalid', `${where}.role: driver "${entry.type}" can be ${driver.roles.join(' or ')}, not "${entry.role}"`);
  }
  const { id, role, type, ...rest } = entry;
  const parsed = driver.configSchema.safeParse(rest);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${where}.${i.path.join('.')}: ${i.message}`);
    throw new HubError('config_invalid', problems.join('; '));
  }
  return driver.create({ ...(parsed.data as object), id, role, type }, ctx);
}
