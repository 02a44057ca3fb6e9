/**
 * The hub's one config file (JSON), validated at load. An error names the key
 * and the expected form, e.g. `site.fuseA: expected a number >= 6`. The file
 * carries a version so that later formats can migrate older files.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HubError } from '../common/errors.js';
import { carModes, readyByPattern } from '../common/car.js';
import { deviceRoles } from '../common/snapshot.js';
import { ocppHubConfigSchema } from '../../drivers/ocpp/ocpp-hub-config.js';
import { simChargerKinds } from '../../drivers/sim/ocpp-sim-charger.js';
import { signalsConfigSchema } from '../signals/signals-config.js';
import { tariffConfigSchema } from '../tariffs/tariff-config.js';
import { optimiserConfigSchema } from '../optimiser/config.js';

export const configVersion = 1;

const deviceEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _, at most 40 characters'),
    role: z.enum(deviceRoles),
    type: z.string().min(1),
  })
  .loose();

const simulation = z
  .object({
    enabled: z.boolean().default(false),
    seed: z.number().int().default(1),
    latitudeDeg: z.number().min(-90).max(90).default(52.09),
    longitudeDeg: z.number().min(-180).max(180).default(5.12),
    pvKwp: z.number().min(0).max(100).default(6),
    /** The simulated charger: the Quasar on Modbus, or an OCPP station of that version. */
    charger: z.enum(simChargerKinds).default('quasar'),
    /** Start the simulated clock here (ISO 8601); default now. */
    startIso: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const hubConfigSchema = z
  .object({
    version: z.literal(configVersion),
    site: z
      .object({
        fuseA: z.number().min(6).max(400).default(25),
        phases: z.union([z.literal(1), z.literal(3)]).default(3),
        voltageV: z.number().min(100).max(260).default(230),
        /** Largest export allowed at the connection (W); null for none. */
        exportLimitW: z.number().min(0).nullable().default(null),
        /** IANA time zone of the site: departure times, tariff periods, daily peaks. */
        timeZone: z
          .string()
          .refine((tz) => isTimeZone(tz), 'expected an IANA time zone such as "Europe/Amsterdam"')
          .default('Europe/Amsterdam'),
      })
      .strict()
      .prefault({}),
    battery: z
      .object({ reserveSocPct: z.number().min(0).max(100).default(10) })
      .strict()
      .prefault({}),
    car: z
      .object({
        mode: z.enum(carModes).default('smart'),
        minSocPct: z.number().int().min(0).max(100).default(30),
        targetSocPct: z.number().int().min(0).max(100).default(80),
        readyBy: z.string().regex(readyByPattern, 'expected a time "HH:MM"').nullable().default('07:30'),
        v2h: z.boolean().default(false),
        v2g: z.boolean().default(false),
        /** Usable battery capacity of the car (Wh), for SoC estimates and plans. */
        capacityWh: z.number().min(5_000).max(250_000).default(60_000),
        /** Smallest power the charger holds (W); solar mode pauses below it. */
        minChargeW: z.number().min(0).max(50_000).default(1400),
        /** Used when the charger does not report its maximum (W). */
        maxChargeW: z.number().min(0).max(350_000).default(7400),
      })
      .strict()
      .prefault({}),
    api: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
      })
      .strict()
      .prefault({}),
    control: z
      .object({ staleAfterMs: z.number().int().min(1000).max(60_000).default(5000) })
      .strict()
      .prefault({}),
    devices: z.array(deviceEntry).default([]),
    simulation: simulation.prefault({}),
    /** The OCPP charging station manager (drivers/ocpp): port, TLS, local authorisation list. */
    ocpp: ocppHubConfigSchema.prefault({}),
    /** Tariff preset and day-ahead price sources (main/tariffs). */
    tariff: tariffConfigSchema.prefault({}),
    /** Utility signals: MQTT, OpenADR 3, §14a (main/signals). */
    signals: signalsConfigSchema.prefault({}),
    /** Planning horizon, solver budget, fallback price, PV arrays, external forecasts (main/optimiser). */
    optimiser: optimiserConfigSchema.prefault({}),
  })
  .strict();

export type HubConfig = z.infer<typeof hubConfigSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export type DeviceEntry = z.infer<typeof deviceEntry>;

/** Validates a parsed config object; throws a HubError that lists every problem with its key. */
export function parseConfig(raw: unknown, source = 'config'): HubConfig {
  const result = hubConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`);
  throw new HubError('config_invalid', `${source} is not valid:\n  ${problems.join('\n  ')}`);
}

export function loadConfigFile(file: string): HubConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new HubError('config_invalid', `cannot read config file ${file}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new HubError('config_invalid', `config file ${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseConfig(raw, `config file ${file}`);
}

/** The embedded simulated home: what `npm start` runs with no config file. */
export function simulatedHomeConfig(): HubConfig {
  return parseConfig({ version: configVersion, simulation: { enabled: true } }, 'built-in simulated home config');
}
