/**
 * The commissioning flow: typed steps with error codes, after Home
 * Assistant's config flows. Each submission is checked by its step; the
 * answer is the next step, or the same step with `errors` (field -> code,
 * "base" for the step). A step already done can be submitted again
 * (going back); a later one cannot (step_order).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { findDriver } from '../../drivers/registry.js';
import { HubError, describeError } from '../common/errors.js';
import type { DeviceRole } from '../common/snapshot.js';
import { deviceRoles } from '../common/snapshot.js';
import { wizardSteps } from '../common/installer.js';
import type {
  BatteryCarInput,
  ConnectionInput,
  DeviceSettings,
  DevicesInput,
  FlowData,
  FlowView,
  SaveResult,
  SiteInput,
  StepErrors,
  StepSubmission,
  TariffPresetChoice,
  WizardStep,
} from '../common/installer.js';
import { configVersion, hubConfigSchema } from '../hub/config.js';
import type { DeviceEntry, HubConfig } from '../hub/config.js';
import type { CommissioningStore, ReportData, ReportDevice } from './commissioning-store.js';
import { checkConfig, writeConfigAtomically } from './config-file.js';
import { connectionKey, endpointText } from './entries.js';
import type { ProbeSession, ProbeTarget } from './probe.js';
import type { SignCheck } from './sign-check.js';

export const roleIds: Readonly<Record<DeviceRole, string>> = { grid: 'meter', pv: 'inverter', battery: 'battery', charger: 'wallbox' };

export interface FlowDeps {
  /** The config the hub runs with. */
  readonly config: HubConfig;
  /** Where a save goes. */
  readonly configFile: string;
  /** The file as it is now (raw JSON), or a minimal base when there is none yet. */
  readonly baseRaw: () => Promise<Record<string, unknown>>;
  /** Entries the hub runs, and those of them the simulated home provides itself. */
  readonly running: readonly DeviceEntry[];
  readonly simulated: readonly DeviceEntry[];
  readonly probe: ProbeSession;
  readonly signCheck: SignCheck;
  readonly presets: readonly TariffPresetChoice[] | null;
  readonly store: CommissioningStore;
  readonly hubVersion: string;
  /** Real time. */
  readonly now: () => number;
}

const order = (s: WizardStep): number => wizardSteps.indexOf(s);

function zodErrors(issues: readonly z.core.$ZodIssue[], prefix: string[] = []): Record<string, { code: 'required' | 'invalid'; detail: string }> {
  const out: Record<string, { code: 'required' | 'invalid'; detail: string }> = {};
  for (const i of issues) {
    const key = [...prefix, ...i.path.map(String)].join('.') || 'base';
    const missing = i.code === 'invalid_type' && /received undefined/.test(i.message);
    out[key] ??= { code: missing ? 'required' : 'invalid', detail: `${key}: ${i.message}` };
  }
  return out;
}

/** Drops empty values: an optional field left blank means "the driver's default". */
function clean(settings: DeviceSettings | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(settings ?? {})) if (v !== null && v !== '') out[k] = v;
  return out;
}

export class InstallerFlow {
  readonly flowId = randomUUID();
  private step: WizardStep = 'devices';
  private readonly completed = new Set<WizardStep>();
  private errors: StepErrors = {};
  private data: FlowData;
  private saved: SaveResult | null = null;
  private readonly deps: FlowDeps;
  readonly reconfigure: boolean;

  /** `saved`: the config file as saved (reconfigure starts from it; before a restart it is newer than what runs). */
  constructor(deps: FlowDeps, reconfigure: boolean, saved: HubConfig | null = null) {
    this.deps = deps;
    this.reconfigure = reconfigure;
    const entries = !reconfigure ? deps.simulated : saved === null ? deps.running : [...deps.simulated, ...saved.devices];
    this.data = initialData(reconfigure && saved !== null ? saved : deps.config, entries);
  }

  view(): FlowView {
    return {
      flowId: this.flowId,
      step: this.step,
      reconfigure: this.reconfigure,
      completed: wizardSteps.filter((s) => this.completed.has(s)),
      errors: this.errors,
      data: this.data,
      probe: this.deps.probe.view(),
      signCheck: this.deps.signCheck.view(),
      saved: this.saved,
    };
  }

  async submit(sub: StepSubmission): Promise<FlowView> {
    const reachable = this.completed.has(sub.step) || sub.step === this.step;
    if (!reachable || this.step === 'done') {
      this.errors = { base: { code: 'step_order', detail: `step "${sub.step}" cannot be submitted now; the flow is at "${this.step}"` } };
      return this.view();
    }
    this.errors = {};
    const errors = await this.handle(sub);
    if (errors !== null && Object.keys(errors).length > 0) {
      this.errors = errors;
      this.step = sub.step;
      return this.view();
    }
    return this.view();
  }

  private advance(from: WizardStep): void {
    this.completed.add(from);
    const next = wizardSteps[order(from) + 1];
    if (next !== undefined) this.step = next;
  }

  private async handle(sub: StepSubmission): Promise<StepErrors | null> {
    switch (sub.step) {
      case 'devices':
        return this.devices(sub.input);
      case 'scan':
        this.advance('scan');
        return null;
      case 'connection':
        return this.connection(sub.input);
      case 'probe':
        return this.probeStep(sub.input.retry === true);
      case 'sign_check':
        return this.signCheckStep(sub.input.skip === true);
      case 'site':
        return this.site(sub.input);
      case 'battery_car':
        return this.batteryCar(sub.input);
      case 'tariff':
        return this.tariff(sub.input.preset);
      case 'summary':
        return this.save();
    }
  }

  private devices(input: DevicesInput): StepErrors | null {
    const errors: Record<string, { code: 'grid_required' | 'unknown_type' | 'wrong_role' }> = {};
    for (const role of deviceRoles) {
      const type = input[role];
      if (type === null || type === '') {
        if (role === 'grid') errors.grid = { code: 'grid_required' };
        continue;
      }
      const driver = findDriver(type);
      if (driver === undefined) errors[role] = { code: 'unknown_type' };
      else if (!driver.roles.includes(role)) errors[role] = { code: 'wrong_role' };
    }
    if (Object.keys(errors).length > 0) return errors;
    // Settings typed for another device type do not carry over.
    const kept: Partial<Record<DeviceRole, DeviceSettings>> = {};
    for (const role of deviceRoles) {
      const before = this.data.devices?.[role];
      const settings = this.data.connection?.devices[role];
      if (input[role] !== null && settings !== undefined && before === input[role]) kept[role] = settings;
    }
    this.data = { ...this.data, devices: { ...input, grid: input.grid }, connection: { devices: kept } };
    this.advance('devices');
    return null;
  }

  private chosen(): { role: DeviceRole; type: string }[] {
    const d = this.data.devices;
    if (d === undefined) return [];
    return deviceRoles.flatMap((role) => {
      const type = d[role];
      return type === null || type === '' ? [] : [{ role, type }];
    });
  }

  private connection(input: ConnectionInput): StepErrors | null {
    const errors: Record<string, { code: 'required' | 'invalid' | 'already_configured'; detail?: string }> = {};
    const cleaned: Partial<Record<DeviceRole, DeviceSettings>> = {};
    const keys = new Map<string, DeviceRole>();
    for (const { role, type } of this.chosen()) {
      const driver = findDriver(type);
      if (driver === undefined) continue;
      const settings = clean(input.devices[role]);
      const parsed = driver.configSchema.safeParse(settings);
      if (!parsed.success) {
        Object.assign(errors, zodErrors(parsed.error.issues, [role]));
        continue;
      }
      cleaned[role] = settings;
      const key = connectionKey(type, settings);
      const other = keys.get(key);
      // One device connection cannot fill two roles (Home Assistant: abort, already configured).
      if (other !== undefined) errors[role] = { code: 'already_configured', detail: `${role}: ${endpointText(type, settings)} is already the ${other} device` };
      keys.set(key, role);
    }
    this.data = { ...this.data, connection: { devices: { ...input.devices } } };
    if (Object.keys(errors).length > 0) return errors;
    this.data = { ...this.data, connection: { devices: cleaned } };
    this.advance('connection');
    this.deps.signCheck.reset();
    this.startProbes();
    return null;
  }

  private startProbes(): void {
    const targets: ProbeTarget[] = this.chosen().map(({ role, type }) => ({ role, type, settings: this.data.connection?.devices[role] ?? {} }));
    void this.deps.probe.start(targets);
  }

  private probeStep(retry: boolean): StepErrors | null {
    if (retry) {
      this.startProbes();
      return null;
    }
    if (this.deps.probe.running()) return { base: { code: 'probe_running' } };
    const errors: Record<string, NonNullable<ReturnType<ProbeSession['view']>[number]['error']>> = {};
    for (const p of this.deps.probe.view()) {
      if (p.state === 'failed' && p.error !== null && p.error.code !== 'probe_unsupported') errors[p.role] = p.error;
    }
    if (Object.keys(errors).length > 0) return errors;
    this.advance('probe');
    return null;
  }

  private signCheckStep(skip: boolean): StepErrors | null {
    const check = this.deps.signCheck;
    if (skip) {
      check.skip();
      this.advance('sign_check');
      return null;
    }
    const v = check.view();
    if (v.state === 'passed' || v.state === 'skipped') {
      this.advance('sign_check');
      return null;
    }
    if (v.state === 'baseline' || v.state === 'waiting') return { base: { code: 'check_running' } };
    if (v.state === 'failed' && v.error !== null) return { base: v.error };
    return { base: { code: 'check_required' } };
  }

  private site(input: SiteInput): StepErrors | null {
    const parsed = hubConfigSchema.safeParse({ version: configVersion, site: input });
    if (!parsed.success) return zodErrors(parsed.error.issues);
    this.data = { ...this.data, site: input };
    this.advance('site');
    return null;
  }

  private batteryCar(input: BatteryCarInput): StepErrors | null {
    const parsed = hubConfigSchema.safeParse({ version: configVersion, battery: { reserveSocPct: input.reserveSocPct }, car: input.car });
    if (!parsed.success) return zodErrors(parsed.error.issues);
    if (input.car.targetSocPct < input.car.minSocPct) return { 'car.targetSocPct': { code: 'invalid', detail: 'car.targetSocPct: must not be below car.minSocPct' } };
    if (input.car.minChargeW > input.car.maxChargeW) return { 'car.minChargeW': { code: 'invalid', detail: 'car.minChargeW: must not be above car.maxChargeW' } };
    this.data = { ...this.data, batteryCar: input };
    this.advance('battery_car');
    return null;
  }

  private tariff(preset: string): StepErrors | null {
    const presets = this.deps.presets;
    if (presets !== null && !presets.some((p) => p.id === preset)) return { preset: { code: 'unknown_preset', detail: `preset: one of ${presets.map((p) => p.id).join(', ')}` } };
    this.data = { ...this.data, tariff: { preset } };
    this.advance('tariff');
    return null;
  }

  private async save(): Promise<StepErrors | null> {
    for (const s of ['devices', 'connection', 'probe', 'sign_check', 'site', 'battery_car', 'tariff'] as const) {
      if (!this.completed.has(s)) return { base: { code: 'step_order', detail: `step "${s}" is not done yet` } };
    }
    const { site, batteryCar, tariff } = this.data;
    if (site === undefined || batteryCar === undefined || tariff === undefined) return { base: { code: 'step_order' } };
    const base = await this.deps.baseRaw();
    const entries: Record<string, unknown>[] = [];
    const simulatedDevices: string[] = [];
    const simulatedKeys = new Set(this.deps.simulated.map((e) => connectionKey(e.type, e)));
    const baseDevices = Array.isArray(base.devices) ? (base.devices as Record<string, unknown>[]) : [];
    for (const { role, type } of this.chosen()) {
      const settings = this.data.connection?.devices[role] ?? {};
      const id = roleIds[role];
      if (simulatedKeys.has(connectionKey(type, settings))) {
        // The simulated home adds its own devices at start: writing them too would give a role twice.
        simulatedDevices.push(id);
        continue;
      }
      // Keys the wizard does not edit (nested settings such as MQTT topics) are kept from the file.
      const before = baseDevices.find((d) => d.role === role && d.type === type) ?? {};
      const { id: _i, role: _r, type: _t, ...kept } = before;
      entries.push({ id, role, type, ...kept, ...settings });
    }
    const oldTariff = typeof base.tariff === 'object' && base.tariff !== null ? (base.tariff as Record<string, unknown>) : {};
    const raw: Record<string, unknown> = {
      ...base,
      version: configVersion,
      site: { ...(base.site as object | undefined), ...site },
      battery: { ...(base.battery as object | undefined), reserveSocPct: batteryCar.reserveSocPct },
      car: { ...(base.car as object | undefined), ...batteryCar.car },
      tariff: oldTariff.preset === tariff.preset ? oldTariff : { ...(oldTariff.dayAhead === undefined ? {} : { dayAhead: oldTariff.dayAhead }), preset: tariff.preset },
      devices: entries,
    };
    try {
      checkConfig(raw);
      entries.forEach((e, i) => checkDevice(e, i));
    } catch (err) {
      return { base: { code: 'config_invalid', detail: describeError(err) } };
    }
    const revision = this.deps.store.nextRevision();
    const savedMs = this.deps.now();
    try {
      await writeConfigAtomically(this.deps.configFile, raw);
    } catch (err) {
      return { base: { code: 'write_failed', detail: describeError(err) } };
    }
    const report = this.report(revision, savedMs);
    this.deps.store.add(report, raw);
    this.saved = { revision, configFile: this.deps.configFile, savedMs, restartRequired: true, simulatedDevices };
    this.advance('summary');
    await this.deps.probe.close();
    return null;
  }

  private report(revision: number, savedMs: number): ReportData {
    const probes = this.deps.probe.view();
    const devices: ReportDevice[] = this.chosen().map(({ role, type }) => {
      const settings = this.data.connection?.devices[role] ?? {};
      const p = probes.find((x) => x.role === role);
      return {
        role,
        type,
        id: roleIds[role],
        endpoint: endpointText(type, settings),
        identity: p?.identity ?? null,
        probe: p === undefined ? null : { state: p.state, source: p.source, readings: p.readings, error: p.error },
      };
    });
    const preset = this.data.tariff?.preset ?? 'none';
    return {
      revision,
      savedMs,
      configFile: this.deps.configFile,
      hubVersion: this.deps.hubVersion,
      simulated: this.deps.config.simulation.enabled,
      site: this.data.site as SiteInput,
      batteryCar: this.data.batteryCar as BatteryCarInput,
      tariff: { preset, name: this.deps.presets?.find((p) => p.id === preset)?.name ?? null },
      devices,
      signCheck: this.deps.signCheck.view(),
    };
  }
}

/** Each device entry against its driver's schema, naming the key as the hub would at start. */
function checkDevice(entry: Record<string, unknown>, index: number): void {
  const { id: _id, role, type, ...rest } = entry;
  const driver = findDriver(String(type));
  if (driver === undefined) throw new HubError('config_invalid', `devices[${index}].type: unknown driver "${String(type)}"`);
  if (!driver.roles.includes(role as DeviceRole)) throw new HubError('config_invalid', `devices[${index}].role: driver "${String(type)}" cannot be ${String(role)}`);
  const parsed = driver.configSchema.safeParse(rest);
  if (!parsed.success) throw new HubError('config_invalid', parsed.error.issues.map((i) => `devices[${index}].${i.path.join('.')}: ${i.message}`).join('; '));
}

/** What the wizard starts from: the running config's values, and its devices when reconfiguring (or the simulated ones). */
function initialData(config: HubConfig, entries: readonly DeviceEntry[]): FlowData {
  const byRole = (role: DeviceRole): DeviceEntry | undefined => entries.find((e) => e.role === role);
  const devices: DevicesInput = { grid: byRole('grid')?.type ?? '', pv: byRole('pv')?.type ?? null, battery: byRole('battery')?.type ?? null, charger: byRole('charger')?.type ?? null };
  const connection: Partial<Record<DeviceRole, DeviceSettings>> = {};
  for (const role of deviceRoles) {
    const e = byRole(role);
    if (e === undefined) continue;
    const { id: _id, role: _role, type: _type, ...rest } = e;
    const flat: Record<string, string | number | boolean | null> = {};
    for (const [k, v] of Object.entries(rest)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) flat[k] = v;
    connection[role] = flat;
  }
  const { mode, capacityWh, minChargeW, maxChargeW, minSocPct, targetSocPct, readyBy, v2h, v2g } = config.car;
  return {
    ...(entries.length > 0 ? { devices, connection: { devices: connection } } : {}),
    site: { phases: config.site.phases, fuseA: config.site.fuseA, voltageV: config.site.voltageV, exportLimitW: config.site.exportLimitW, timeZone: config.site.timeZone },
    batteryCar: { reserveSocPct: config.battery.reserveSocPct, car: { mode, capacityWh, minChargeW, maxChargeW, minSocPct, targetSocPct, readyBy, v2h, v2g } },
    tariff: { preset: config.tariff.preset },
  };
}
