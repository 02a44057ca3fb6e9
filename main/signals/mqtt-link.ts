/**
 * The hub's MQTT client: connects to the configured broker (TLS with a CA,
 * client certificate or username/password) or the embedded one, announces
 * itself online (offline as its last will), subscribes to the site's signal
 * topics and reconnects on its own. Publishing never throws: a lost broker
 * costs telemetry, not the control loop.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { describeError, HubError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { SignalsConfig } from './signals-config.js';
import type { SiteTopics } from './topics.js';

export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface MqttLinkOptions {
  readonly config: SignalsConfig['mqtt'];
  readonly topics: SiteTopics;
  /** Broker URL and credentials when the embedded broker is used. */
  readonly embedded: { readonly url: string; readonly username: string; readonly password: string } | null;
  readonly log: Logger;
  readonly onSignal: (topic: string, payload: Buffer) => void;
  /** After each (re)connection: retained state and discovery configs are published again. */
  readonly onConnect?: () => void;
}

function readPem(file: string | undefined, key: string): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new HubError('config_invalid', `signals.mqtt.${key}: cannot read ${file}`, { cause: err });
  }
}

export class MqttLink {
  private client: MqttClient | null = null;
  private linkState: LinkState = 'connecting';
  private lastError: string | null = null;

  constructor(private readonly o: MqttLinkOptions) {}

  state(): { state: LinkState; detail: string | null } {
    return { state: this.linkState, detail: this.lastError };
  }

  /** Starts connecting; resolves at once (the broker may come later), except for bad TLS files. */
  start(): void {
    const c = this.o.config;
    const url = this.o.embedded?.url ?? c.url;
    if (url === null) throw new HubError('config_invalid', 'signals.mqtt.url: no broker URL and no embedded broker');
    const ca = readPem(c.caFile, 'caFile');
    const cert = readPem(c.certFile, 'certFile');
    const key = readPem(c.keyFile, 'keyFile');
    const options: IClientOptions = {
      clientId: c.clientId ?? `scale-hub-${this.o.topics.base.replace(/\//g, '-')}`,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      keepalive: 30,
      will: { topic: this.o.topics.status, payload: Buffer.from('offline'), qos: 1, retain: true },
      ...(this.o.embedded !== null ? { username: this.o.embedded.username, password: this.o.embedded.password } : {}),
      ...(this.o.embedded === null && c.username !== undefined ? { username: c.username } : {}),
      ...(this.o.embedded === null && c.password !== undefined ? { password: c.password } : {}),
      ...(ca !== undefined ? { ca } : {}),
      ...(cert !== undefined ? { cert } : {}),
      ...(key !== undefined ? { key } : {}),
      rejectUnauthorized: true,
    };
    const client = connect(url, options);
    this.client = client;
    client.on('connect', () => {
      this.linkState = 'connected';
      this.lastError = null;
      this.o.log.info(`mqtt: connected to ${url}`);
      this.publish(this.o.topics.status, 'online', { retain: true, qos: 1 });
      client.subscribe(this.o.topics.signalsFilter, { qos: 1 }, (err) => {
        if (err) this.o.log.error('mqtt: subscribe failed', { error: describeError(err) });
      });
      this.o.onConnect?.();
    });
    client.on('reconnect', () => {
      this.linkState = 'reconnecting';
    });
    client.on('offline', () => {
      this.linkState = 'offline';
    });
    client.on('error', (err) => {
      this.lastError = describeError(err);
      this.o.log.warn('mqtt: connection problem', { error: this.lastError });
    });
    client.on('message', (topic, payload) => {
      try {
        this.o.onSignal(topic, payload);
      } catch (err) {
        // A bug in handling one message must not take the link down.
        this.o.log.error('mqtt: handling a message failed', { topic, error: describeError(err) });
      }
    });
  }

  publish(topic: string, payload: string, opts: { retain?: boolean; qos?: 0 | 1 } = {}): void {
    const client = this.client;
    if (client === null || !client.connected) return;
    client.publish(topic, payload, { qos: opts.qos ?? 0, retain: opts.retain ?? false }, (err) => {
      if (err) this.o.log.debug('mqtt: publish failed', { topic, error: describeError(err) });
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.linkState = 'closed';
    if (client === null) return;
    if (client.connected) {
      // Say goodbye ourselves: a clean disconnect does not fire the last will.
      await Promise.race([
        new Promise<void>((resolve) => client.publish(this.o.topics.status, 'offline', { qos: 1, retain: true }, () => resolve())),
        new Promise<void>((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
    }
    await client.endAsync(false);
  }
}
