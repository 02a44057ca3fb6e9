/**
 * Configuration of the generic MQTT meter: one entry per value, each with
 * its topic, an optional JSON path into the payload (a plain number payload
 * needs none), the unit the device publishes in and whether to flip the sign
 * (devices disagree on which way is positive).
 */
import { z } from 'zod';
import { parseJsonPath } from './json-path.js';

export const mqttMeterFields = [
  'powerW',
  'powerImportW',
  'powerExportW',
  'energyImportWh',
  'energyExportWh',
  'l1.powerW',
  'l2.powerW',
  'l3.powerW',
  'l1.currentA',
  'l2.currentA',
  'l3.currentA',
  'l1.voltageV',
  'l2.voltageV',
  'l3.voltageV',
] as const;
export type MqttMeterField = (typeof mqttMeterFields)[number];

/** Units accepted per kind of value, with their factor to ours (W, Wh, A, V). */
export const mqttUnits = { W: 1, kW: 1000, Wh: 1, kWh: 1000, MWh: 1_000_000, A: 1, mA: 0.001, V: 1 } as const;
export type MqttUnit = keyof typeof mqttUnits;
const unitsOf = (field: MqttMeterField): readonly MqttUnit[] =>
  field.endsWith('Wh') ? ['Wh', 'kWh', 'MWh'] : field.endsWith('W') ? ['W', 'kW'] : field.endsWith('A') ? ['A', 'mA'] : ['V'];

export interface MqttValueConfig {
  readonly topic: string;
  /** JSON path into the payload, e.g. "ENERGY.Power" or "$.em[0].power"; absent: the payload is a number. */
  readonly path?: string;
  /** Unit the device publishes in; default our unit (W, Wh, A, V). */
  readonly unit?: MqttUnit;
  /** Flip the sign (e.g. a meter that publishes export as positive). */
  readonly invert?: boolean;
}

export interface MqttMeterConfig {
  /** mqtt://host:1883 or mqtts://... */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly values: Partial<Record<MqttMeterField, MqttValueConfig>>;
  readonly staleAfterMs?: number;
}

const valueSchema = z.strictObject({
  topic: z.string().min(1).refine((t) => !/[#+]/.test(t), 'a topic without wildcards'),
  path: z
    .string()
    .refine((p) => parseJsonPath(p) !== null, 'a JSON path like "ENERGY.Power" or "$.em[0].power"')
    .optional(),
  unit: z.enum(Object.keys(mqttUnits) as [MqttUnit, ...MqttUnit[]]).optional(),
  invert: z.boolean().optional(),
});

export const mqttMeterConfigSchema: z.ZodType<MqttMeterConfig> = z.strictObject({
  url: z.string().regex(/^mqtts?:\/\/[^/\s]+/, 'expected mqtt://host:port or mqtts://host:port'),
  username: z.string().optional(),
  password: z.string().optional(),
  values: z
    .partialRecord(z.enum(mqttMeterFields), valueSchema)
    .superRefine((values, ctx) => {
      if (values.powerW === undefined && values.powerImportW === undefined) ctx.addIssue({ code: 'custom', message: 'needs powerW (signed) or powerImportW/powerExportW' });
      if (values.powerW !== undefined && (values.powerImportW !== undefined || values.powerExportW !== undefined)) ctx.addIssue({ code: 'custom', message: 'powerW and powerImportW/powerExportW exclude each other' });
      for (const [field, v] of Object.entries(values)) {
        if (v?.unit !== undefined && !unitsOf(field as MqttMeterField).includes(v.unit)) ctx.addIssue({ code: 'custom', path: [field, 'unit'], message: `expected one of ${unitsOf(field as MqttMeterField).join(', ')}` });
      }
    }),
  staleAfterMs: z.number().int().min(1000).max(600_000).optional(),
});
