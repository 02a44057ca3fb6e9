/**
 * SunSpec PV inverter: power and lifetime energy from the inverter model
 * (103, or 101/102/111-113 when that is what the device has and we ship its
 * definition), curtailment through model 123.
 *
 * Curtailment: WMaxLimPct is a percentage of WMax (model 121's WMax setting,
 * else the nameplate WRtg of model 120). We write the percentage with its
 * revert timeout first and enable it second, so the device never runs an
 * enabled limit with a stale value, and rewrite it every third of the
 * timeout: if the hub dies, the inverter returns to full power by itself.
 */
import { z } from 'zod';
import { HubError, describeError } from '../../main/common/errors.js';
import type { EnergyMeter, PowerMeter, PvControl } from '../api.js';
import type { DeviceConfigBase, DriverContext, DriverDefinition } from '../driver.js';
import { numberAt, type DecodedModel } from './decode.js';
import type { SunSpecDiscovery } from './discovery.js';
import { modelDefinition } from './model-registry.js';
import { sunspecConnectionShape, type SunSpecConnectionConfig } from './sunspec-config.js';
import { SunSpecDevice } from './sunspec-device.js';

export type SunSpecInverterConfig = SunSpecConnectionConfig;

export const sunspecInverterConfigSchema: z.ZodType<SunSpecInverterConfig> = z.strictObject({ ...sunspecConnectionShape });

/** Integer + scale factor models first (exact), float ones next; three phase before single phase. */
const inverterModelPreference = [103, 113, 101, 111, 102, 112] as const;

interface PvLimit {
  readonly limitW: number;
  readonly pct: number;
}

export class SunSpecInverter extends SunSpecDevice implements PowerMeter, EnergyMeter, PvControl {
  readonly capabilities = ['powerMeter', 'energyMeter', 'pvControl'] as const;
  private inverterModelId: number | null = null;
  private wMaxW: number | null = null;
  private powerValueW: number | null = null;
  private energyValueWh: number | null = null;
  private controls: DecodedModel | null = null;
  /** What the hub asked for; null: no cap. */
  private limit: PvLimit | null = null;
  /** True once the hub removed a cap, so the read-back can check the device did too. */
  private released = false;
  private lastControlWriteTs = Number.NEGATIVE_INFINITY;
  private writeSeq = 0;
  private controlInFlight = 0;

  powerW(): number | null {
    return this.fresh(this.powerValueW);
  }

  /** PV production is export (drivers/api.ts): the inverter's lifetime WH. */
  energyExportWh(): number | null {
    return this.fresh(this.energyValueWh);
  }

  energyImportWh(): number | null {
    return null;
  }

  /** The maximum power WMaxLimPct refers to, W; null until read. */
  maxPowerW(): number | null {
    return this.wMaxW;
  }

  setPvLimitW(limitW: number | null): Promise<void> {
    if (limitW !== null && !(Number.isFinite(limitW) && limitW >= 0)) {
      return Promise.reject(new HubError('bad_request', `${this.id}: PV limit must be a number >= 0 W or null, got ${limitW}`));
    }
    return this.control(async () => {
      const controls = await this.controlsModel();
      if (limitW === null) {
        this.limit = null;
        this.released = true;
        await this.writePoints(controls, { WMaxLim_Ena: 0 });
        this.setProblem('control', null);
        return;
      }
      if (this.wMaxW === null) throw new HubError('not_available', `${this.id}: cannot curtail to ${limitW} W: the inverter's WMax (model 121/120) is unknown`);
      this.limit = { limitW, pct: Math.min(100, (limitW / this.wMaxW) * 100) };
      this.released = false;
      await this.writeLimit(controls, this.limit);
    });
  }

  protected async onDiscovered(discovery: SunSpecDiscovery): Promise<void> {
    const id = inverterModelPreference.find((m) => this.hasModel(m) && modelDefinition(m) !== undefined);
    if (id === undefined) {
      const found = discovery.models.map((m) => m.id).join(', ');
      throw new HubError('not_available', `${this.id}: no supported inverter model (device has ${found}; we read ${inverterModelPreference.filter((m) => modelDefinition(m) !== undefined).join(', ')})`);
    }
    this.inverterModelId = id;
    await this.readNameplate();
  }

  protected async poll(): Promise<void> {
    if (this.inverterModelId === null) throw new HubError('internal', `${this.id}: polled before discovery`);
    const inverter = await this.readModel(this.inverterModelId);
    this.powerValueW = numberAt(inverter, 'W');
    this.energyValueWh = numberAt(inverter, 'WH');
    if (this.wMaxW === null) await this.readNameplate();
    if (!this.hasModel(123)) return;
    const seq = this.writeSeq;
    const controls = await this.readModel(123);
    this.controls = controls;
    if (seq === this.writeSeq && this.controlInFlight === 0) this.checkApplied(controls);
    const limit = this.limit;
    if (limit !== null && this.clock.now() - this.lastControlWriteTs >= this.rewriteMs()) {
      await this.control(() => this.writeLimit(controls, limit)).catch((err: unknown) => this.setProblem('rewrite', `${this.id}: rewriting the PV limit failed: ${describeError(err)}`));
    }
  }

  protected async releaseControl(): Promise<void> {
    if (this.limit !== null) await this.setPvLimitW(null);
  }

  private rewriteMs(): number {
    return (this.config.revertS * 1000) / 3;
  }

  private async control<T>(sequence: () => Promise<T>): Promise<T> {
    this.controlInFlight++;
    try {
      return await this.exclusiveControl(sequence);
    } finally {
      this.controlInFlight--;
    }
  }

  private async controlsModel(): Promise<DecodedModel> {
    if (!this.hasModel(123)) throw new HubError('not_available', `${this.id}: the inverter has no model 123 (immediate controls), it cannot be curtailed`);
    // Scale factors come from the device; read them if no poll has yet.
    this.controls ??= await this.readModel(123);
    return this.controls;
  }

  private async writeLimit(controls: DecodedModel, limit: PvLimit): Promise<void> {
    this.writeSeq++;
    await this.writePoints(controls, { WMaxLimPct: limit.pct, WMaxLimPct_WinTms: 0, WMaxLimPct_RvrtTms: this.config.revertS });
    await this.writePoints(controls, { WMaxLim_Ena: 1 });
    this.lastControlWriteTs = this.clock.now();
    this.setProblem('rewrite', null);
  }

  /** Compares what the inverter reports with what the hub wrote; a mismatch goes to health().lastError. */
  private checkApplied(controls: DecodedModel): void {
    const enabled = numberAt(controls, 'WMaxLim_Ena');
    const pct = numberAt(controls, 'WMaxLimPct');
    const sf = controls.points.get('WMaxLimPct')?.sf ?? 0;
    const limit = this.limit;
    if (limit !== null) {
      const ok = enabled === 1 && pct !== null && Math.abs(pct - limit.pct) <= 10 ** (sf ?? 0);
      this.setProblem(
        'control',
        ok ? null : `${this.id}: inverter reports WMaxLim_Ena ${String(enabled)}, WMaxLimPct ${String(pct)} % but the hub wrote ENABLED at ${round2(limit.pct)} % (${limit.limitW} W)`,
      );
    } else if (this.released) {
      this.setProblem('control', enabled === 0 || enabled === null ? null : `${this.id}: PV limit still enabled at ${String(pct)} % although the hub removed it`);
    }
  }

  private async readNameplate(): Promise<void> {
    if (this.hasModel(121)) this.wMaxW = numberAt(await this.readModel(121), 'WMax');
    if (this.wMaxW === null && this.hasModel(120)) this.wMaxW = numberAt(await this.readModel(120), 'WRtg');
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export const sunspecInverterDriver: DriverDefinition<SunSpecInverterConfig> = {
  type: 'sunspec-inverter',
  description: 'SunSpec PV inverter over Modbus TCP: power and energy (model 103/101), curtailment (model 123)',
  roles: ['pv'],
  configSchema: sunspecInverterConfigSchema,
  create: (config: SunSpecInverterConfig & DeviceConfigBase, ctx: DriverContext) => new SunSpecInverter(config, ctx),
};
