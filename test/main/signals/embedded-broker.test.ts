import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import { startEmbeddedBroker, topicMatches } from '../../../main/signals/embedded-broker.js';
import type { EmbeddedBroker } from '../../../main/signals/embedded-broker.js';
import { signalsConfigSchema } from '../../../main/signals/signals-config.js';
import { siteTopics } from '../../../main/signals/topics.js';

const topics = siteTopics('scale', 'home');

describe('embedded broker', () => {
  let broker: EmbeddedBroker;

  beforeAll(async () => {
    const cfg = signalsConfigSchema.parse({
      broker: {
        port: 0,
        users: [
          { username: 'utility', password: 'utility-secret', role: 'utility' },
          { username: 'reader', password: 'reader-secret', role: 'reader' },
        ],
      },
    }).broker;
    broker = await startEmbeddedBroker(cfg, topics, 'homeassistant', silentLogger);
  });
  afterAll(() => broker.close());

  it('listens on loopback only', () => {
    expect(broker.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses unknown users and wrong passwords', async () => {
    await expect(connectAsync(broker.url, { username: 'utility', password: 'wrong', reconnectPeriod: 0 })).rejects.toThrow();
    await expect(connectAsync(broker.url, { reconnectPeriod: 0 })).rejects.toThrow();
  });

  it('lets a utility publish signals only, and a reader only read', async () => {
    const hub = await connectAsync(broker.url, { ...broker.hubCredentials, reconnectPeriod: 0 });
    const seen: string[] = [];
    hub.on('message', (t) => seen.push(t));
    await hub.subscribeAsync('scale/home/#');
    const utility = await connectAsync(broker.url, { username: 'utility', password: 'utility-secret', reconnectPeriod: 0 });
    await utility.publishAsync('scale/home/signals/import-limit', '{}', { qos: 1 });
    // Not allowed: Aedes drops the client that publishes outside its rights.
    await utility.publishAsync('scale/home/telemetry', '{"forged":true}', { qos: 0 }).catch(() => undefined);
    const reader = await connectAsync(broker.url, { username: 'reader', password: 'reader-secret', reconnectPeriod: 0 });
    // Refused with a negative SUBACK (mqtt.js turns it into an error); the client stays connected.
    await expect(reader.subscribeAsync('#')).rejects.toThrow(/Subscribe error/);
    const ok = await reader.subscribeAsync('scale/home/telemetry');
    expect(ok[0]?.qos).not.toBe(128);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual(['scale/home/signals/import-limit']);
    await Promise.all([hub.endAsync(true), utility.endAsync(true), reader.endAsync(true)]);
  });

  it('matches topic filters the MQTT way', () => {
    expect(topicMatches('scale/home/#', 'scale/home/signals/x')).toBe(true);
    expect(topicMatches('scale/+/status', 'scale/home/status')).toBe(true);
    expect(topicMatches('scale/home/#', 'scale/other/x')).toBe(false);
    expect(topicMatches('scale/home', 'scale/home/x')).toBe(false);
  });
});
