/**
 * Home Assistant MQTT discovery: retained config messages under
 * `<discoveryPrefix>/<component>/<node>/<object>/config` make the hub's
 * sensors appear in Home Assistant by themselves, reading the telemetry topic
 * and going unavailable with the hub's status topic.
 */
import type { SiteTopics } from './topics.js';

interface Sensor {
  readonly key: string;
  readonly name: string;
  readonly unit?: string;
  readonly deviceClass?: string;
  readonly stateClass?: string;
  readonly component?: 'sensor' | 'binary_sensor';
}

const sensors: readonly Sensor[] = [
  { key: 'gridW', name: 'Grid power', unit: 'W', deviceClass: 'power', stateClass: 'measurement' },
  { key: 'pvW', name: 'PV power', unit: 'W', deviceClass: 'power', stateClass: 'measurement' },
  { key: 'batteryW', name: 'Battery power', unit: 'W', deviceClass: 'power', stateClass: 'measurement' },
  { key: 'batterySocPct', name: 'Battery state of charge', unit: '%', deviceClass: 'battery', stateClass: 'measurement' },
  { key: 'carW', name: 'Car charging power', unit: 'W', deviceClass: 'power', stateClass: 'measurement' },
  { key: 'carSocPct', name: 'Car state of charge', unit: '%', deviceClass: 'battery', stateClass: 'measurement' },
  { key: 'homeW', name: 'Home power', unit: 'W', deviceClass: 'power', stateClass: 'measurement' },
  { key: 'gridImportWh', name: 'Grid import', unit: 'Wh', deviceClass: 'energy', stateClass: 'total_increasing' },
  { key: 'gridExportWh', name: 'Grid export', unit: 'Wh', deviceClass: 'energy', stateClass: 'total_increasing' },
  { key: 'importLimitW', name: 'Grid import limit', unit: 'W', deviceClass: 'power' },
  { key: 'controllableLimitW', name: 'Grid operator limit (§14a)', unit: 'W', deviceClass: 'power' },
  { key: 'limitBanner', name: 'Grid limit' },
  { key: 'failsafe', name: 'Failsafe', deviceClass: 'problem', component: 'binary_sensor' },
];

export interface DiscoveryMessage {
  readonly topic: string;
  readonly payload: string;
}

export function discoveryMessages(prefix: string, siteId: string, topics: SiteTopics, version: string): DiscoveryMessage[] {
  const node = `scale_hub_${siteId.replace(/[^a-z0-9_]/g, '_')}`;
  const device = { identifiers: [node], name: `SCALE Hub ${siteId}`, manufacturer: 'SCALE', model: 'SCALE Hub', sw_version: version };
  return sensors.map((s) => {
    const component = s.component ?? 'sensor';
    const config = {
      name: s.name,
      unique_id: `${node}_${s.key}`,
      object_id: `${node}_${s.key}`,
      state_topic: topics.telemetry,
      value_template:
        // A null renders as "None", which Home Assistant shows as unknown.
        component === 'binary_sensor' ? `{{ 'ON' if value_json.${s.key} else 'OFF' }}` : `{{ value_json.${s.key} }}`,
      availability_topic: topics.status,
      payload_available: 'online',
      payload_not_available: 'offline',
      device,
      ...(s.unit !== undefined ? { unit_of_measurement: s.unit } : {}),
      ...(s.deviceClass !== undefined ? { device_class: s.deviceClass } : {}),
      ...(s.stateClass !== undefined ? { state_class: s.stateClass } : {}),
    };
    return { topic: `${prefix}/${component}/${node}/${s.key}/config`, payload: JSON.stringify(config) };
  });
}
