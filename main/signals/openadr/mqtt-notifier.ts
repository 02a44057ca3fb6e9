/**
 * The OpenADR 3.1.0 MQTT notifier: asks the VTN for its broker
 * (GET /notifiers) and the event topics (GET /notifiers/mqtt/topics/events),
 * connects with the authentication the VTN names (anonymous, OAuth2 bearer
 * token as password, or client certificate) and hands every JSON message on.
 * Returns null when the VTN offers no MQTT notifier.
 */
import { connect } from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { describeError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import type { OadrValidator } from './oadr-validator.js';
import type { VtnClient } from './vtn-client.js';

interface NotifierBinding {
  readonly URIS: readonly string[];
  readonly authentication: { readonly method: string; readonly username?: string; readonly caCert?: string; readonly clientCert?: string; readonly clientKey?: string };
}

export interface NotifierOptions {
  readonly client: VtnClient;
  readonly validator: OadrValidator;
  token(): Promise<string>;
  readonly clientId: string;
  readonly log: Logger;
  onNotification(body: unknown): void;
}

export async function connectMqttNotifier(o: NotifierOptions): Promise<MqttClient | null> {
  const notifiers = await o.client.request('GET', '/notifiers');
  if (o.validator.check('notifiersResponse', notifiers) !== null) return null;
  const binding = (notifiers as { MQTT?: NotifierBinding }).MQTT;
  const uri = binding?.URIS[0];
  if (binding === undefined || uri === undefined) return null;
  const topics = await o.client.request('GET', '/notifiers/mqtt/topics/events');
  if (o.validator.check('notifierTopicsResponse', topics) !== null) return null;
  const t = (topics as { topics: { CREATE?: string; UPDATE: string; DELETE: string; ALL?: string } }).topics;
  const auth = binding.authentication;
  const options: IClientOptions = { protocolVersion: 4, reconnectPeriod: 5000, connectTimeout: 10_000 };
  if (auth.method === 'OAUTH2_BEARER_TOKEN') {
    options.username = (auth.username ?? '{clientID}').replace('{clientID}', o.clientId);
    options.password = await o.token();
  } else if (auth.method === 'CERTIFICATE') {
    if (auth.caCert !== undefined) options.ca = auth.caCert;
    if (auth.clientCert !== undefined) options.cert = auth.clientCert;
    if (auth.clientKey !== undefined) options.key = auth.clientKey;
  }
  const mqtt = connect(uri, options);
  const filters = t.ALL !== undefined ? [t.ALL] : [t.CREATE, t.UPDATE, t.DELETE].filter((x): x is string => x !== undefined);
  mqtt.on('connect', () => {
    mqtt.subscribe(filters, { qos: 1 }, (err) => {
      if (err) o.log.warn('openadr: notifier subscribe failed', { error: describeError(err) });
    });
  });
  mqtt.on('error', (err) => o.log.warn('openadr: notifier connection problem', { error: describeError(err) }));
  mqtt.on('message', (_topic, payload) => {
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      o.log.warn('openadr: notifier message is not JSON');
      return;
    }
    o.onNotification(body);
  });
  return mqtt;
}
