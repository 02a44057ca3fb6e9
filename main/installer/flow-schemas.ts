/** Shapes of the wizard's requests (the meaning of each value is checked by the step, with error codes). */
import { z } from 'zod';
import { reportLanguages } from '../common/installer.js';

const settings = z.record(z.string().max(60), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]));
const empty = z.object({}).strict();

const steps = z.discriminatedUnion('step', [
  z.object({ step: z.literal('devices'), input: z.object({ grid: z.string().max(60), pv: z.string().max(60).nullable(), battery: z.string().max(60).nullable(), charger: z.string().max(60).nullable() }).strict() }).strict(),
  z.object({ step: z.literal('scan'), input: empty }).strict(),
  z
    .object({
      step: z.literal('connection'),
      input: z.object({ devices: z.object({ grid: settings.optional(), pv: settings.optional(), battery: settings.optional(), charger: settings.optional() }).strict() }).strict(),
    })
    .strict(),
  z.object({ step: z.literal('probe'), input: z.object({ retry: z.boolean().optional() }).strict() }).strict(),
  z.object({ step: z.literal('sign_check'), input: z.object({ skip: z.boolean().optional() }).strict() }).strict(),
  z
    .object({
      step: z.literal('site'),
      input: z.object({ phases: z.union([z.literal(1), z.literal(3)]), fuseA: z.number(), voltageV: z.number(), exportLimitW: z.number().nullable(), timeZone: z.string().max(60) }).strict(),
    })
    .strict(),
  z
    .object({
      step: z.literal('battery_car'),
      input: z
        .object({
          reserveSocPct: z.number(),
          car: z
            .object({
              mode: z.enum(['off', 'solar', 'smart', 'fast']),
              capacityWh: z.number(),
              minChargeW: z.number(),
              maxChargeW: z.number(),
              minSocPct: z.number(),
              targetSocPct: z.number(),
              readyBy: z.string().max(5).nullable(),
              v2h: z.boolean(),
              v2g: z.boolean(),
            })
            .strict(),
        })
        .strict(),
    })
    .strict(),
  z.object({ step: z.literal('tariff'), input: z.object({ preset: z.string().min(1).max(40) }).strict() }).strict(),
  z.object({ step: z.literal('summary'), input: empty }).strict(),
]);

export const flowSubmitBody = z.intersection(z.object({ flowId: z.string().min(1).max(60) }), steps);
export const flowStartBody = z.object({ reconfigure: z.boolean() }).strict();
export const scanBody = z.object({ targets: z.array(z.string().min(1).max(100)).min(1).max(8), ports: z.array(z.number().int().min(1).max(65535)).max(8).optional() }).strict();
export const signCheckBody = z.object({ action: z.enum(['start', 'cancel']) }).strict();
export const reportQuery = z.object({
  revision: z.coerce.number().int().positive().optional(),
  format: z.enum(['html', 'pdf']).default('html'),
  lang: z.enum(reportLanguages).default('en'),
});
