/** Reading the loose device entries of the config: where a device is and how to compare two. */
import type { DeviceEntry } from '../hub/config.js';
import type { DeviceSettings } from '../common/installer.js';

export function entryHost(e: DeviceSettings | DeviceEntry): string | null {
  const h = (e as Record<string, unknown>).host;
  return typeof h === 'string' ? h : null;
}

/** The TCP port, with the driver's default where the entry leaves it out. */
export function entryPort(e: DeviceSettings | DeviceEntry, type: string): number | null {
  const p = (e as Record<string, unknown>).port;
  if (typeof p === 'number') return p;
  if (type === 'sunspec-inverter' || type === 'sunspec-battery' || type === 'quasar' || type === 'modbus-meter') return entryHost(e) === null ? null : 502;
  if (type === 'homewizard-p1') return 80;
  return null;
}

export function entryUnit(e: DeviceSettings | DeviceEntry): number {
  const u = (e as Record<string, unknown>).unitId;
  return typeof u === 'number' ? u : 1;
}

/**
 * A stable key for "the same device connection": type family + endpoint
 * (+ unit id for Modbus, path for serial, station for OCPP). Two roles with
 * one key are one device configured twice (Home Assistant's unique id).
 */
export function connectionKey(type: string, s: DeviceSettings | DeviceEntry): string {
  const r = s as Record<string, unknown>;
  if (type === 'ocpp') return `ocpp:${typeof r.stationId === 'string' ? r.stationId : ''}`;
  if (typeof r.path === 'string') return `serial:${r.path}`;
  const serial = r.serial as Record<string, unknown> | undefined;
  if (serial !== undefined && typeof serial.path === 'string') return `serial:${serial.path}:${entryUnit(s)}`;
  if (typeof r.url === 'string') return `url:${r.url}:${JSON.stringify(r.values ?? null)}`;
  const host = entryHost(s) ?? '';
  const port = entryPort(s, type) ?? 0;
  const modbus = type.startsWith('sunspec') || type === 'quasar' || type === 'modbus-meter';
  return modbus ? `modbus:${host}:${port}:${entryUnit(s)}` : `tcp:${host}:${port}`;
}

/** Human-readable address for reports and the probe list. */
export function endpointText(type: string, s: DeviceSettings | DeviceEntry): string {
  const r = s as Record<string, unknown>;
  if (type === 'ocpp') return `OCPP station ${typeof r.stationId === 'string' ? r.stationId : '?'}`;
  if (typeof r.path === 'string') return r.path;
  if (typeof r.url === 'string') return r.url;
  const host = entryHost(s) ?? '?';
  const port = entryPort(s, type);
  const modbus = type.startsWith('sunspec') || type === 'quasar' || type === 'modbus-meter';
  return `${host}${port === null ? '' : `:${port}`}${modbus ? ` unit ${entryUnit(s)}` : ''}`;
}
