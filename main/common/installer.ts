/**
 * The commissioning wizard's contract (hub: main/installer, UI:
 * renderer/src/installer). Typed steps with error codes, after Home
 * Assistant's config flows: each step takes an input, answers with the next
 * step or with `errors` keyed by field ("base" for the whole step); the UI
 * keeps the user text for every code in its translations. Zod-free: the hub's
 * schemas are in main/installer/flow-schemas.ts.
 */
import type { ChargerState, DeviceRole } from './snapshot.js';

export const wizardSteps = ['devices', 'scan', 'connection', 'probe', 'sign_check', 'site', 'battery_car', 'tariff', 'summary', 'done'] as const;
export type WizardStep = (typeof wizardSteps)[number];

/** Every code a step can answer with; the UI translates each (installer.json, "error.<code>"). */
export const wizardErrorCodes = [
  'required',
  'invalid',
  'unknown_type',
  'wrong_role',
  'grid_required',
  'already_configured',
  'cannot_connect',
  'timeout',
  'not_sunspec',
  'no_data',
  'probe_unsupported',
  'probe_failed',
  'probe_running',
  'sign_inverted',
  'no_change',
  'meter_unavailable',
  'check_required',
  'check_running',
  'step_order',
  'unknown_preset',
  'config_invalid',
  'write_failed',
  'scan_running',
  'bad_target',
  'no_flow',
] as const;
export type WizardErrorCode = (typeof wizardErrorCodes)[number];

export interface StepError {
  readonly code: WizardErrorCode;
  /** The hub's own words (English, technical: the key and the expected form); shown under the translated text. */
  readonly detail?: string;
}

/** Field path -> error; "base" for the step as a whole (as in Home Assistant). */
export type StepErrors = Readonly<Record<string, StepError>>;

// ---- catalog: device types and their settings, from drivers/registry.ts ----

export type FieldKind = 'string' | 'secret' | 'integer' | 'number' | 'boolean' | 'enum';

export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly defaultValue?: string | number | boolean;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly (string | number)[];
  /** Shown by default; the others are behind "More settings". */
  readonly common: boolean;
}

/** How the wizard can look at a device of this type before saving. */
export type ProbeMode = 'read' | 'status' | 'connects-to-hub';

export interface DriverInfo {
  readonly type: string;
  readonly description: string;
  readonly roles: readonly DeviceRole[];
  readonly fields: readonly FieldSpec[];
  readonly probe: ProbeMode;
  /** Keys the driver takes that the wizard does not edit (nested settings): kept from the config file as they are. */
  readonly advancedKeys: readonly string[];
}

export interface TariffPresetChoice {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly currency: string;
}

export interface InstallerCatalog {
  readonly drivers: readonly DriverInfo[];
  /** Tariff presets of main/tariffs; null when the hub has none (then a free text, validated on save). */
  readonly tariffPresets: readonly TariffPresetChoice[] | null;
  /** What a scan tries by default. */
  readonly scan: { readonly modbusPorts: readonly number[]; readonly streamPorts: readonly number[]; readonly suggestedTargets: readonly string[] };
  readonly timeZones: readonly string[];
}

// ---- step inputs ----

export type DeviceSettings = Readonly<Record<string, string | number | boolean | null>>;

export interface DevicesInput {
  readonly grid: string;
  readonly pv: string | null;
  readonly battery: string | null;
  readonly charger: string | null;
}

export interface ConnectionInput {
  readonly devices: Readonly<Partial<Record<DeviceRole, DeviceSettings>>>;
}

export interface SiteInput {
  readonly phases: 1 | 3;
  readonly fuseA: number;
  readonly voltageV: number;
  /** null: no export limit. */
  readonly exportLimitW: number | null;
  readonly timeZone: string;
}

export interface BatteryCarInput {
  readonly reserveSocPct: number;
  readonly car: {
    readonly mode: 'off' | 'solar' | 'smart' | 'fast';
    readonly capacityWh: number;
    readonly minChargeW: number;
    readonly maxChargeW: number;
    readonly minSocPct: number;
    readonly targetSocPct: number;
    readonly readyBy: string | null;
    readonly v2h: boolean;
    readonly v2g: boolean;
  };
}

export interface TariffInput {
  readonly preset: string;
}

export type StepSubmission =
  | { readonly step: 'devices'; readonly input: DevicesInput }
  | { readonly step: 'scan'; readonly input: Readonly<Record<string, never>> }
  | { readonly step: 'connection'; readonly input: ConnectionInput }
  | { readonly step: 'probe'; readonly input: { readonly retry?: boolean } }
  | { readonly step: 'sign_check'; readonly input: { readonly skip?: boolean } }
  | { readonly step: 'site'; readonly input: SiteInput }
  | { readonly step: 'battery_car'; readonly input: BatteryCarInput }
  | { readonly step: 'tariff'; readonly input: TariffInput }
  | { readonly step: 'summary'; readonly input: Readonly<Record<string, never>> };

export type FlowSubmitBody = StepSubmission & { readonly flowId: string };

export interface FlowStartBody {
  /** Start from the saved config (reconfigure) rather than from defaults. */
  readonly reconfigure: boolean;
}

// ---- scan ----

export interface ScanBody {
  /** "192.168.1.0/24", "192.168.1.30", "inverter.local"; a /24 at most per entry. */
  readonly targets: readonly string[];
  /** Extra ports to try, beside the defaults. */
  readonly ports?: readonly number[];
}

export type ScanHitKind = 'sunspec' | 'quasar' | 'p1' | 'modbus' | 'open';

export interface DeviceIdentity {
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly serial: string | null;
  readonly version: string | null;
}

export interface ScanSuggestion {
  readonly role: DeviceRole;
  readonly type: string;
  readonly settings: DeviceSettings;
}

export interface ScanHit {
  readonly host: string;
  readonly port: number;
  readonly unitId: number | null;
  readonly kind: ScanHitKind;
  readonly identity: DeviceIdentity | null;
  /** SunSpec models found (ids). */
  readonly models: readonly number[];
  readonly suggestions: readonly ScanSuggestion[];
  /** The running hub already uses this endpoint for that device. */
  readonly inUseBy: string | null;
  /** e.g. the P1 header line, or why the port is open but unknown. */
  readonly note: string | null;
}

export interface ScanView {
  readonly state: 'idle' | 'running' | 'done' | 'cancelled';
  readonly targets: readonly string[];
  /** host:port pairs to try, and how many are done. */
  readonly total: number;
  readonly done: number;
  readonly hits: readonly ScanHit[];
  readonly elapsedMs: number;
}

// ---- probe and sign check ----

export interface DeviceReadings {
  readonly powerW: number | null;
  readonly energyImportWh: number | null;
  readonly energyExportWh: number | null;
  readonly socPct: number | null;
  readonly phases: readonly { readonly voltageV: number | null; readonly currentA: number | null; readonly powerW: number | null }[] | null;
  readonly chargerState: ChargerState | null;
  readonly carConnected: boolean | null;
}

export interface ProbeResult {
  readonly role: DeviceRole;
  readonly type: string;
  readonly endpoint: string;
  readonly state: 'running' | 'ok' | 'failed';
  /** live: read from the device the hub already runs (no second connection); direct: the wizard's own connection. */
  readonly source: 'live' | 'direct' | null;
  readonly identity: DeviceIdentity | null;
  readonly readings: DeviceReadings | null;
  readonly error: StepError | null;
  /** Real ms since the last reading. */
  readonly ageMs: number | null;
}

export interface SignCheckView {
  readonly state: 'idle' | 'baseline' | 'waiting' | 'passed' | 'failed' | 'skipped';
  /** The load the installer is asked to switch on, and the rise that passes. */
  readonly expectedW: number;
  readonly thresholdW: number;
  /** Site consumption (grid + pv + battery), W. */
  readonly baselineW: number | null;
  readonly currentW: number | null;
  readonly deltaW: number | null;
  /** How much of the rise each meter saw. */
  readonly gridDeltaW: number | null;
  readonly batteryDeltaW: number | null;
  readonly pvDeltaW: number | null;
  readonly remainingMs: number | null;
  readonly error: StepError | null;
}

// ---- the flow ----

export interface FlowData {
  readonly devices?: DevicesInput;
  readonly connection?: ConnectionInput;
  readonly site?: SiteInput;
  readonly batteryCar?: BatteryCarInput;
  readonly tariff?: TariffInput;
}

export interface SaveResult {
  readonly revision: number;
  readonly configFile: string;
  readonly savedMs: number;
  /** The hub reads its config at start: the new one applies after a restart. */
  readonly restartRequired: boolean;
  /** Device entries the simulated home provides itself (not written to the file). */
  readonly simulatedDevices: readonly string[];
}

export interface FlowView {
  readonly flowId: string;
  readonly step: WizardStep;
  readonly reconfigure: boolean;
  readonly completed: readonly WizardStep[];
  readonly errors: StepErrors;
  readonly data: FlowData;
  readonly probe: readonly ProbeResult[];
  readonly signCheck: SignCheckView;
  readonly saved: SaveResult | null;
}

export interface RevisionInfo {
  readonly revision: number;
  readonly savedMs: number;
  readonly configFile: string;
}

export type ReportFormat = 'html' | 'pdf';
export const reportLanguages = ['en', 'nl', 'de', 'fr', 'nb', 'sv', 'hu'] as const;
export type ReportLanguage = (typeof reportLanguages)[number];
