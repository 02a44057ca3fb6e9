/**
 * The shared Modbus pool: one connection per host:port (TCP) or per serial
 * device (RTU), any number of unit ids and drivers on it (see
 * modbus-connection.ts for queueing and back-off). Each unit keeps its own
 * timeout and read-size limit because units behind one gateway or on one
 * bus are often different devices.
 */
import { HubError } from '../../main/common/errors.js';
import { silentLogger, type Logger } from '../../main/common/log.js';
import { ModbusConnection, defaultConnectionTuning, type ModbusConnectionTuning } from './modbus-connection.js';
import type { ModbusLink } from './modbus-link.js';
import { rtuLink } from './modbus-link-rtu.js';
import { tcpLink } from './modbus-link-tcp.js';
import type { ModbusConnectionOptions, ModbusPool, ModbusUnitWithStats } from './modbus-types.js';
import { describeLine, type SerialPortConfig } from './serial-config.js';

const defaultTimeoutMs = 1000;
/** Modbus limits for function 3 and 16 (Modbus Application Protocol v1.1b3, 6.3 and 6.12). */
const maxReadRegisters = 125;
const maxWriteRegisters = 123;

export function createModbusPool(log: Logger = silentLogger, tuning: Partial<ModbusConnectionTuning> = {}): ModbusPool {
  const connections = new Map<string, ModbusConnection>();
  const fullTuning: ModbusConnectionTuning = { ...defaultConnectionTuning, ...tuning };
  const poolLog = log.child('modbus');
  let closed = false;

  const connectionFor = (key: string, makeLink: () => ModbusLink): ModbusConnection => {
    if (closed) throw new HubError('internal', 'Modbus pool is closed');
    let connection = connections.get(key);
    if (connection === undefined) {
      connection = new ModbusConnection(makeLink(), fullTuning, poolLog);
      connections.set(key, connection);
    }
    return connection;
  };

  return {
    unit(host: string, port: number, unitId: number, options: ModbusConnectionOptions = {}): ModbusUnitWithStats {
      checkInt('port', port, 1, 65535);
      checkInt('unitId', unitId, 0, 255);
      const connection = connectionFor(`${host}:${port}`, () => tcpLink(host, port, poolLog));
      return new PooledUnit(connection, unitId, options);
    },
    serialUnit(serial: SerialPortConfig, unitId: number, options: ModbusConnectionOptions = {}): ModbusUnitWithStats {
      // RTU addresses 1..247 (0 is broadcast, which never answers).
      checkInt('unitId', unitId, 1, 247);
      const connection = connectionFor(`serial:${serial.path}`, () => rtuLink(serial, poolLog));
      if (connection.endpoint !== `${serial.path} ${describeLine(serial)}`) {
        throw new HubError('config_invalid', `serial line ${serial.path} is already open as ${connection.endpoint}; every unit on one bus needs the same line settings`);
      }
      return new PooledUnit(connection, unitId, options);
    },
    async close(): Promise<void> {
      closed = true;
      const all = [...connections.values()];
      connections.clear();
      await Promise.all(all.map((c) => c.close()));
    },
  };
}

class PooledUnit implements ModbusUnitWithStats {
  readonly unitId: number;
  private readonly connection: ModbusConnection;
  private readonly timeoutMs: number;
  private readonly maxRegistersPerRead: number;

  constructor(connection: ModbusConnection, unitId: number, options: ModbusConnectionOptions) {
    this.connection = connection;
    this.unitId = unitId;
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.maxRegistersPerRead = options.maxRegistersPerRead ?? maxReadRegisters;
    checkInt('timeoutMs', this.timeoutMs, 1, 600_000);
    checkInt('maxRegistersPerRead', this.maxRegistersPerRead, 1, maxReadRegisters);
    if (options.connectDelayMs !== undefined) {
      checkInt('connectDelayMs', options.connectDelayMs, 0, 60_000);
      connection.requestConnectDelay(options.connectDelayMs);
    }
  }

  get host(): string {
    return this.connection.host;
  }

  get port(): number {
    return this.connection.port;
  }

  get endpoint(): string {
    return this.connection.endpoint;
  }

  connectionStats(): ReturnType<ModbusUnitWithStats['connectionStats']> {
    return this.connection.connectionStats();
  }

  readHoldingRegisters(address: number, count: number): Promise<Uint16Array> {
    return this.read(3, address, count);
  }

  readInputRegisters(address: number, count: number): Promise<Uint16Array> {
    return this.read(4, address, count);
  }

  private async read(fc: 3 | 4, address: number, count: number): Promise<Uint16Array> {
    checkRange(address, count, 65535 + 1);
    const out = new Uint16Array(count);
    const kind = fc === 3 ? 'registers' : 'input registers';
    return this.connection.exclusive(async (send) => {
      for (let offset = 0; offset < count; offset += this.maxRegistersPerRead) {
        const chunkAddress = address + offset;
        const chunkCount = Math.min(this.maxRegistersPerRead, count - offset);
        const what = `reading ${chunkCount} ${kind} at ${chunkAddress} from ${this.connection.endpoint} unit ${this.unitId}`;
        const data = await send<number[]>({
          what,
          timeoutMs: this.timeoutMs,
          start: (client, done) =>
            fc === 3
              ? client.writeFC3(this.unitId, chunkAddress, chunkCount, (err, res) => done(err, res?.data))
              : client.writeFC4(this.unitId, chunkAddress, chunkCount, (err, res) => done(err, res?.data)),
        });
        if (data?.length !== chunkCount) {
          throw new HubError('device_protocol', `bad response ${what}: got ${data?.length ?? 0} registers`, { retryable: true });
        }
        out.set(data, offset);
      }
      return out;
    });
  }

  async writeRegisters(address: number, values: readonly number[]): Promise<void> {
    checkRange(address, values.length, 65535 + 1);
    if (values.length > maxWriteRegisters) throw new HubError('bad_request', `cannot write ${values.length} registers in one request (max ${maxWriteRegisters})`);
    for (const v of values) checkInt('register value', v, 0, 0xffff);
    const what = `writing ${values.length} registers at ${address} to ${this.connection.endpoint} unit ${this.unitId}`;
    return this.connection.exclusive(async (send) => {
      await send<void>({
        what,
        timeoutMs: this.timeoutMs,
        start: (client, done) => client.writeFC16(this.unitId, address, [...values], (err) => done(err)),
      });
    });
  }
}

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new HubError('bad_request', `${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

function checkRange(address: number, count: number, end: number): void {
  checkInt('address', address, 0, 65535);
  checkInt('register count', count, 1, 65535);
  if (address + count > end) throw new HubError('bad_request', `registers ${address}..${address + count - 1} are beyond the Modbus address space`);
}
