/**
 * What every SunSpec driver does the same way: discover the model chain
 * (retrying with back-off while the device is away, never failing start()),
 * poll every pollMs of site time, keep health and counters, and serialise the
 * control writes. Concrete drivers say which models they read and how they
 * turn points into readings and setpoints into points. Modbus TCP and RTU
 * differ only in how the unit is obtained from the pool.
 */
import type { Clock } from '../../main/common/clock.js';
import { HubError, describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { DeviceHealth, DeviceStatus } from '../../main/common/snapshot.js';
import type { Capability, Device, DeviceRole } from '../api.js';
import type { DeviceConfigBase, DriverContext } from '../driver.js';
import type { ModbusConnectionOptions, ModbusUnit, ModbusUnitWithStats } from '../transports/modbus-types.js';
import { decodeModel, type DecodedModel } from './decode.js';
import { discoverSunSpec, type DiscoveredModel, type SunSpecDiscovery } from './discovery.js';
import { encodeWrite } from './encode.js';
import { isModelMoved } from './model-moved.js';
import { ModelReader } from './model-reader.js';
import { requireModelDefinition } from './model-registry.js';
import { sunspecFailure } from './modbus-failure.js';
import type { SunSpecConnectionConfig } from './sunspec-config.js';
import { quirkFor, vendorQuirks, type VendorQuirk } from './vendor-quirks.js';

/** Readings older than this (site ms) are stale: the controller must not act on them. */
export const staleAfterMs = 5000;
const discoveryBackoffMinMs = 1000;
const discoveryBackoffMaxMs = 60_000;
const modbusMaxRead = 125;

export abstract class SunSpecDevice implements Device {
  readonly id: string;
  readonly type: string;
  readonly role: DeviceRole;
  abstract readonly capabilities: readonly Capability[];

  protected readonly config: SunSpecConnectionConfig;
  protected readonly clock: Clock;
  protected readonly log: Logger;
  protected readonly counters: Record<string, number> = { polls: 0, errors: 0, timeouts: 0, reconnects: 0, writes: 0, writeErrors: 0 };
  private readonly ctx: DriverContext;
  private unitRef: ModbusUnit | null = null;
  private reader: ModelReader | null = null;
  private discoveryRef: SunSpecDiscovery | null = null;
  private quirkRef: VendorQuirk | undefined = undefined;
  private lastValidTs: number | null = null;
  private pollError: string | null = null;
  /** Current problems that are not read failures (control not applied, sign disagreement), by key. */
  private readonly problems = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private busy: Promise<void> | null = null;
  private controlChain: Promise<void> = Promise.resolve();
  private cancelPoll: (() => void) | null = null;
  private cancelRetry: (() => void) | null = null;
  private discoveryFailures = 0;
  private started = false;
  protected stopped = false;

  constructor(config: SunSpecConnectionConfig & DeviceConfigBase, ctx: DriverContext) {
    this.id = config.id;
    this.type = config.type;
    this.role = config.role;
    this.config = config;
    this.ctx = ctx;
    this.clock = ctx.clock;
    this.log = ctx.log.child(config.id);
  }

  /** Reads the models the driver needs after discovery (nameplates...); throws if the device lacks what the driver needs. */
  protected abstract onDiscovered(discovery: SunSpecDiscovery): Promise<void>;
  /** One poll: read models, update cached values. Throwing marks the poll failed. */
  protected abstract poll(): Promise<void>;
  /** Hands control back to the device (stop()). */
  protected abstract releaseControl(): Promise<void>;

  start(): Promise<void> {
    if (!this.started && !this.stopped) {
      this.started = true;
      try {
        this.unitRef = this.openUnit();
      } catch (err) {
        this.recordFailure(err);
        return Promise.resolve();
      }
      this.runExclusive(() => this.discover());
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelPoll?.();
    this.cancelRetry?.();
    await this.busy;
    if (this.discoveryRef === null) return;
    try {
      await this.releaseControl();
    } catch (err) {
      this.log.warn('could not hand control back to the device', { error: describeError(err) });
    }
  }

  /** What discovery found (models, identity), for commissioning; null until found. */
  discovery(): SunSpecDiscovery | null {
    return this.discoveryRef;
  }

  /** The vendor deviations in effect (config `vendor`, else model 1's manufacturer); undefined for plain SunSpec. */
  quirk(): VendorQuirk | undefined {
    return this.quirkRef;
  }

  health(): DeviceHealth {
    const now = this.clock.now();
    let status: DeviceStatus;
    if (this.lastValidTs === null) status = this.pollError === null ? 'connecting' : 'error';
    else if (now - this.lastValidTs > staleAfterMs) status = 'stale';
    else if (this.pollError !== null) status = 'error';
    else status = 'ok';
    const problems = [this.pollError, ...this.problems.values()].filter((p): p is string => p !== null);
    const stats = this.unitRef !== null && 'connectionStats' in this.unitRef ? (this.unitRef as ModbusUnitWithStats).connectionStats() : null;
    return {
      id: this.id,
      role: this.role,
      type: this.type,
      status,
      lastValidTs: this.lastValidTs,
      lastError: problems.length === 0 ? null : problems.join('; '),
      counters: { ...this.counters, reconnects: stats === null ? 0 : Math.max(0, stats.connects - 1) },
    };
  }

  onReading(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `value` while the last successful poll is recent, else null ("not known now"). */
  protected fresh<T>(value: T | null): T | null {
    if (this.lastValidTs === null || this.clock.now() - this.lastValidTs > staleAfterMs) return null;
    return value;
  }

  protected get unit(): ModbusUnit {
    if (this.unitRef === null) throw new HubError('not_available', `${this.id}: not started`);
    return this.unitRef;
  }

  protected hasModel(id: number): boolean {
    return this.discoveryRef?.models.some((m) => m.id === id) ?? false;
  }

  /**
   * Whether a control written at `lastWriteTs` must be rewritten now to stay
   * alive: every third of the revert time, counting the poll period, since
   * the next chance to rewrite is a poll away.
   */
  protected rewriteDue(lastWriteTs: number): boolean {
    return this.clock.now() - lastWriteTs + this.config.pollMs >= (this.config.revertS * 1000) / 3;
  }

  /** The first of `ids` the device has, in the caller's order of preference. */
  protected firstModel(ids: readonly number[]): number | null {
    return ids.find((id) => this.hasModel(id)) ?? null;
  }

  protected setProblem(key: string, message: string | null): void {
    if (message === null) {
      this.problems.delete(key);
      return;
    }
    if (this.problems.get(key) !== message) this.log.warn(message);
    this.problems.set(key, message);
  }

  /**
   * Reads and decodes model `id` (first instance): in one request when it
   * fits, else point-aligned with its scale factors checked (model-reader.ts).
   */
  protected async readModel(id: number): Promise<DecodedModel> {
    const m = findModel(this.discoveryRef, id, this.id);
    const reader = this.reader;
    if (reader === null) throw new HubError('not_available', `${this.id}: not discovered yet`);
    let regs: Uint16Array;
    try {
      regs = await reader.read(m);
    } catch (err) {
      throw sunspecFailure(err, 'reading', `model ${id} at ${m.address}`, this.unit);
    }
    return decodeModel(requireModelDefinition(id), regs);
  }

  /** Writes adjacent writable points of `model` (engineering values, the device's scale factors). */
  protected async writePoints(model: DecodedModel, values: Readonly<Record<string, number | null>>): Promise<void> {
    const m = findModel(this.discoveryRef, model.id, this.id);
    const write = encodeWrite(model, values);
    const address = m.address + write.offset;
    try {
      await this.unit.writeRegisters(address, write.registers);
      this.counters.writes = (this.counters.writes ?? 0) + 1;
    } catch (err) {
      this.counters.writeErrors = (this.counters.writeErrors ?? 0) + 1;
      throw sunspecFailure(err, 'writing', `${Object.keys(values).join(', ')} of model ${model.id} at ${address}`, this.unit);
    }
  }

  /** Runs control sequences one after the other: two interleaved sequences could leave a mix of both on the device. */
  protected exclusiveControl<T>(sequence: () => Promise<T>): Promise<T> {
    const result = this.controlChain.then(sequence);
    this.controlChain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private runExclusive(task: () => Promise<void>): void {
    this.busy = task()
      .catch((err: unknown) => this.log.error('SunSpec driver task failed', { error: describeError(err) }))
      .finally(() => {
        this.busy = null;
      });
  }

  private openUnit(): ModbusUnit {
    const { host, port, serial, unitId, timeoutMs, maxRegistersPerRead, connectDelayMs } = this.config;
    const options: ModbusConnectionOptions = {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(maxRegistersPerRead === undefined ? {} : { maxRegistersPerRead }),
      ...(connectDelayMs === undefined ? {} : { connectDelayMs }),
    };
    if (serial !== undefined) {
      if (this.ctx.modbus.serialUnit === undefined) throw new HubError('not_available', `${this.id}: this hub's Modbus pool has no RTU support`);
      return this.ctx.modbus.serialUnit(serial, unitId, options);
    }
    if (host === undefined) throw new HubError('config_invalid', `${this.id}: no host and no serial line configured`);
    return this.ctx.modbus.unit(host, port, unitId, options);
  }

  private async discover(): Promise<void> {
    if (this.stopped) return;
    try {
      // A fresh reader: what it learned about the old map (refused ranges) may not hold for the new one.
      this.reader = new ModelReader(this.unit, { maxRegistersPerRead: this.config.maxRegistersPerRead ?? modbusMaxRead });
      const found = await discoverSunSpec(this.unit, { reader: this.reader, ...(this.config.bases === undefined ? {} : { bases: this.config.bases }) });
      this.discoveryRef = found;
      this.quirkRef = this.config.vendor === 'auto' ? quirkFor(found.identity?.manufacturer) : vendorQuirks.find((q) => q.id === this.config.vendor);
      await this.onDiscovered(found);
      this.discoveryFailures = 0;
      this.log.info('SunSpec device found', {
        base: found.base,
        models: found.models.map((m) => `${m.id}@${m.address}`).join(' '),
        ...found.identity,
        ...(this.quirkRef === undefined ? {} : { quirks: this.quirkRef.id }),
      });
    } catch (err) {
      this.discoveryRef = null;
      this.recordFailure(err);
      const delayMs = Math.min(discoveryBackoffMaxMs, discoveryBackoffMinMs * 2 ** this.discoveryFailures++);
      if (!this.stopped) this.cancelRetry = this.clock.after(delayMs, () => this.runExclusive(() => this.discover()));
      return;
    }
    if (this.stopped) return;
    this.cancelPoll = this.clock.every(this.config.pollMs, () => {
      if (this.busy === null && !this.stopped) this.runExclusive(() => this.pollOnce());
    });
    await this.pollOnce();
  }

  private async pollOnce(): Promise<void> {
    try {
      await this.poll();
    } catch (err) {
      this.recordFailure(err);
      // A model where discovery put it no longer is (firmware update, device swapped): walk the chain again.
      if (isModelMoved(err)) this.rediscover();
      return;
    }
    this.lastValidTs = this.clock.now();
    this.counters.polls = (this.counters.polls ?? 0) + 1;
    if (this.pollError !== null) this.log.info('device answers again', { after: this.pollError });
    this.pollError = null;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.log.error('reading listener failed', { error: describeError(err) });
      }
    }
  }

  private rediscover(): void {
    this.cancelPoll?.();
    this.cancelPoll = null;
    this.discoveryRef = null;
    this.log.warn('SunSpec model map changed; discovering again');
    if (!this.stopped) this.cancelRetry = this.clock.after(discoveryBackoffMinMs, () => this.runExclusive(() => this.discover()));
  }

  private recordFailure(err: unknown): void {
    this.counters.errors = (this.counters.errors ?? 0) + 1;
    if (err instanceof HubError && err.code === 'device_timeout') this.counters.timeouts = (this.counters.timeouts ?? 0) + 1;
    const message = err instanceof HubError ? err.message : describeError(err);
    if (message !== this.pollError) this.log.warn('SunSpec poll failed', { error: message });
    this.pollError = message;
  }
}

function findModel(discovery: SunSpecDiscovery | null, id: number, deviceId: string): DiscoveredModel {
  const m = discovery?.models.find((x) => x.id === id);
  if (m === undefined) throw new HubError('not_available', `${deviceId}: device has no SunSpec model ${id}`);
  return m;
}
