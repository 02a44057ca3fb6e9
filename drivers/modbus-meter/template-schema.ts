/**
 * The form of a Modbus meter template (templates/README.md), validated when
 * the module loads so a broken template fails at start with its name.
 */
import { z } from 'zod';

export const meterValueNames = [
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
export type MeterValueName = (typeof meterValueNames)[number];

export const registerTypes = ['int16', 'uint16', 'int32', 'uint32', 'float32'] as const;
export type RegisterType = (typeof registerTypes)[number];

export interface RegisterValue {
  readonly address: number;
  readonly type: RegisterType;
  readonly wordOrder: 'msw' | 'lsw';
  readonly scale: number;
  readonly invert: boolean;
}

export interface RegisterTemplate {
  readonly template: string;
  readonly description: string;
  readonly function: 'holding' | 'input';
  readonly values: Partial<Record<MeterValueName, RegisterValue>>;
}

const valueSchema = z.strictObject({
  address: z.number().int().min(0).max(65534),
  type: z.enum(registerTypes),
  wordOrder: z.enum(['msw', 'lsw']).default('msw'),
  scale: z.number().positive().default(1),
  invert: z.boolean().default(false),
});

export const registerTemplateSchema: z.ZodType<RegisterTemplate> = z.object({
  template: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string(),
  function: z.enum(['holding', 'input']),
  values: z.partialRecord(z.enum(meterValueNames), valueSchema).refine((v) => v.powerW !== undefined || v.powerImportW !== undefined, 'a template needs powerW or powerImportW'),
});

export const registerWidth: Readonly<Record<RegisterType, number>> = { int16: 1, uint16: 1, int32: 2, uint32: 2, float32: 2 };
