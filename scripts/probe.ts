/**
 * `npm run probe -- --host H [--port 502] [--unit 1] [--json]`: finds a
 * SunSpec device and prints its identity, its models (address, length) and
 * every reading with its unit, or "not available". Reads only, never writes.
 *
 * Also: --serial /dev/ttyUSB0 [--baud 9600 --parity none --data-bits 8
 * --stop-bits 1] for Modbus RTU; --base N (repeatable) for the marker
 * address; --timeout MS; --max-read N for devices that reject long reads;
 * --scan to try the ports and unit ids vendors use when the given one does
 * not answer (SMA 126, Kostal 1502/71...).
 *
 * Exit code: 0 SunSpec device found, 1 not found or unreachable, 2 usage.
 */
import { parseArgs } from 'node:util';
import { HubError, describeError } from '../main/common/errors.js';
import { silentLogger } from '../main/common/log.js';
import { formatProbe } from '../drivers/sunspec/probe-format.js';
import { probeSunSpec, type ProbeResult } from '../drivers/sunspec/probe.js';
import { probeCandidates, vendorQuirks } from '../drivers/sunspec/vendor-quirks.js';
import { createModbusPool } from '../drivers/transports/modbus-pool.js';
import type { ModbusUnit } from '../drivers/transports/modbus-types.js';
import { parities, type SerialPortConfig } from '../drivers/transports/serial-config.js';

const usage = `usage: npm run probe -- --host HOST [--port 502] [--unit 1] [--json] [--scan]
       npm run probe -- --serial /dev/ttyUSB0 [--baud 9600] [--parity none|even|odd] [--data-bits 8] [--stop-bits 1] [--unit 1] [--json]
options: --base N (repeatable; default 40000, 0, 50000)  --timeout MS (default 2000)  --max-read N (default 125)`;

class UsageError extends Error {}

interface Target {
  readonly port: number;
  readonly unitId: number;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string', default: '502' },
      unit: { type: 'string', default: '1' },
      serial: { type: 'string' },
      baud: { type: 'string', default: '9600' },
      parity: { type: 'string', default: 'none' },
      'data-bits': { type: 'string', default: '8' },
      'stop-bits': { type: 'string', default: '1' },
      base: { type: 'string', multiple: true },
      timeout: { type: 'string', default: '2000' },
      'max-read': { type: 'string', default: '125' },
      json: { type: 'boolean', default: false },
      scan: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if ((values.host === undefined) === (values.serial === undefined)) throw new UsageError('give --host (Modbus TCP) or --serial (Modbus RTU)');
  const target: Target = { port: int('--port', values.port, 1, 65535), unitId: int('--unit', values.unit, 0, 255) };
  const timeoutMs = int('--timeout', values.timeout, 50, 60_000);
  const maxRegistersPerRead = int('--max-read', values['max-read'], 8, 125);
  const bases = values.base?.map((b) => int('--base', b, 0, 65534));
  const serial = values.serial === undefined ? undefined : serialConfig(values.serial, values);

  const pool = createModbusPool(silentLogger, { connectTimeoutMs: timeoutMs, backoffInitialMs: 0 });
  try {
    const unitFor = (t: Target): ModbusUnit =>
      serial !== undefined && pool.serialUnit !== undefined
        ? pool.serialUnit(serial, t.unitId, { timeoutMs, maxRegistersPerRead })
        : pool.unit(values.host ?? '', t.port, t.unitId, { timeoutMs, maxRegistersPerRead });
    const attempt = async (t: Target): Promise<ProbeResult | HubError> => {
      try {
        return await probeSunSpec(unitFor(t), { maxRegistersPerRead, ...(bases === undefined ? {} : { bases }) });
      } catch (err) {
        if (err instanceof HubError) return err;
        throw err;
      }
    };
    let result = await attempt(target);
    const tried: string[] = [`${serial === undefined ? `port ${target.port} ` : ''}unit ${target.unitId}: ${describeOutcome(result)}`];
    if (result instanceof HubError && values.scan) {
      for (const c of candidates(serial !== undefined, target)) {
        result = await attempt(c);
        tried.push(`${serial === undefined ? `port ${c.port} ` : ''}unit ${c.unitId} (${c.vendors.join(', ')}): ${describeOutcome(result)}`);
        if (!(result instanceof HubError)) break;
      }
    }
    if (result instanceof HubError) {
      if (values.json) console.log(JSON.stringify({ found: false, error: { code: result.code, message: result.message }, tried }));
      else {
        console.error(`No SunSpec device found.\n${tried.map((t) => `  ${t}`).join('\n')}`);
        if (!values.scan) console.error(hints());
      }
      return 1;
    }
    console.log(values.json ? JSON.stringify(result) : formatProbe(result));
    return 0;
  } finally {
    await pool.close();
  }
}

/** The unit ids vendors use on the port given first (a gateway may forward any), then their usual ports. */
function candidates(rtu: boolean, first: Target): (Target & { vendors: string[] })[] {
  const out: (Target & { vendors: string[] })[] = [];
  const seen = new Set<string>([`${first.port}/${first.unitId}`]);
  const add = (port: number, unitId: number, vendors: string[]): void => {
    const key = `${port}/${unitId}`;
    // On a serial bus only the unit id matters, and addresses are 1..247.
    if (seen.has(key) || (rtu && (unitId < 1 || unitId > 247))) return;
    seen.add(key);
    out.push({ port, unitId, vendors });
  };
  const all = probeCandidates();
  for (const c of all) add(first.port, c.unitId, c.vendors);
  if (!rtu) for (const c of all) add(c.port, c.unitId, c.vendors);
  return out;
}

function hints(): string {
  const lines = ['Where vendors put their Modbus maps (try --scan, or --port/--unit):'];
  for (const q of vendorQuirks) {
    const where = q.endpoints.map((e) => `port ${e.port} unit ${e.unitId}`).join(' or ');
    lines.push(`  ${q.vendor.padEnd(10)} ${where}${q.notSunSpec === undefined ? '' : ` (${q.notSunSpec})`}`);
  }
  return lines.join('\n');
}

function describeOutcome(r: ProbeResult | HubError): string {
  return r instanceof HubError ? r.message : `SunSpec map at ${r.base}`;
}

function serialConfig(path: string, v: { baud: string; parity: string; 'data-bits': string; 'stop-bits': string }): SerialPortConfig {
  const parity = parities.find((p) => p === v.parity);
  if (parity === undefined) throw new UsageError(`--parity must be one of ${parities.join(', ')}, got ${v.parity}`);
  const dataBits = int('--data-bits', v['data-bits'], 7, 8);
  const stopBits = int('--stop-bits', v['stop-bits'], 1, 2);
  return { path, baudRate: int('--baud', v.baud, 300, 921_600), parity, dataBits: dataBits === 7 ? 7 : 8, stopBits: stopBits === 2 ? 2 : 1 };
}

function int(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer in ${min}..${max}, got ${text}`);
  return n;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const bad = err instanceof UsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
    console.error(bad ? `${describeError(err)}\n${usage}` : `probe failed: ${describeError(err)}`);
    process.exitCode = bad ? 2 : 1;
  },
);
