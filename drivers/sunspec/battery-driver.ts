/**
 * SunSpec home battery: SoC, capacity and power from model 802 (battery
 * base) and/or model 124 (basic storage controls); setpoints through model
 * 124 as described in storage-control.ts, rewritten while the hub is in
 * control and read back every poll: what the device reports it applied is
 * compared with what the hub wrote, and a difference shows in health().
 *
 * Sign of 802 W: the model definition only says "total power flowing to/from
 * the battery bank". We take > 0 as discharge (power out of the bank, the
 * injection-positive sign of the DER models, and ours), configurable with
 * `powerSign` for devices that report it the other way; each poll checks the
 * sign against 802 ChaSt (CHARGING / DISCHARGING) and reports disagreement.
 */
import { z } from 'zod';
import { HubError, describeError } from '../../main/common/errors.js';
import type { Battery, BatteryControl, PowerMeter } from '../api.js';
import type { DeviceConfigBase, DriverContext, DriverDefinition } from '../driver.js';
import { numberAt, type DecodedModel } from './decode.js';
import type { SunSpecDiscovery } from './discovery.js';
import { storageCommandFor, type StorageCommand } from './storage-control.js';
import { sunspecConnectionShape, type SunSpecConnectionConfig } from './sunspec-config.js';
import { SunSpecDevice } from './sunspec-device.js';

export interface SunSpecBatteryConfig extends SunSpecConnectionConfig {
  /** How the device signs 802 W. */
  readonly powerSign: 'discharge-positive' | 'charge-positive';
  /** Usable capacity when the device does not report 802 WHRtg, Wh. */
  readonly capacityWh?: number;
}

export const sunspecBatteryConfigSchema: z.ZodType<SunSpecBatteryConfig> = z.strictObject({
  ...sunspecConnectionShape,
  powerSign: z.enum(['discharge-positive', 'charge-positive']).default('discharge-positive'),
  capacityWh: z.number().positive().optional(),
});

/** 802 ChaSt. */
const chaStDischarging = 3;
const chaStCharging = 4;
/** Below this the sign of a measured power says nothing (standby noise). */
const signCheckMinW = 100;

interface BatteryReadings {
  powerW: number | null;
  socPct: number | null;
  capacityWh: number | null;
  maxChargeW: number | null;
  maxDischargeW: number | null;
}

/** What the hub wants: a fixed setpoint, or released (autonomous). null: nothing asked yet. */
type Intent = { readonly kind: 'setpoint'; readonly powerW: number; readonly command: StorageCommand } | { readonly kind: 'released' } | null;

export class SunSpecBattery extends SunSpecDevice implements PowerMeter, Battery, BatteryControl {
  readonly capabilities = ['powerMeter', 'battery', 'batteryControl'] as const;
  private readonly batteryConfig: SunSpecBatteryConfig;
  private readings: BatteryReadings = { powerW: null, socPct: null, capacityWh: null, maxChargeW: null, maxDischargeW: null };
  private storage: DecodedModel | null = null;
  private intent: Intent = null;
  private lastControlWriteTs = Number.NEGATIVE_INFINITY;
  private writeSeq = 0;
  private controlInFlight = 0;

  constructor(config: SunSpecBatteryConfig & DeviceConfigBase, ctx: DriverContext) {
    super(config, ctx);
    this.batteryConfig = config;
  }

  powerW(): number | null {
    return this.fresh(this.readings.powerW);
  }

  socPct(): number | null {
    return this.fresh(this.readings.socPct);
  }

  capacityWh(): number | null {
    return this.readings.capacityWh ?? this.batteryConfig.capacityWh ?? null;
  }

  maxChargePowerW(): number | null {
    return this.readings.maxChargeW;
  }

  maxDischargePowerW(): number | null {
    return this.readings.maxDischargeW;
  }

  /** The setpoint the hub is holding (> 0 discharge), null when the battery runs autonomously. */
  setpointW(): number | null {
    return this.intent?.kind === 'setpoint' ? this.intent.powerW : null;
  }

  setBatteryPowerW(powerW: number): Promise<void> {
    if (!Number.isFinite(powerW)) return Promise.reject(new HubError('bad_request', `${this.id}: battery setpoint must be a finite number of W, got ${powerW}`));
    return this.control(async () => {
      const storage = await this.storageModel();
      const wChaMax = numberAt(storage, 'WChaMax');
      if (wChaMax === null || wChaMax <= 0) throw new HubError('not_available', `${this.id}: cannot set ${powerW} W: the battery reports no WChaMax (model 124)`);
      const intent = { kind: 'setpoint', powerW, command: storageCommandFor(powerW, wChaMax) } as const;
      this.intent = intent;
      await this.writeCommand(storage, intent.command);
    });
  }

  releaseBattery(): Promise<void> {
    return this.control(async () => {
      const storage = await this.storageModel();
      this.intent = { kind: 'released' };
      this.writeSeq++;
      await this.writePoints(storage, { StorCtl_Mod: 0 });
      this.setProblem('control', null);
    });
  }

  protected onDiscovered(discovery: SunSpecDiscovery): Promise<void> {
    if (!this.hasModel(802) && !this.hasModel(124)) {
      const found = discovery.models.map((m) => m.id).join(', ');
      return Promise.reject(new HubError('not_available', `${this.id}: no battery model 802 or 124 (device has ${found})`));
    }
    return Promise.resolve();
  }

  protected async poll(): Promise<void> {
    const next: BatteryReadings = { powerW: null, socPct: null, capacityWh: null, maxChargeW: null, maxDischargeW: null };
    if (this.hasModel(802)) {
      const bank = await this.readModel(802);
      const w = numberAt(bank, 'W');
      next.powerW = w === null ? null : this.batteryConfig.powerSign === 'discharge-positive' ? w : -w;
      next.socPct = numberAt(bank, 'SoC');
      next.capacityWh = numberAt(bank, 'WHRtg');
      next.maxChargeW = numberAt(bank, 'WChaRteMax');
      next.maxDischargeW = numberAt(bank, 'WDisChaRteMax');
      this.checkSign(next.powerW, numberAt(bank, 'ChaSt'));
    }
    if (this.hasModel(124)) {
      const seq = this.writeSeq;
      const storage = await this.readModel(124);
      this.storage = storage;
      const wChaMax = numberAt(storage, 'WChaMax');
      next.socPct ??= numberAt(storage, 'ChaState');
      next.maxChargeW ??= wChaMax;
      next.maxDischargeW ??= wChaMax;
      if (seq === this.writeSeq && this.controlInFlight === 0) this.checkApplied(storage);
      await this.rewriteIfDue(storage);
    }
    this.readings = next;
  }

  protected async releaseControl(): Promise<void> {
    if (this.intent?.kind === 'setpoint') await this.releaseBattery();
  }

  private async control<T>(sequence: () => Promise<T>): Promise<T> {
    this.controlInFlight++;
    try {
      return await this.exclusiveControl(sequence);
    } finally {
      this.controlInFlight--;
    }
  }

  private async storageModel(): Promise<DecodedModel> {
    if (!this.hasModel(124)) throw new HubError('not_available', `${this.id}: the battery has no model 124 (storage controls), it cannot be controlled`);
    // The write needs the device's scale factors; read them if no poll has yet.
    this.storage ??= await this.readModel(124);
    return this.storage;
  }

  private async writeCommand(storage: DecodedModel, command: StorageCommand): Promise<void> {
    this.writeSeq++;
    await this.writePoints(storage, { OutWRte: command.outPct, InWRte: command.inPct, InOutWRte_WinTms: 0, InOutWRte_RvrtTms: this.config.revertS });
    await this.writePoints(storage, { StorCtl_Mod: command.mode });
    this.lastControlWriteTs = this.clock.now();
    this.setProblem('rewrite', null);
  }

  private async rewriteIfDue(storage: DecodedModel): Promise<void> {
    const intent = this.intent;
    if (intent?.kind !== 'setpoint' || this.clock.now() - this.lastControlWriteTs < (this.config.revertS * 1000) / 3) return;
    try {
      await this.control(() => this.writeCommand(storage, intent.command));
    } catch (err) {
      this.setProblem('rewrite', `${this.id}: rewriting the battery setpoint failed: ${describeError(err)}`);
    }
  }

  /** Read-back: the device's StorCtl_Mod/InWRte/OutWRte against what the hub wrote. */
  private checkApplied(storage: DecodedModel): void {
    const intent = this.intent;
    if (intent === null) return;
    const mode = numberAt(storage, 'StorCtl_Mod');
    if (intent.kind === 'released') {
      this.setProblem('control', mode === 0 || mode === null ? null : `${this.id}: battery reports StorCtl_Mod ${mode} although the hub released it`);
      return;
    }
    const inPct = numberAt(storage, 'InWRte');
    const outPct = numberAt(storage, 'OutWRte');
    const step = 10 ** (storage.points.get('InWRte')?.sf ?? 0);
    const near = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) <= step;
    const c = intent.command;
    const ok = mode === c.mode && near(inPct, c.inPct) && near(outPct, c.outPct);
    this.setProblem(
      'control',
      ok
        ? null
        : `${this.id}: battery reports StorCtl_Mod ${String(mode)}, InWRte ${String(inPct)} %, OutWRte ${String(outPct)} % ` +
            `but the hub wrote StorCtl_Mod ${c.mode}, InWRte ${round2(c.inPct)} %, OutWRte ${round2(c.outPct)} % (setpoint ${intent.powerW} W)`,
    );
  }

  private checkSign(powerW: number | null, chaSt: number | null): void {
    if (powerW === null || chaSt === null || Math.abs(powerW) < signCheckMinW) return;
    const disagrees = (chaSt === chaStCharging && powerW > 0) || (chaSt === chaStDischarging && powerW < 0);
    this.setProblem(
      'sign',
      disagrees ? `${this.id}: 802 W reads ${powerW} W (> 0 discharge) but ChaSt says ${chaSt === chaStCharging ? 'CHARGING' : 'DISCHARGING'}; check powerSign` : null,
    );
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export const sunspecBatteryDriver: DriverDefinition<SunSpecBatteryConfig> = {
  type: 'sunspec-battery',
  description: 'SunSpec home battery over Modbus TCP: SoC and power (model 802/124), setpoints (model 124)',
  roles: ['battery'],
  configSchema: sunspecBatteryConfigSchema,
  create: (config: SunSpecBatteryConfig & DeviceConfigBase, ctx: DriverContext) => new SunSpecBattery(config, ctx),
};
