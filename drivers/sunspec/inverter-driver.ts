/**
 * SunSpec PV inverter: power, lifetime energy, operating state and alarms
 * from the inverter model the device has (inverter-sources.ts), per-MPPT
 * power from 160 or 714, curtailment through 123 or 704 (pv-limit-paths.ts).
 *
 * Curtailment: WMaxLimPct is a percentage of WMax (121 WMax, else 702 WMax,
 * else the nameplate: 120 WRtg / 702 WMaxRtg). The limit goes with a revert
 * timeout and is rewritten every third of it, so if the hub dies the
 * inverter returns to full power by itself. Every poll reads the control
 * model back: a limit the inverter does not hold (refused, reset by a
 * reboot, changed by somebody else) shows in health() and is written again.
 */
import { z } from 'zod';
import { HubError, describeError } from '../../main/common/errors.js';
import type { EnergyMeter, PowerMeter, PvControl } from '../api.js';
import type { DeviceConfigBase, DriverContext, DriverDefinition } from '../driver.js';
import { numberAt, type DecodedModel } from './decode.js';
import type { SunSpecDiscovery } from './discovery.js';
import { inverterModelPreference, inverterSample, mpptFrom160, mpptFrom714, type InverterSample, type MpptSample } from './inverter-sources.js';
import { modelDefinition } from './model-registry.js';
import { choosePvLimitPath, type PvLimitPath } from './pv-limit-paths.js';
import { checkTransport, sunspecConnectionShape, type SunSpecConnectionConfig } from './sunspec-config.js';
import { SunSpecDevice } from './sunspec-device.js';

export type SunSpecInverterConfig = SunSpecConnectionConfig;

export const sunspecInverterConfigSchema: z.ZodType<SunSpecInverterConfig> = z.strictObject({ ...sunspecConnectionShape }).superRefine(checkTransport);

/** MPPT values change slowly and nobody controls on them: read every this many polls. */
const slowEveryPolls = 5;
/** Least site time between two re-applications of a limit the inverter does not hold. */
const reapplyMinMs = 5000;

interface PvLimit {
  /** null when asked in % (the W it stands for follows WMax). */
  readonly limitW: number | null;
  readonly pct: number;
}

export class SunSpecInverter extends SunSpecDevice implements PowerMeter, EnergyMeter, PvControl {
  readonly capabilities = ['powerMeter', 'energyMeter', 'pvControl'] as const;
  private inverterModelId: number | null = null;
  private mpptModelId: 160 | 714 | null = null;
  private limitPath: PvLimitPath | null = null;
  private wMaxW: number | null = null;
  private sample: InverterSample = { powerW: null, energyWh: null, state: null, alarms: [] };
  private absorbedWh: number | null = null;
  private mpptSamples: readonly MpptSample[] | null = null;
  private polls = 0;
  private controls: DecodedModel | null = null;
  /** What the hub asked for; null: no cap. */
  private limit: PvLimit | null = null;
  /** True once the hub removed a cap, so the read-back can check the device did too. */
  private released = false;
  /** The enable is known to be on: a new limit needs only the limit points. */
  private enableHeld = false;
  private lastControlWriteTs = Number.NEGATIVE_INFINITY;
  private writeSeq = 0;
  private controlInFlight = 0;

  powerW(): number | null {
    return this.fresh(this.sample.powerW);
  }

  /** PV production is export (drivers/api.ts): the inverter's lifetime energy. */
  energyExportWh(): number | null {
    return this.fresh(this.sample.energyWh);
  }

  /** What the inverter drew from the grid (701 TotWhAbs); the classic models do not count it. */
  energyImportWh(): number | null {
    return this.fresh(this.absorbedWh);
  }

  /** The maximum power WMaxLimPct refers to, W; null until read. */
  maxPowerW(): number | null {
    return this.wMaxW;
  }

  /** Operating state ("MPPT", "THROTTLED", "SLEEPING", "FAULT"...) and the alarm bits that are set. */
  inverterStatus(): { readonly state: string | null; readonly alarms: readonly string[] } | null {
    return this.fresh({ state: this.sample.state, alarms: this.sample.alarms });
  }

  /** Per-MPPT input (160 or 714), read every few polls; null when the device has neither. */
  mppt(): readonly MpptSample[] | null {
    return this.fresh(this.mpptSamples);
  }

  /** The cap the hub holds, W (null: none, or asked in %). */
  pvLimitW(): number | null {
    return this.limit?.limitW ?? null;
  }

  setPvLimitW(limitW: number | null): Promise<void> {
    if (limitW !== null && !(Number.isFinite(limitW) && limitW >= 0)) {
      return Promise.reject(new HubError('bad_request', `${this.id}: PV limit must be a number >= 0 W or null, got ${limitW}`));
    }
    if (limitW === null) return this.setLimit(null);
    return this.setLimit(() => {
      if (this.wMaxW === null) throw new HubError('not_available', `${this.id}: cannot curtail to ${limitW} W: the inverter's WMax (121, 702 or 120) is unknown`);
      return { limitW, pct: Math.min(100, (limitW / this.wMaxW) * 100) };
    });
  }

  /** Curtails to `pct` % of WMax (null removes the cap). */
  setPvLimitPct(pct: number | null): Promise<void> {
    if (pct !== null && !(Number.isFinite(pct) && pct >= 0 && pct <= 100)) {
      return Promise.reject(new HubError('bad_request', `${this.id}: PV limit must be 0..100 % or null, got ${pct}`));
    }
    return this.setLimit(pct === null ? null : () => ({ limitW: null, pct }));
  }

  protected async onDiscovered(discovery: SunSpecDiscovery): Promise<void> {
    const id = inverterModelPreference.find((m) => this.hasModel(m) && modelDefinition(m) !== undefined);
    if (id === undefined) {
      const found = discovery.models.map((m) => m.id).join(', ');
      throw new HubError('not_available', `${this.id}: no supported inverter model (device has ${found}; we read ${inverterModelPreference.join(', ')})`);
    }
    this.inverterModelId = id;
    this.mpptModelId = this.hasModel(160) ? 160 : this.hasModel(714) ? 714 : null;
    this.limitPath = choosePvLimitPath((m) => this.hasModel(m), id === 701);
    this.controls = null;
    this.enableHeld = false;
    this.polls = 0;
    await this.readNameplate();
    // Back after a reboot or a firmware update: the inverter has forgotten the cap.
    if (this.limit !== null) await this.control(() => this.writeLimit(this.limit)).catch((err: unknown) => this.noteRewriteFailure(err));
  }

  protected async poll(): Promise<void> {
    if (this.inverterModelId === null) throw new HubError('internal', `${this.id}: polled before discovery`);
    const inverter = await this.readModel(this.inverterModelId);
    this.sample = inverterSample(inverter);
    this.absorbedWh = inverter.id === 701 ? numberAt(inverter, 'TotWhAbs') : null;
    if (this.wMaxW === null) await this.readNameplate();
    if (this.mpptModelId !== null && this.polls++ % slowEveryPolls === 0) {
      const m = await this.readModel(this.mpptModelId);
      this.mpptSamples = m.id === 160 ? mpptFrom160(m, this.quirk()) : mpptFrom714(m);
    }
    const path = this.limitPath;
    if (path === null) return;
    const seq = this.writeSeq;
    const controls = await this.readModel(path.model);
    this.controls = controls;
    const holds = seq === this.writeSeq && this.controlInFlight === 0 ? this.checkApplied(path, controls) : true;
    const limit = this.limit;
    const since = this.clock.now() - this.lastControlWriteTs;
    if (limit !== null && (this.rewriteDue(this.lastControlWriteTs) || (!holds && since >= reapplyMinMs))) {
      await this.control(() => this.writeLimit(limit)).catch((err: unknown) => this.noteRewriteFailure(err));
    }
  }

  protected async releaseControl(): Promise<void> {
    if (this.limit !== null) await this.setPvLimitW(null);
  }

  private setLimit(make: (() => PvLimit) | null): Promise<void> {
    return this.control(async () => {
      // No controls at all: there is no cap to remove either.
      if (make === null && this.limitPath === null && this.discovery() !== null) return;
      const path = this.requirePath();
      if (make === null) {
        this.limit = null;
        this.released = true;
        this.writeSeq++;
        await this.writePoints(await this.controlsModel(path), { [path.enablePoint]: 0 });
        this.enableHeld = false;
        this.setProblem('control', null);
        return;
      }
      this.limit = make();
      this.released = false;
      await this.writeLimit(this.limit);
    });
  }

  private async control<T>(sequence: () => Promise<T>): Promise<T> {
    this.controlInFlight++;
    try {
      return await this.exclusiveControl(sequence);
    } finally {
      this.controlInFlight--;
    }
  }

  private requirePath(): PvLimitPath {
    if (this.limitPath !== null) return this.limitPath;
    if (this.discovery() === null) throw new HubError('not_available', `${this.id}: the inverter has not been found yet`, { retryable: true });
    throw new HubError('not_available', `${this.id}: the inverter has no model 123 or 704 (controls), it cannot be curtailed`);
  }

  private async controlsModel(path: PvLimitPath): Promise<DecodedModel> {
    // Scale factors come from the device; read them if no poll has yet.
    if (this.controls?.id !== path.model) this.controls = await this.readModel(path.model);
    return this.controls;
  }

  private async writeLimit(limit: PvLimit | null): Promise<void> {
    if (limit === null) return;
    const path = this.requirePath();
    const controls = await this.controlsModel(path);
    this.writeSeq++;
    await this.writePoints(controls, path.setup(limit.pct, this.config.revertS));
    if (!this.enableHeld) {
      await this.writePoints(controls, { [path.enablePoint]: 1 });
      this.enableHeld = true;
    }
    this.lastControlWriteTs = this.clock.now();
    this.setProblem('rewrite', null);
  }

  private noteRewriteFailure(err: unknown): void {
    this.setProblem('rewrite', `${this.id}: rewriting the PV limit failed: ${describeError(err)}`);
  }

  /** Compares what the inverter reports with what the hub wrote; a mismatch goes to health().lastError. Returns whether it holds. */
  private checkApplied(path: PvLimitPath, controls: DecodedModel): boolean {
    const enabled = numberAt(controls, path.enablePoint);
    const pct = numberAt(controls, path.pctPoint);
    const sf = controls.points.get(path.pctPoint)?.sf ?? 0;
    const limit = this.limit;
    if (enabled !== 1) this.enableHeld = false;
    if (limit !== null) {
      const ok = enabled === 1 && pct !== null && Math.abs(pct - limit.pct) <= 10 ** sf;
      const asked = limit.limitW === null ? '' : ` (${limit.limitW} W)`;
      this.setProblem(
        'control',
        ok ? null : `${this.id}: inverter reports ${path.enablePoint} ${String(enabled)}, WMaxLimPct ${String(pct)} % but the hub wrote ENABLED at ${round2(limit.pct)} %${asked}`,
      );
      return ok;
    }
    if (this.released) this.setProblem('control', enabled === 0 || enabled === null ? null : `${this.id}: PV limit still enabled at ${String(pct)} % although the hub removed it`);
    return true;
  }

  private async readNameplate(): Promise<void> {
    let wMax: number | null = null;
    if (this.hasModel(121)) wMax = numberAt(await this.readModel(121), 'WMax');
    if (wMax === null && this.hasModel(702)) {
      const m = await this.readModel(702);
      wMax = numberAt(m, 'WMax') ?? numberAt(m, 'WMaxRtg');
    }
    if (wMax === null && this.hasModel(120)) wMax = numberAt(await this.readModel(120), 'WRtg');
    this.wMaxW = wMax !== null && wMax > 0 ? wMax : null;
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export const sunspecInverterDriver: DriverDefinition<SunSpecInverterConfig> = {
  type: 'sunspec-inverter',
  description: 'SunSpec PV inverter over Modbus TCP or RTU: power, energy, state, MPPT (101-103, 111-113, 701, 160, 714), curtailment (123 or 704)',
  roles: ['pv'],
  configSchema: sunspecInverterConfigSchema,
  create: (config: SunSpecInverterConfig & DeviceConfigBase, ctx: DriverContext) => new SunSpecInverter(config, ctx),
};
