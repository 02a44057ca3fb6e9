/** The shipped register templates, validated at load (see templates/README.md). */
import em24 from './templates/carlo-gavazzi-em24.json' with { type: 'json' };
import sdm630 from './templates/eastron-sdm630.json' with { type: 'json' };
import { registerTemplateSchema } from './template-schema.js';
import type { RegisterTemplate } from './template-schema.js';

const shipped: readonly unknown[] = [sdm630, em24];

export const registerTemplates: ReadonlyMap<string, RegisterTemplate> = new Map(
  shipped.map((json, i) => {
    const parsed = registerTemplateSchema.safeParse(json);
    if (!parsed.success) throw new Error(`invalid Modbus meter template #${i}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return [parsed.data.template, parsed.data] as const;
  }),
);

/** Template names a config may use: the register templates and the SunSpec meter models. */
export const templateNames: readonly string[] = [...registerTemplates.keys(), 'sunspec-meter'];
