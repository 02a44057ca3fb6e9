/**
 * A meter read over Modbus (TCP or RTU through the shared pool), described by
 * a template (data) or found by SunSpec discovery. Polls every pollMs of site
 * time; a failed poll counts and shows in health(), the last good reading
 * stays until it goes stale.
 */
import { HubError, describeError } from '../../main/common/errors.js';
import type { DeviceRole } from '../../main/common/snapshot.js';
import type { Capability, Device } from '../api.js';
import type { DriverContext, DriverDefinition } from '../driver.js';
import { MeterState } from '../p1/meter-state.js';
import type { ModbusUnit } from '../transports/modbus-types.js';
import { SunSpecMeterSource, TemplateSource } from './meter-source.js';
import type { RegisterSource } from './meter-source.js';
import { modbusMeterConfigSchema } from './modbus-meter-config.js';
import type { ModbusMeterConfig } from './modbus-meter-config.js';
import { registerTemplates } from './templates.js';

export class ModbusMeter extends MeterState implements Device {
  readonly capabilities: readonly Capability[] = ['powerMeter', 'energyMeter', 'phaseMeter'];
  private readonly source: RegisterSource;
  private unitRef: ModbusUnit | null = null;
  private cancelPoll: (() => void) | null = null;
  private polling = false;
  private inflight: Promise<void> | null = null;

  constructor(
    id: string,
    role: DeviceRole,
    private readonly config: ModbusMeterConfig,
    private readonly ctx: DriverContext,
  ) {
    super({ id, type: 'modbus-meter', role, clock: ctx.clock, log: ctx.log.child(id), staleAfterMs: config.staleAfterMs, noun: 'poll', validCounter: 'polls' });
    const template = registerTemplates.get(config.template);
    this.source = template === undefined ? new SunSpecMeterSource() : new TemplateSource(template);
    this.counters.errors = 0;
  }

  start(): Promise<void> {
    if (this.cancelPoll !== null) return Promise.resolve();
    this.markStarted();
    const options = this.config.timeoutMs === undefined ? {} : { timeoutMs: this.config.timeoutMs };
    try {
      this.unitRef = this.openUnit(options);
    } catch (err) {
      this.reject('link', describeError(err));
      return Promise.resolve();
    }
    this.cancelPoll = this.clock.every(this.config.pollMs, () => this.poll());
    this.poll();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.cancelPoll?.();
    this.cancelPoll = null;
    await this.inflight;
  }

  /** Resolves when the current poll (if any) is done; tests use it. */
  async settled(): Promise<void> {
    await this.inflight;
  }

  private openUnit(options: { timeoutMs?: number }): ModbusUnit {
    const { host, port, serial, unitId } = this.config;
    if (serial !== undefined) {
      if (this.ctx.modbus.serialUnit === undefined) throw new HubError('not_available', 'this hub has no Modbus RTU transport');
      return this.ctx.modbus.serialUnit(serial, unitId, options);
    }
    return this.ctx.modbus.unit(host ?? '', port ?? 502, unitId, options);
  }

  private poll(): void {
    // A slow device must not pile up polls: skip a tick while one is in flight.
    if (this.polling || this.unitRef === null) return;
    this.polling = true;
    const unit = this.unitRef;
    this.inflight = this.source
      .read(unit)
      .then((reading) => {
        this.accept(reading);
      })
      .catch((err: unknown) => {
        this.count('errors');
        if (err instanceof HubError && err.code === 'device_unreachable') this.source.reset();
        this.reject('link', describeError(err));
      })
      .finally(() => {
        this.polling = false;
      });
  }
}

export const modbusMeterDriver: DriverDefinition<ModbusMeterConfig> = {
  type: 'modbus-meter',
  description: 'Modbus meter from a template (Eastron SDM630, Carlo Gavazzi EM24) or SunSpec meter models 201-204, TCP or RTU',
  roles: ['grid', 'pv', 'battery', 'charger'],
  configSchema: modbusMeterConfigSchema,
  create: (config, ctx) => new ModbusMeter(config.id, config.role, config, ctx),
};
