/**
 * The LAN scan: which host:port pairs answer, and what is behind them.
 * Bounded: at most `concurrency` connection attempts at a time with a short
 * timeout each, a few Modbus discoveries at a time, at most 4096 pairs.
 * Read-only: it opens ports and reads registers, never writes.
 *
 * Endpoints the running hub already uses are not opened a second time:
 * Modbus ones are read through the hub's own shared connection (STYLE 4:
 * many devices allow one or two Modbus TCP clients), stream ones (P1
 * dongles, often single-client) are reported from the running device.
 */
import { HubError, describeError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { DeviceIdentity, ScanBody, ScanHit, ScanSuggestion, ScanView } from '../common/installer.js';
import type { DeviceEntry } from '../hub/config.js';
import { discoverSunSpec } from '../../drivers/sunspec/discovery.js';
import { probeCandidates } from '../../drivers/sunspec/vendor-quirks.js';
import { P1Decoder } from '../../drivers/p1/p1-decoder.js';
import { createModbusPool } from '../../drivers/transports/modbus-pool.js';
import type { ModbusPool, ModbusUnit } from '../../drivers/transports/modbus-types.js';
import { decodeQuasarStatus } from '../../drivers/wallbox/quasar-status.js';
import { quasarStatusBlock } from '../../drivers/wallbox/quasar-registers.js';
import { entryHost, entryPort, entryUnit } from './entries.js';
import { defaultScanPorts, defaultUnitIds, modbusTypes, streamTypes } from './scan-ports.js';
import { expandTarget, maxScanPairs } from './scan-targets.js';
import { eachLimited, listenTcp, tcpOpen } from './tcp-tools.js';

export interface ScanOptions {
  readonly log: Logger;
  /** The hub's shared Modbus connections (for endpoints it already runs). */
  readonly hubModbus: ModbusPool;
  /** The device entries the hub runs. */
  readonly running: readonly DeviceEntry[];
  readonly connectTimeoutMs?: number;
  readonly modbusTimeoutMs?: number;
  readonly listenMs?: number;
  readonly concurrency?: number;
  readonly now?: () => number;
}

const batteryModels = new Set([124, 713, 802]);
const pvModels = new Set([101, 102, 103, 111, 112, 113, 701]);
const meterModels = new Set([201, 202, 203, 204]);

interface Pair {
  readonly host: string;
  readonly port: number;
}

const idleView: ScanView = { state: 'idle', targets: [], total: 0, done: 0, hits: [], elapsedMs: 0 };

export class Scanner {
  private state: ScanView = idleView;
  private startedMs = 0;
  private abort: AbortController | null = null;
  private readonly o: Required<Omit<ScanOptions, 'log' | 'hubModbus' | 'running'>> & Pick<ScanOptions, 'log' | 'hubModbus' | 'running'>;
  private running: Promise<void> = Promise.resolve();

  constructor(options: ScanOptions) {
    this.o = { connectTimeoutMs: 500, modbusTimeoutMs: 700, listenMs: 3000, concurrency: 32, now: Date.now, ...options };
  }

  view(): ScanView {
    return this.state.state === 'running' ? { ...this.state, elapsedMs: this.o.now() - this.startedMs } : this.state;
  }

  /** Starts a scan (a running one is cancelled first). Throws bad_request for a target it cannot read. */
  start(body: ScanBody): ScanView {
    const pairs = this.pairs(body);
    this.cancel();
    const abort = new AbortController();
    this.abort = abort;
    this.startedMs = this.o.now();
    this.state = { state: 'running', targets: body.targets, total: pairs.length, done: 0, hits: [], elapsedMs: 0 };
    this.running = this.run(pairs, abort.signal).catch((err: unknown) => this.o.log.warn('scan failed', { error: describeError(err) }));
    return this.view();
  }

  cancel(): void {
    if (this.abort !== null && this.state.state === 'running') this.state = { ...this.state, state: 'cancelled', elapsedMs: this.o.now() - this.startedMs };
    this.abort?.abort();
    this.abort = null;
  }

  /** Resolves when the current scan has ended (tests). */
  settled(): Promise<void> {
    return this.running;
  }

  private pairs(body: ScanBody): Pair[] {
    if (body.targets.length === 0) throw new HubError('bad_request', 'targets: give at least one address or network');
    const hosts = [...new Set(body.targets.flatMap((t) => expandTarget(t)))];
    const ports = [...new Set([...defaultScanPorts.modbus, ...defaultScanPorts.stream, ...(body.ports ?? [])])];
    const out: Pair[] = [];
    for (const host of hosts) {
      const own = this.o.running.filter((e) => entryHost(e) === host).map((e) => entryPort(e, e.type)).filter((p): p is number => p !== null);
      for (const port of new Set([...ports, ...own])) out.push({ host, port });
    }
    if (out.length > maxScanPairs) throw new HubError('bad_request', `targets: ${out.length} address:port pairs to try, at most ${maxScanPairs}; scan a smaller network`);
    return out;
  }

  private runningAt(p: Pair): DeviceEntry[] {
    return this.o.running.filter((e) => entryHost(e) === p.host && entryPort(e, e.type) === p.port);
  }

  private async run(pairs: readonly Pair[], signal: AbortSignal): Promise<void> {
    const open: Pair[] = [];
    await eachLimited(
      pairs,
      this.o.concurrency,
      async (p) => {
        if (this.runningAt(p).length > 0 || (await tcpOpen(p.host, p.port, this.o.connectTimeoutMs, signal))) open.push(p);
        this.progress(1);
      },
      signal,
    );
    // Second pass: what is behind each open port. Few at a time: each holds a connection for seconds.
    const pool = createModbusPool(this.o.log, { connectTimeoutMs: this.o.connectTimeoutMs * 2, backoffInitialMs: 0 });
    try {
      await eachLimited(open, 4, async (p) => this.addHits(await this.identify(p, pool, signal)), signal);
    } finally {
      await pool.close();
    }
    if (!signal.aborted) this.state = { ...this.state, state: 'done', elapsedMs: this.o.now() - this.startedMs };
  }

  private progress(n: number): void {
    if (this.state.state === 'running') this.state = { ...this.state, done: this.state.done + n };
  }

  private addHits(hits: readonly ScanHit[]): void {
    if (this.state.state !== 'running' || hits.length === 0) return;
    const all = [...this.state.hits, ...hits].sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }) || a.port - b.port || (a.unitId ?? 0) - (b.unitId ?? 0));
    this.state = { ...this.state, hits: all };
  }

  private async identify(p: Pair, pool: ModbusPool, signal: AbortSignal): Promise<ScanHit[]> {
    const running = this.runningAt(p);
    const modbus = defaultScanPorts.modbus.includes(p.port as 502) || running.some((e) => modbusTypes.has(e.type));
    if (modbus) return this.identifyModbus(p, running.length > 0 ? this.o.hubModbus : pool, running, signal);
    const stream = running.find((e) => streamTypes.has(e.type));
    if (stream !== undefined) {
      return [hit(p, 'p1', null, { note: `${stream.type}, read by the running hub`, inUseBy: stream.id, suggestions: [{ role: stream.role, type: stream.type, settings: { host: p.host, port: p.port } }] })];
    }
    const heard = await this.identifyStream(p, signal);
    // A silent port may be Modbus TCP on a port of its own (servers speak only when asked).
    if (heard.kind === 'open' && heard.note?.includes('silent') === true && !signal.aborted) {
      const pool = createModbusPool(this.o.log, { connectTimeoutMs: this.o.connectTimeoutMs * 2, backoffInitialMs: 0 });
      try {
        const modbusHits = await this.identifyModbus(p, pool, [], signal, [1, 2]);
        if (modbusHits.some((h) => h.kind !== 'modbus')) return modbusHits;
      } finally {
        await pool.close();
      }
    }
    return [heard];
  }

  private async identifyModbus(p: Pair, pool: ModbusPool, running: readonly DeviceEntry[], signal: AbortSignal, unitIds: readonly number[] = defaultUnitIds): Promise<ScanHit[]> {
    const units = [...new Set([...running.map((e) => entryUnit(e)), ...unitIds, ...probeCandidates().filter((c) => c.port === p.port).map((c) => c.unitId)])];
    const hits: ScanHit[] = [];
    const unit = (id: number): ModbusUnit => pool.unit(p.host, p.port, id, { timeoutMs: this.o.modbusTimeoutMs });
    for (const id of units) {
      if (signal.aborted) return hits;
      const inUse = running.find((e) => entryUnit(e) === id);
      try {
        const found = await discoverSunSpec(unit(id));
        const models = found.models.map((m) => m.id);
        const identity: DeviceIdentity | null = found.identity === null ? null : { manufacturer: found.identity.manufacturer, model: found.identity.model, serial: found.identity.serial, version: found.identity.version };
        hits.push(hit(p, 'sunspec', id, { identity, models, inUseBy: inUse?.id ?? null, suggestions: sunspecSuggestions(p, id, models) }));
      } catch (err) {
        if (!(err instanceof HubError)) throw err;
        // Not SunSpec at this unit id: is it a Quasar charger (status block at 0x20E)?
        if (id === 1 || inUse?.type === 'quasar') {
          const q = await this.quasarAt(unit(id));
          if (q !== null) hits.push(hit(p, 'quasar', id, { note: q, inUseBy: inUse?.id ?? null, suggestions: [{ role: 'charger', type: 'quasar', settings: { host: p.host, port: p.port, unitId: id } }] }));
        }
      }
    }
    if (hits.length === 0) hits.push(hit(p, 'modbus', null, { note: `Modbus TCP port open; no SunSpec map or known charger at unit ids ${units.join(', ')}` }));
    return hits;
  }

  private async quasarAt(unit: ModbusUnit): Promise<string | null> {
    try {
      const status = decodeQuasarStatus(await unit.readHoldingRegisters(quasarStatusBlock.start, quasarStatusBlock.count));
      return `Wallbox Quasar status map: ${status.actualW} W, state code ${status.stateCode}`;
    } catch {
      return null;
    }
  }

  private async identifyStream(p: Pair, signal: AbortSignal): Promise<ScanHit> {
    const decoder = new P1Decoder();
    let header: string | null = null;
    let powerW: number | null = null;
    const result = await listenTcp(p.host, p.port, {
      listenMs: this.o.listenMs,
      connectTimeoutMs: this.o.connectTimeoutMs * 2,
      maxBytes: 64 * 1024,
      signal,
      enough: (chunk) => {
        for (const outcome of decoder.push(chunk)) {
          if (outcome.ok) {
            header = outcome.reading.p1.header;
            powerW = (outcome.reading.powerImportW ?? 0) - (outcome.reading.powerExportW ?? 0);
            return true;
          }
        }
        return false;
      },
    });
    if (header !== null) {
      return hit(p, 'p1', null, { note: `DSMR P1 telegram from "${String(header)}", ${String(powerW)} W`, suggestions: [{ role: 'grid', type: 'p1-tcp', settings: { host: p.host, port: p.port } }] });
    }
    const note = !result.connected ? 'port open, but it closed again' : result.bytes > 0 ? `sends ${result.bytes} bytes that are not a DSMR telegram (another meter protocol?)` : `port open, silent for ${this.o.listenMs / 1000} s`;
    return hit(p, 'open', null, { note });
  }
}

function sunspecSuggestions(p: Pair, unitId: number, models: readonly number[]): ScanSuggestion[] {
  const settings = { host: p.host, port: p.port, unitId };
  const out: ScanSuggestion[] = [];
  if (models.some((m) => pvModels.has(m)) && !models.some((m) => batteryModels.has(m))) out.push({ role: 'pv', type: 'sunspec-inverter', settings });
  if (models.some((m) => batteryModels.has(m))) out.push({ role: 'battery', type: 'sunspec-battery', settings });
  if (models.some((m) => pvModels.has(m)) && models.some((m) => batteryModels.has(m))) out.push({ role: 'pv', type: 'sunspec-inverter', settings });
  if (models.some((m) => meterModels.has(m))) out.push({ role: 'grid', type: 'modbus-meter', settings: { ...settings, template: 'sunspec-meter' } });
  return out;
}

function hit(p: Pair, kind: ScanHit['kind'], unitId: number | null, extra: Partial<Omit<ScanHit, 'host' | 'port' | 'kind' | 'unitId'>>): ScanHit {
  return { host: p.host, port: p.port, unitId, kind, identity: null, models: [], suggestions: [], inUseBy: null, note: null, ...extra };
}
