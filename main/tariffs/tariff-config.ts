/**
 * The `tariff` section of the hub config: which preset, its parameters (every
 * rate can be overridden, so next year's figures are a config change), and
 * where day-ahead prices come from. Everything works offline: prices can be
 * files, pushed by a utility (MQTT/OpenADR) or fetched when a fetch is set.
 */
import { z } from 'zod';
import { beFlandersParams } from './presets/be-flanders.js';
import { customParams } from './presets/custom.js';
import { deParams } from './presets/de.js';
import { frParams } from './presets/fr.js';
import { huGrossParams } from './presets/hu-gross.js';
import { nlDynamicParams } from './presets/nl-dynamic.js';
import { noElviaParams } from './presets/no-elvia.js';
import { seGoteborgParams } from './presets/se-goteborg.js';

const fetchConfig = z.discriminatedUnion('provider', [
  z
    .object({
      provider: z.literal('entsoe'),
      /** Security token of the Transparency Platform account. */
      token: z.string().min(1),
      /** EIC code of the bidding zone, e.g. "10YNL----------L". */
      area: z.string().min(1),
      baseUrl: z.url().default('https://web-api.tp.entsoe.eu/api'),
    })
    .strict(),
  z
    .object({
      provider: z.literal('nordpool'),
      /** Delivery area, e.g. "NO1", "SE3". */
      area: z.string().min(1),
      currency: z.enum(['EUR', 'NOK', 'SEK']).default('EUR'),
      baseUrl: z.url().default('https://dataportal-api.nordpoolgroup.com/api/DayAheadPrices'),
    })
    .strict(),
]);

const dayAhead = z
  .object({
    /** Price documents read at start (ENTSO-E XML, Nord Pool JSON, CSV). */
    files: z.array(z.string().min(1)).default([]),
    /** Nord Pool area or CSV column to read from multi-area documents. */
    area: z.string().optional(),
    /** Site currency per unit of the document's currency, e.g. { "EUR": 11.6 } for NOK prices from ENTSO-E. */
    exchangeRates: z.record(z.string(), z.number().positive()).default({}),
    /** Optional network fetch, once after start and then daily after 13:00 CET. */
    fetch: fetchConfig.nullable().default(null),
    /** Used for slots without any known or forecast day-ahead price (site currency/kWh excl. taxes). */
    fallbackPerKWh: z.number().min(-1).max(10_000).default(0.1),
  })
  .strict();

const common = {
  dayAhead: dayAhead.prefault({}),
  /** How far the schedule reaches at most (h). Fixed tariffs always fill it; dynamic ones up to known prices, extended by a forecast to 24 h. */
  horizonH: z.number().int().min(6).max(96).default(48),
};

const presets = z.discriminatedUnion('preset', [
  z.object({ preset: z.literal('none'), ...common }).strict(),
  z.object({ preset: z.literal('custom'), params: customParams, ...common }).strict(),
  z.object({ preset: z.literal('nl-dynamic'), params: nlDynamicParams.prefault({}), ...common }).strict(),
  z.object({ preset: z.literal('be-flanders'), params: beFlandersParams.prefault({}), ...common }).strict(),
  z.object({ preset: z.literal('no-elvia'), params: noElviaParams.prefault({}), ...common }).strict(),
  z.object({ preset: z.literal('se-goteborg'), params: seGoteborgParams.prefault({}), ...common }).strict(),
  z.object({ preset: z.literal('de'), params: deParams.prefault({}), ...common }).strict(),
  z.object({ preset: z.literal('fr'), params: frParams.prefault({}), ...common }).strict(),
  z.object({ preset: z.literal('hu-gross'), params: huGrossParams.prefault({}), ...common }).strict(),
]);

/** `tariff` in the hub config; without `preset` there is no tariff (utility price curves still make one). */
export const tariffConfigSchema = z.preprocess(
  (v) => (typeof v === 'object' && v !== null && !('preset' in v) ? { ...v, preset: 'none' } : v),
  presets,
);
export type TariffConfig = z.infer<typeof presets>;
export type PresetConfig = TariffConfig;
