import { describe, expect, it } from 'vitest';
import { discoveryMessages } from '../../../main/signals/ha-discovery.js';
import { siteTopics } from '../../../main/signals/topics.js';

describe('Home Assistant discovery', () => {
  it('announces each sensor under the discovery prefix, reading the telemetry topic', () => {
    const topics = siteTopics('scale', 'home1');
    const msgs = discoveryMessages('homeassistant', 'home1', topics, '0.1.0');
    const grid = msgs.find((m) => m.topic === 'homeassistant/sensor/scale_hub_home1/gridW/config');
    expect(grid).toBeDefined();
    const config = JSON.parse(grid?.payload ?? '{}') as Record<string, unknown>;
    expect(config).toMatchObject({
      state_topic: 'scale/home1/telemetry',
      availability_topic: 'scale/home1/status',
      unit_of_measurement: 'W',
      device_class: 'power',
      unique_id: 'scale_hub_home1_gridW',
      value_template: '{{ value_json.gridW }}',
    });
    expect(msgs.some((m) => m.topic.startsWith('homeassistant/binary_sensor/'))).toBe(true);
    expect(new Set(msgs.map((m) => m.topic)).size).toBe(msgs.length);
  });

  it('reads which signal kind a topic carries', () => {
    const topics = siteTopics('scale', 'home1');
    expect(topics.kindOf('scale/home1/signals/import-limit')).toBe('import-limit');
    expect(topics.kindOf('scale/home1/signals/other')).toBeNull();
    expect(topics.kindOf('scale/home2/signals/import-limit')).toBeNull();
  });
});
