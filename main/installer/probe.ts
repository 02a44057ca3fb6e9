/**
 * Probing the devices the installer chose, before anything is saved: who is
 * there (identity) and what it reads now (live readings, refreshed while the
 * wizard shows them, and sampled by the sign check).
 *
 * - A device the hub already runs (same type and connection) is read from
 *   the running driver: no second connection to a device that may allow only one.
 * - Otherwise drivers that only read when started (meters, SunSpec) are
 *   started briefly with the wizard's own connections and stopped after.
 * - Chargers that take remote control when started (Quasar) are never
 *   started: the wizard reads their status registers. OCPP stations connect
 *   to the hub by themselves; they show up once the config is saved.
 */
import { has } from '../../drivers/api.js';
import type { Device, DeviceRole } from '../../drivers/api.js';
import { createDevice, findDriver } from '../../drivers/registry.js';
import { P1TcpMeter } from '../../drivers/p1/p1-tcp.js';
import { SunSpecDevice } from '../../drivers/sunspec/sunspec-device.js';
import { createModbusPool } from '../../drivers/transports/modbus-pool.js';
import type { ModbusPool } from '../../drivers/transports/modbus-types.js';
import { decodeQuasarStatus } from '../../drivers/wallbox/quasar-status.js';
import { quasarStatusBlock } from '../../drivers/wallbox/quasar-registers.js';
import { quasarStateInfo } from '../../drivers/wallbox/quasar-states.js';
import type { Clock } from '../common/clock.js';
import { HubError, describeError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { DeviceIdentity, DeviceReadings, DeviceSettings, ProbeResult, StepError } from '../common/installer.js';
import type { DeviceEntry } from '../hub/config.js';
import { connectionKey, endpointText, entryHost, entryPort, entryUnit } from './entries.js';
import { noReadings, readingsOf } from './readings.js';

export interface ProbeTarget {
  readonly role: DeviceRole;
  readonly type: string;
  readonly settings: DeviceSettings;
}

export interface ProbeOptions {
  readonly clock: Clock;
  readonly log: Logger;
  readonly hubModbus: ModbusPool;
  readonly runningDevices: readonly Device[];
  readonly runningEntries: readonly DeviceEntry[];
  /** Real ms to wait for a first reading. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

interface Item {
  readonly target: ProbeTarget;
  state: ProbeResult['state'];
  source: ProbeResult['source'];
  identity: DeviceIdentity | null;
  error: StepError | null;
  /** A device to read: the running one (live) or the wizard's own. */
  device: Device | null;
  own: boolean;
  /** Quasar: the status read by the wizard. */
  status: DeviceReadings | null;
  lastMs: number | null;
  stop: (() => void) | null;
}

export class ProbeSession {
  private items: Item[] = [];
  private pool: ModbusPool | null = null;
  private generation = 0;
  private readonly o: Required<ProbeOptions>;

  constructor(options: ProbeOptions) {
    this.o = { timeoutMs: 10_000, now: Date.now, ...options };
  }

  /** Probes these devices (any earlier probe is closed first); resolves when every probe has an answer. */
  async start(targets: readonly ProbeTarget[]): Promise<void> {
    await this.close();
    const generation = ++this.generation;
    this.pool = createModbusPool(this.o.log, { connectTimeoutMs: 2000, backoffInitialMs: 200 });
    this.items = targets.map((target) => ({ target, state: 'running', source: null, identity: null, error: null, device: null, own: false, status: null, lastMs: null, stop: null }));
    await Promise.all(this.items.map((item) => this.probe(item, generation)));
  }

  running(): boolean {
    return this.items.some((i) => i.state === 'running');
  }

  view(): ProbeResult[] {
    return this.items.map((i) => {
      const readings = this.readings(i);
      if (i.device !== null && readings !== null && readings.powerW !== null) i.lastMs = this.o.now();
      return {
        role: i.target.role,
        type: i.target.type,
        endpoint: endpointText(i.target.type, i.target.settings),
        state: i.state,
        source: i.source,
        identity: i.identity,
        readings,
        error: i.error,
        ageMs: i.lastMs === null ? null : this.o.now() - i.lastMs,
      };
    });
  }

  /** Power of a role now (W, signed as in the snapshot), null when unknown. */
  powerW(role: DeviceRole): number | null {
    const item = this.items.find((i) => i.target.role === role);
    return item === undefined ? null : (this.readings(item)?.powerW ?? null);
  }

  has(role: DeviceRole): boolean {
    return this.items.some((i) => i.target.role === role);
  }

  async close(): Promise<void> {
    this.generation++;
    const items = this.items;
    this.items = [];
    for (const i of items) i.stop?.();
    await Promise.all(items.flatMap((i) => (i.own && i.device !== null ? [i.device.stop().catch(() => undefined)] : [])));
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  private readings(i: Item): DeviceReadings | null {
    if (i.status !== null) return i.status;
    return i.device === null ? null : readingsOf(i.device);
  }

  private async probe(item: Item, generation: number): Promise<void> {
    const { role, type, settings } = item.target;
    const key = connectionKey(type, settings);
    const entry = this.o.runningEntries.find((e) => e.type === type && connectionKey(e.type, e) === key);
    const live = entry === undefined ? undefined : this.o.runningDevices.find((d) => d.id === entry.id);
    try {
      if (live !== undefined) {
        item.source = 'live';
        item.device = live;
        await this.waitForReading(item, live);
      } else if (type === 'quasar') {
        item.source = 'direct';
        await this.readQuasar(item, generation);
      } else if (type === 'ocpp') {
        item.state = 'failed';
        item.error = { code: 'probe_unsupported', detail: 'an OCPP station connects to the hub by itself; it shows up once the config is saved and the hub restarted' };
        return;
      } else {
        if (findDriver(type) === undefined) throw new HubError('config_invalid', `unknown driver "${type}"`);
        item.source = 'direct';
        const pool = this.pool;
        if (pool === null) return;
        const device = createDevice({ ...settings, id: `probe-${role}`, role, type }, { clock: this.o.clock, log: this.o.log.child(`probe-${role}`), modbus: pool }, `devices.${role}`);
        item.device = device;
        item.own = true;
        await device.start();
        if (generation !== this.generation) {
          await device.stop();
          return;
        }
        await this.waitForReading(item, device);
      }
      if (item.device !== null) item.identity = identityOf(item.device);
      if (item.state === 'running') item.state = 'ok';
    } catch (err) {
      item.state = 'failed';
      item.error = errorOf(err);
    }
  }

  private waitForReading(item: Item, device: Device): Promise<void> {
    return new Promise((resolve) => {
      const ready = (): boolean => has(device, 'powerMeter') && device.powerW() !== null && (!(device instanceof SunSpecDevice) || device.discovery() !== null);
      if (ready()) {
        item.lastMs = this.o.now();
        resolve();
        return;
      }
      const timers: { t?: NodeJS.Timeout } = {};
      const off = device.onReading(() => {
        if (!ready()) return;
        item.lastMs = this.o.now();
        clearTimeout(timers.t);
        off();
        resolve();
      });
      timers.t = setTimeout(() => {
        off();
        item.state = 'failed';
        item.error = healthError(device);
        resolve();
      }, this.o.timeoutMs);
      item.stop = () => {
        clearTimeout(timers.t);
        off();
        resolve();
      };
    });
  }

  /** Reads the Quasar's status block now and every second (reads only: the charger is never taken over). */
  private async readQuasar(item: Item, generation: number): Promise<void> {
    const pool = this.pool;
    if (pool === null) return;
    const s = item.target.settings;
    const host = entryHost(s);
    if (host === null) throw new HubError('config_invalid', 'host: required');
    const unit = pool.unit(host, entryPort(s, 'quasar') ?? 502, entryUnit(s), { timeoutMs: 1500 });
    const readOnce = async (): Promise<void> => {
      const status = decodeQuasarStatus(await unit.readHoldingRegisters(quasarStatusBlock.start, quasarStatusBlock.count));
      const info = quasarStateInfo(status.stateCode);
      item.status = { ...noReadings, powerW: status.actualW, socPct: status.socPct, chargerState: info.chargerState, carConnected: info.carConnected ?? null };
      item.lastMs = this.o.now();
    };
    await readOnce();
    item.identity = { manufacturer: 'Wallbox', model: 'Quasar (status map)', serial: null, version: null };
    if (generation !== this.generation) return;
    const timer = setInterval(() => {
      readOnce().catch((err: unknown) => {
        item.error = errorOf(err);
      });
    }, 1000);
    timer.unref();
    item.stop = () => clearInterval(timer);
  }
}

function identityOf(device: Device | null): DeviceIdentity | null {
  if (device instanceof SunSpecDevice) {
    const id = device.discovery()?.identity;
    return id === null || id === undefined ? null : { manufacturer: id.manufacturer, model: id.model, serial: id.serial, version: id.version };
  }
  if (device instanceof P1TcpMeter) {
    const r = device.lastReading();
    return r === null ? null : { manufacturer: r.manufacturer, model: r.header, serial: r.meterId, version: r.version };
  }
  return null;
}

function healthError(device: Device): StepError {
  const h = device.health();
  const detail = h.lastError ?? `no reading within the probe time (status ${h.status})`;
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|connect/i.test(detail)) return { code: 'cannot_connect', detail };
  if (/SunS|marker/i.test(detail)) return { code: 'not_sunspec', detail };
  if (/time(d)? ?out/i.test(detail)) return { code: 'timeout', detail };
  return { code: 'no_data', detail };
}

function errorOf(err: unknown): StepError {
  const detail = describeError(err);
  if (err instanceof HubError) {
    if (err.code === 'config_invalid' || err.code === 'bad_request') return { code: 'invalid', detail };
    if (err.code === 'device_timeout') return { code: 'timeout', detail };
    if (err.code === 'device_unreachable') return { code: 'cannot_connect', detail };
    if (err.code === 'not_available') return { code: 'not_sunspec', detail };
  }
  if (/ECONNREFUSED|EHOSTUNREACH|connect/i.test(detail)) return { code: 'cannot_connect', detail };
  return { code: 'probe_failed', detail };
}
