/**
 * One table: driver type -> config schema + factory. Adding a device family
 * is one driver module, one line here, and its tests.
 */
import { HubError } from '../main/common/errors.js';
import type { Device } from './api.js';
import type { DeviceConfigBase, DriverContext, DriverDefinition } from './driver.js';
import { p1TcpDriver } from './p1/p1-tcp.js';
import { hanSerialDriver, hanTcpDriver } from './han/han-drivers.js';
import { homewizardP1Driver } from './homewizard/homewizard-p1.js';
import { modbusMeterDriver } from './modbus-meter/modbus-meter.js';
import { mqttMeterDriver } from './mqtt-meter/mqtt-meter.js';
import { p1SerialDriver } from './p1/p1-serial.js';
import { smlSerialDriver, smlTcpDriver } from './sml/sml-drivers.js';
import { ticSerialDriver, ticTcpDriver } from './tic/tic-drivers.js';
import { sunspecBatteryDriver } from './sunspec/battery-driver.js';
import { sunspecInverterDriver } from './sunspec/inverter-driver.js';
import { quasarDriver } from './wallbox/quasar.js';
import { ocppDriver } from './ocpp/ocpp.js';

// The table holds definitions of different config types; each is validated by its own schema before create().
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDriver = DriverDefinition<any>;

export const drivers: readonly AnyDriver[] = [
  p1TcpDriver, // grid: DSMR P1 over TCP
  p1SerialDriver, // grid: DSMR P1 on a USB cable
  homewizardP1Driver, // grid: HomeWizard P1 meter, local HTTP API v1
  hanTcpDriver, // grid: HAN DLMS/COSEM (NO/SE/DK/AT/LU) via a TCP bridge
  hanSerialDriver, // grid: HAN DLMS/COSEM on an M-Bus adapter
  ticTcpDriver, // grid: Linky TIC via a TCP bridge
  ticSerialDriver, // grid: Linky TIC on a TIC reader
  smlTcpDriver, // grid: SML eHZ via a TCP bridge
  smlSerialDriver, // grid: SML eHZ on an IR read head
  mqttMeterDriver, // any role: values over MQTT
  modbusMeterDriver, // any role: Modbus meter templates (SDM630, EM24, SunSpec 201-204)
  sunspecInverterDriver, // pv: SunSpec Modbus
  sunspecBatteryDriver, // battery: SunSpec Modbus 124/802
  quasarDriver, // charger: Wallbox Quasar Modbus, bidirectional
  ocppDriver, // charger: OCPP 1.6J/2.0.1/2.1 via the hub's CSMS, bidirectional with 2.1
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
