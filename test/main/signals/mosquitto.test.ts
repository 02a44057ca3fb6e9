/**
 * The hub against Mosquitto (a second broker implementation, as sites often
 * run one): signals in, acknowledgements, retained status with the last will,
 * telemetry out. Mosquitto is started by the test on a free port.
 */
import { connectAsync } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../../main/hub/hub.js';
import { signalsConfigSchema } from '../../../main/signals/signals-config.js';
import { waitFor } from '../../integration/hub-harness.js';
import { startMosquitto } from './mosquitto.js';
import type { Mosquitto } from './mosquitto.js';
import { message } from './sample-messages.js';
import { startSignalsHub } from './signals-hub.js';
import type { LogLine } from './signals-hub.js';

describe('signals through Mosquitto', () => {
  let broker: Mosquitto;
  let hub: Hub | null = null;
  let client: MqttClient;
  const lines: LogLine[] = [];
  const received = new Map<string, string[]>();
  const last = (topic: string): string | undefined => received.get(topic)?.at(-1);

  beforeAll(async () => {
    broker = await startMosquitto();
    client = await connectAsync(broker.url, { protocolVersion: 4 });
    client.on('message', (topic, payload) => received.set(topic, [...(received.get(topic) ?? []), payload.toString('utf8')]));
    await client.subscribeAsync('scale/mq/#', { qos: 1 });
    hub = await startSignalsHub({
      speed: 10,
      simStartIso: '2026-06-21T12:00:00+02:00',
      lines,
      config: (c) => ({
        ...c,
        signals: signalsConfigSchema.parse({
          siteId: 'mq',
          mqtt: { enabled: true, url: broker.url, telemetryIntervalS: 1, homeAssistant: { enabled: false } },
          accept: { issuers: [{ id: 'aggregator', kinds: ['export-limit', 'flex-request'] }] },
        }),
      }),
    });
  });

  afterAll(async () => {
    await hub?.stop();
    await client?.endAsync();
    await broker?.stop();
  });

  it('announces itself online (retained) and publishes telemetry', async () => {
    await waitFor('online', () => last('scale/mq/status') === 'online', 10_000);
    await waitFor('telemetry', () => last('scale/mq/telemetry'), 10_000);
    const t = JSON.parse(last('scale/mq/telemetry') ?? '{}') as Record<string, unknown>;
    expect(t).toHaveProperty('pvW');
  });

  it('accepts a valid export limit and a flexibility request, rejects an unauthorised one, and acknowledges each', async () => {
    const h = hub!;
    const limit = message(h.clock.now(), { type: 'export-limit', issuer: 'aggregator', body: { limitW: 1500 } });
    const flex = message(h.clock.now(), { type: 'flex-request', issuer: 'aggregator' });
    const intruder = message(h.clock.now(), { type: 'export-limit', issuer: 'neighbour', body: { limitW: 0 } });
    await client.publishAsync('scale/mq/signals/export-limit', JSON.stringify(limit), { qos: 1 });
    await client.publishAsync('scale/mq/signals/flex-request', JSON.stringify(flex), { qos: 1 });
    await client.publishAsync('scale/mq/signals/export-limit', JSON.stringify(intruder), { qos: 1 });
    const acks = await waitFor('three acknowledgements', () => {
      const a = (received.get('scale/mq/ack') ?? []).map((x) => JSON.parse(x) as { ref: string; status: string; code?: string });
      return a.length >= 3 ? a : null;
    }, 10_000);
    expect(acks.find((a) => a.ref === limit.id)).toMatchObject({ status: 'accepted' });
    expect(acks.find((a) => a.ref === flex.id)).toMatchObject({ status: 'accepted' });
    expect(acks.find((a) => a.ref === intruder.id)).toMatchObject({ status: 'rejected', code: 'unauthorised' });
    await waitFor('export cap in force', () => h.latest()?.limits.exportLimitW === 1500, 5000);
    expect(h.context.flex.get()).toHaveLength(1);
    expect(lines.some((l) => l.level === 'warn' && l.msg.includes('issuer neighbour is not allowed'))).toBe(true);
  });

  it('says offline (retained) when it stops', async () => {
    await hub?.stop();
    hub = null;
    await waitFor('offline', () => last('scale/mq/status') === 'offline', 5000);
  });
});
