/**
 * What the wizard offers: every driver type of drivers/registry.ts with the
 * fields of its zod config schema (so the forms and their validation come
 * from the drivers themselves), the tariff presets of main/tariffs, and what
 * a scan tries.
 */
import { z } from 'zod';
import { drivers } from '../../drivers/registry.js';
import type { DriverInfo, FieldKind, FieldSpec, InstallerCatalog, ProbeMode, TariffPresetChoice } from '../common/installer.js';
import { createPreset } from '../tariffs/presets/registry.js';
import { tariffConfigSchema } from '../tariffs/tariff-config.js';
import { defaultScanPorts } from './scan-ports.js';

/** Keys shown without "More settings". */
const commonKeys = new Set(['host', 'port', 'unitId', 'path', 'key', 'authKey', 'url', 'username', 'password', 'stationId', 'template', 'capacityWh', 'baudRate']);
const secretKey = /key$|password|token/i;

/** Chargers that take remote control when started are never started by the wizard; it reads their status instead. */
const probeModes: Readonly<Record<string, ProbeMode>> = { quasar: 'status', ocpp: 'connects-to-hub' };

interface JsonSchema {
  readonly type?: string;
  readonly enum?: readonly (string | number)[];
  readonly const?: string | number;
  readonly anyOf?: readonly JsonSchema[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
}

function fieldOf(key: string, s: JsonSchema, required: boolean): FieldSpec | null {
  const base = { key, required, common: commonKeys.has(key) || required };
  const dflt = typeof s.default === 'string' || typeof s.default === 'number' || typeof s.default === 'boolean' ? { defaultValue: s.default } : {};
  const range = { ...(s.minimum !== undefined ? { min: s.minimum } : s.exclusiveMinimum !== undefined ? { min: s.exclusiveMinimum } : {}), ...(s.maximum !== undefined ? { max: s.maximum } : {}) };
  if (s.enum !== undefined) return { ...base, ...dflt, kind: 'enum', options: s.enum };
  if (s.anyOf !== undefined && s.anyOf.every((o) => o.const !== undefined)) return { ...base, ...dflt, kind: 'enum', options: s.anyOf.map((o) => o.const as string | number) };
  const kinds: Readonly<Record<string, FieldKind>> = { string: secretKey.test(key) ? 'secret' : 'string', integer: 'integer', number: 'number', boolean: 'boolean' };
  const kind = s.type === undefined ? undefined : kinds[s.type];
  return kind === undefined ? null : { ...base, ...dflt, ...range, kind };
}

export function driverInfos(): DriverInfo[] {
  return drivers.map((d) => {
    let schema: JsonSchema = {};
    try {
      schema = z.toJSONSchema(d.configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    } catch {
      // A schema zod cannot describe: the type is still offered, its settings come from the config file.
    }
    const required = new Set(schema.required ?? []);
    const fields: FieldSpec[] = [];
    const advancedKeys: string[] = [];
    for (const [key, s] of Object.entries(schema.properties ?? {})) {
      const f = fieldOf(key, s, required.has(key));
      if (f === null) advancedKeys.push(key);
      else fields.push(f);
    }
    fields.sort((a, b) => Number(b.common) - Number(a.common));
    return { type: d.type, description: d.description, roles: d.roles, fields, probe: probeModes[d.type] ?? 'read', advancedKeys };
  });
}

/** Preset ids from the tariff config schema (a discriminated union on `preset`), each with its name from main/tariffs. */
export function tariffPresets(timeZone: string): TariffPresetChoice[] | null {
  const union = (tariffConfigSchema as unknown as { out?: { options?: readonly { shape?: { preset?: { value?: unknown } } }[] } }).out;
  const ids = (union?.options ?? []).map((o) => o.shape?.preset?.value).filter((v): v is string => typeof v === 'string');
  if (ids.length === 0) return null;
  const out: TariffPresetChoice[] = [];
  for (const id of ids) {
    if (id === 'none') {
      out.push({ id, name: 'none', country: '', currency: '' });
      continue;
    }
    const parsed = tariffConfigSchema.safeParse({ preset: id });
    if (!parsed.success) continue; // needs parameters the wizard cannot ask (custom): set in the config file
    const preset = createPreset(parsed.data, timeZone);
    if (preset !== null) out.push({ id, name: preset.info.name, country: preset.info.country, currency: preset.info.currency });
  }
  return out;
}

function europeanTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone').filter((z) => z.startsWith('Europe/'));
  } catch {
    return ['Europe/Amsterdam', 'Europe/Berlin', 'Europe/Brussels', 'Europe/Budapest', 'Europe/Oslo', 'Europe/Paris', 'Europe/Stockholm'];
  }
}

export function buildCatalog(timeZone: string, suggestedTargets: readonly string[]): InstallerCatalog {
  return {
    drivers: driverInfos(),
    tariffPresets: tariffPresets(timeZone),
    scan: { modbusPorts: defaultScanPorts.modbus, streamPorts: defaultScanPorts.stream, suggestedTargets },
    timeZones: europeanTimeZones(),
  };
}
