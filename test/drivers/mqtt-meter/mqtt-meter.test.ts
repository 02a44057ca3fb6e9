/** The MQTT meter against an in-process broker (Aedes) on loopback, with a real mqtt client publishing. */
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { Aedes } from 'aedes';
import { connectAsync } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import type { MqttMeter } from '../../../drivers/mqtt-meter/mqtt-meter.js';
import { mqttMeterDriver } from '../../../drivers/mqtt-meter/mqtt-meter.js';
import { atPath, parseJsonPath } from '../../../drivers/mqtt-meter/json-path.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { waitFor } from '../p1/helpers.js';
import { ManualClock } from '../../support/manual-clock.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function broker(): Promise<{ url: string; publisher: MqttClient }> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => aedes.close(() => server.close(() => resolve()))));
  const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publisher = await connectAsync(url);
  cleanups.push(() => publisher.endAsync(true));
  return { url, publisher };
}

describe('mqtt-meter', () => {
  it('reads a Tasmota-like JSON payload and a plain number, with units and sign', async () => {
    const { url, publisher } = await broker();
    const clock = new ManualClock(Date.UTC(2024, 0, 1));
    const config = mqttMeterDriver.configSchema.parse({
      url,
      values: {
        powerW: { topic: 'tele/meter/SENSOR', path: 'SML.Power_curr', invert: true },
        energyImportWh: { topic: 'tele/meter/SENSOR', path: '$.SML.Total_in', unit: 'kWh' },
        'l1.voltageV': { topic: 'meter/l1/voltage' },
      },
    });
    const meter = mqttMeterDriver.create({ ...config, id: 'grid', role: 'grid', type: 'mqtt-meter' }, { clock, log: silentLogger, modbus: {} as ModbusPool });
    cleanups.push(() => meter.stop());
    let readings = 0;
    meter.onReading(() => readings++);
    await meter.start();
    const m = meter as MqttMeter;
    const count = (n: string): number => meter.health().counters[n] ?? 0;

    await waitFor(() => {
      void publisher.publishAsync('meter/l1/voltage', '231.4', { retain: true });
      void publisher.publishAsync('tele/meter/SENSOR', JSON.stringify({ Time: '2024-01-01T00:00:00', SML: { Total_in: 12345.678, Power_curr: -850 } }));
      return readings >= 1;
    }, 'the first reading');
    await waitFor(() => m.phases()?.[0]?.voltageV === 231.4, 'the voltage');
    expect(m.powerW()).toBe(850);
    expect(m.energyImportWh()).toBe(12_345_678);

    await publisher.publishAsync('tele/meter/SENSOR', '{"SML": {"Power_curr": "n/a"}}');
    await waitFor(() => count('parseErrors') >= 1, 'the parse error');
    expect(meter.health().lastError).toBe('tele/meter/SENSOR SML.Power_curr: not a number: "n/a"');
    expect(m.powerW()).toBe(850);

    clock.advance(6000);
    expect(meter.health().status).toBe('stale');
    expect(m.powerW()).toBeNull();
  });

  it('validates its config with messages naming the key', () => {
    const bad = mqttMeterDriver.configSchema.safeParse({ url: 'mqtt://b:1883', values: { powerW: { topic: 'a/#' }, energyImportWh: { topic: 'x', unit: 'kW' } } });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const messages = bad.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      expect(messages).toContain('values.powerW.topic: a topic without wildcards');
      expect(messages).toContain('values.energyImportWh.unit: expected one of Wh, kWh, MWh');
    }
    expect(mqttMeterDriver.configSchema.safeParse({ url: 'mqtt://b', values: { energyImportWh: { topic: 'x' } } }).success).toBe(false);
  });

  it('json paths', () => {
    expect(parseJsonPath('$.em[0].power')).toEqual(['em', 0, 'power']);
    expect(parseJsonPath('a..b')).toBeNull();
    expect(atPath({ em: [{ power: 5 }] }, ['em', 0, 'power'])).toBe(5);
    expect(atPath({ em: 3 }, ['em', 0])).toBeUndefined();
  });
});
