/**
 * A grid meter whose values arrive over MQTT (Tasmota/ESPHome IR heads,
 * Shelly 3EM, a P1 bridge, another HEMS). Each configured value has its own
 * topic; the reading is what the latest messages say. A reading is announced
 * (onReading) when a power value arrives, and goes stale like every meter:
 * staleAfterMs of site time after the last power message. Other values older
 * than that are left out rather than shown as current.
 */
import { connect } from 'mqtt';
import type { MqttClient } from 'mqtt';
import type { Clock } from '../../main/common/clock.js';
import { describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { DeviceRole } from '../../main/common/snapshot.js';
import type { Capability, Device } from '../api.js';
import type { DriverDefinition } from '../driver.js';
import { splitSigned } from '../p1/meter-reading.js';
import type { MeterPhase, MeterReading } from '../p1/meter-reading.js';
import { MeterState } from '../p1/meter-state.js';
import { atPath, parseJsonPath } from './json-path.js';
import { mqttMeterConfigSchema, mqttUnits } from './mqtt-meter-config.js';
import type { MqttMeterConfig, MqttMeterField, MqttValueConfig } from './mqtt-meter-config.js';

const POWER_FIELDS: ReadonlySet<MqttMeterField> = new Set(['powerW', 'powerImportW', 'powerExportW']);

export interface MqttMeterParams {
  readonly id: string;
  readonly role: DeviceRole;
  readonly config: MqttMeterConfig;
  readonly clock: Clock;
  readonly log: Logger;
  /** Real ms between reconnect attempts (tests shorten it). */
  readonly reconnectPeriodMs?: number;
}

export class MqttMeter extends MeterState implements Device {
  readonly capabilities: readonly Capability[] = ['powerMeter', 'energyMeter', 'phaseMeter'];
  private readonly config: MqttMeterConfig;
  private readonly reconnectPeriodMs: number;
  private readonly byTopic = new Map<string, { field: MqttMeterField; value: MqttValueConfig; path: (string | number)[] }[]>();
  private readonly values = new Map<MqttMeterField, { value: number; ts: number }>();
  private client: MqttClient | null = null;

  constructor(p: MqttMeterParams) {
    super({ id: p.id, type: 'mqtt-meter', role: p.role, clock: p.clock, log: p.log, staleAfterMs: p.config.staleAfterMs, noun: 'message', validCounter: 'messages' });
    this.config = p.config;
    this.reconnectPeriodMs = p.reconnectPeriodMs ?? 5000;
    for (const [field, value] of Object.entries(p.config.values) as [MqttMeterField, MqttValueConfig][]) {
      const list = this.byTopic.get(value.topic) ?? [];
      list.push({ field, value, path: value.path === undefined ? [] : (parseJsonPath(value.path) ?? []) });
      this.byTopic.set(value.topic, list);
    }
  }

  start(): Promise<void> {
    if (this.client !== null) return Promise.resolve();
    this.markStarted();
    const client = connect(this.config.url, {
      ...(this.config.username === undefined ? {} : { username: this.config.username }),
      ...(this.config.password === undefined ? {} : { password: this.config.password }),
      reconnectPeriod: this.reconnectPeriodMs,
      connectTimeout: 10_000,
      clientId: `scale-hub-${this.id}-${Math.random().toString(16).slice(2, 8)}`,
    });
    this.client = client;
    client.on('connect', () => {
      this.log.info('mqtt connected', { url: this.config.url });
      client.subscribe([...this.byTopic.keys()], { qos: 0 }, (err) => {
        if (err) this.reject('link', `subscribe failed: ${describeError(err)}`);
      });
    });
    client.on('reconnect', () => this.count('reconnects'));
    client.on('error', (err) => this.reject('link', `mqtt: ${describeError(err)}`));
    client.on('offline', () => this.reject('link', `mqtt broker ${this.config.url} unreachable`));
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client !== null) await client.endAsync(true);
  }

  /** One message; public for tests and the decode tool's reuse. */
  onMessage(topic: string, payload: Buffer): void {
    const targets = this.byTopic.get(topic);
    if (targets === undefined) return;
    const text = payload.toString('utf8');
    let json: unknown = undefined;
    let power = false;
    for (const t of targets) {
      let raw: unknown;
      if (t.value.path === undefined) raw = text.trim();
      else {
        if (json === undefined) {
          try {
            json = JSON.parse(text) as unknown;
          } catch {
            this.reject('format', `${topic}: payload is not JSON: ${snippet(text)}`);
            return;
          }
        }
        raw = atPath(json, t.path);
      }
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(n)) {
        this.reject('format', `${topic}${t.value.path === undefined ? '' : ` ${t.value.path}`}: not a number: ${snippet(JSON.stringify(raw) ?? 'undefined')}`);
        return;
      }
      const factor = mqttUnits[t.value.unit ?? 'W'];
      this.values.set(t.field, { value: (t.value.invert === true ? -n : n) * factor, ts: this.clock.now() });
      if (POWER_FIELDS.has(t.field)) power = true;
    }
    if (power) this.accept(this.compose());
  }

  private compose(): MeterReading {
    const now = this.clock.now();
    const v = (f: MqttMeterField): number | null => {
      const e = this.values.get(f);
      return e === undefined || now - e.ts > this.staleAfterMs ? null : e.value;
    };
    const power = this.config.values.powerW !== undefined ? splitSigned(v('powerW')) : { powerImportW: v('powerImportW'), powerExportW: this.config.values.powerExportW === undefined ? 0 : v('powerExportW') };
    const phases: MeterPhase[] = ([1, 2, 3] as const).map((i) => ({ voltageV: v(`l${i}.voltageV`), currentA: v(`l${i}.currentA`), ...splitSigned(v(`l${i}.powerW`)) }));
    return { meterId: null, timestampMs: null, ...power, energyImportWh: v('energyImportWh'), energyExportWh: v('energyExportWh'), phases, tariff: null };
  }
}

function snippet(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

export const mqttMeterDriver: DriverDefinition<MqttMeterConfig> = {
  type: 'mqtt-meter',
  description: 'Any meter publishing over MQTT (topic + JSON path or plain number per value, unit and sign configurable)',
  roles: ['grid', 'pv', 'battery', 'charger'],
  configSchema: mqttMeterConfigSchema,
  create: (config, ctx) => new MqttMeter({ id: config.id, role: config.role, config, clock: ctx.clock, log: ctx.log.child(config.id) }),
};
