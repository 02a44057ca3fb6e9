/**
 * SunSpec home battery: SoC, SoH, capacity, limits and power from whichever
 * models the device has (battery-sources.ts); setpoints through 704, 124 or
 * 802, whichever it offers (battery-control.ts). While the hub holds a
 * setpoint the driver rewrites it every third of the revert time, and every
 * poll reads the control model back: what the device does not hold (refused,
 * reset by a reboot, changed by another client) shows in health() and is
 * written again, never assumed.
 *
 * Sign of 802 W: the model definition only says "total power flowing
 * to/from the battery bank". We take > 0 as discharge (power out of the
 * bank, the injection-positive sign of the DER models, and ours),
 * configurable with `powerSign` for devices that report it the other way;
 * each poll checks the sign against 802 ChaSt and reports disagreement.
 */
import { z } from 'zod';
import { HubError, describeError } from '../../main/common/errors.js';
import type { Battery, BatteryControl, PowerMeter } from '../api.js';
import type { DeviceConfigBase, DriverContext, DriverDefinition } from '../driver.js';
import { chooseBatteryControl, type BatteryControlPath, type ControlIo, type ControlMethod } from './battery-control.js';
import { Storage124Control } from './battery-control-124.js';
import { WSet704Control } from './battery-control-704.js';
import { Reserve802Control } from './battery-control-802.js';
import { batteryModelsToRead, batterySample, type BatterySample, type PowerSign } from './battery-sources.js';
import { numberAt, type DecodedModel } from './decode.js';
import type { SunSpecDiscovery } from './discovery.js';
import { checkTransport, sunspecConnectionShape, type SunSpecConnectionConfig } from './sunspec-config.js';
import { SunSpecDevice } from './sunspec-device.js';

export interface SunSpecBatteryConfig extends SunSpecConnectionConfig {
  /** How the device signs 802 W. */
  readonly powerSign: PowerSign;
  /** Usable capacity when the device does not report 802/713 WHRtg, Wh. */
  readonly capacityWh?: number;
  /** Control path: 'auto' (704, 124, 802 in that order, minus what the vendor refuses), one of them, or 'none'. */
  readonly control: 'auto' | 'none' | BatteryControlPath;
}

export const sunspecBatteryConfigSchema: z.ZodType<SunSpecBatteryConfig> = z
  .strictObject({
    ...sunspecConnectionShape,
    powerSign: z.enum(['discharge-positive', 'charge-positive']).default('discharge-positive'),
    capacityWh: z.number().positive().optional(),
    control: z.enum(['auto', 'none', '704', '124', '802']).default('auto'),
  })
  .superRefine(checkTransport);

/** Below this the sign of a measured power says nothing (standby noise). */
const signCheckMinW = 100;
/** Least site time between two re-applications of a setpoint the battery does not hold. */
const reapplyMinMs = 5000;

const emptySample: BatterySample = {
  powerW: null,
  socPct: null,
  sohPct: null,
  capacityWh: null,
  maxChargeW: null,
  maxDischargeW: null,
  chargeStatus: null,
  reservePct: null,
};

/** What the hub wants: a fixed setpoint, or released (autonomous). null: nothing asked yet. */
type Intent = { readonly kind: 'setpoint'; readonly powerW: number } | { readonly kind: 'released' } | null;

export class SunSpecBattery extends SunSpecDevice implements PowerMeter, Battery, BatteryControl {
  readonly capabilities = ['powerMeter', 'battery', 'batteryControl'] as const;
  private readonly batteryConfig: SunSpecBatteryConfig;
  private sample: BatterySample = emptySample;
  private readonly models = new Map<number, DecodedModel>();
  private toRead: number[] = [];
  private method: ControlMethod | null = null;
  private intent: Intent = null;
  private lastControlWriteTs = Number.NEGATIVE_INFINITY;
  private writeSeq = 0;
  private controlInFlight = 0;
  private readonly io: ControlIo;

  constructor(config: SunSpecBatteryConfig & DeviceConfigBase, ctx: DriverContext) {
    super(config, ctx);
    this.batteryConfig = config;
    this.io = {
      deviceId: config.id,
      revertS: config.revertS,
      model: async (id) => this.models.get(id) ?? this.remember(await this.readModel(id)),
      write: async (model, values) => {
        this.writeSeq++;
        await this.writePoints(model, values);
      },
    };
  }

  powerW(): number | null {
    return this.fresh(this.sample.powerW);
  }

  socPct(): number | null {
    return this.fresh(this.sample.socPct);
  }

  /** State of health, %. */
  sohPct(): number | null {
    return this.fresh(this.sample.sohPct);
  }

  capacityWh(): number | null {
    return this.sample.capacityWh ?? this.batteryConfig.capacityWh ?? null;
  }

  maxChargePowerW(): number | null {
    return this.sample.maxChargeW;
  }

  maxDischargePowerW(): number | null {
    return this.sample.maxDischargeW;
  }

  /** "CHARGING", "DISCHARGING", "HOLDING"... as the battery reports it. */
  chargeStatus(): string | null {
    return this.fresh(this.sample.chargeStatus);
  }

  /** The battery's own minimum reserve, % (802 SoCRsvMin or 124 MinRsvPct). */
  deviceReservePct(): number | null {
    return this.fresh(this.sample.reservePct);
  }

  /** Which SunSpec path carries the setpoints ('704', '124', '802'), null when the device offers none; and whether it sets the power or only the direction. */
  controlPath(): { readonly path: BatteryControlPath; readonly setsMagnitude: boolean } | null {
    return this.method === null ? null : { path: this.method.path, setsMagnitude: this.method.setsMagnitude };
  }

  /** The setpoint the hub is holding (> 0 discharge), null when the battery runs autonomously. */
  setpointW(): number | null {
    return this.intent?.kind === 'setpoint' ? this.intent.powerW : null;
  }

  setBatteryPowerW(powerW: number): Promise<void> {
    if (!Number.isFinite(powerW)) return Promise.reject(new HubError('bad_request', `${this.id}: battery setpoint must be a finite number of W, got ${powerW}`));
    return this.control(async () => {
      const method = this.requireMethod();
      this.intent = { kind: 'setpoint', powerW };
      await method.apply(this.io, powerW, this.sample, false);
      this.lastControlWriteTs = this.clock.now();
      this.setProblem('rewrite', null);
    });
  }

  releaseBattery(): Promise<void> {
    return this.control(async () => {
      this.intent = { kind: 'released' };
      // Nothing the hub could have set: nothing to give back.
      if (this.method === null) return;
      await this.method.release(this.io);
      this.setProblem('control', null);
    });
  }

  protected async onDiscovered(discovery: SunSpecDiscovery): Promise<void> {
    const battery = [802, 713, 124].some((id) => this.hasModel(id)) || (this.hasModel(160) && this.quirk()?.mpptBattery !== undefined);
    if (!battery) {
      const found = discovery.models.map((m) => m.id).join(', ');
      throw new HubError('not_available', `${this.id}: no battery model (802, 713 or 124) on this unit (device has ${found})`);
    }
    this.models.clear();
    const path = chooseBatteryControl({
      has: (id) => this.hasModel(id),
      hasPvPort: this.hasModel(714) && (await this.hasPvPort()),
      avoid: this.quirk()?.avoidBatteryControl ?? [],
      wanted: this.batteryConfig.control,
    });
    this.method = path === '704' ? new WSet704Control() : path === '124' ? new Storage124Control() : path === '802' ? new Reserve802Control() : null;
    const toRead = batteryModelsToRead((id) => this.hasModel(id), this.quirk());
    if (this.method !== null && !toRead.includes(this.method.model)) toRead.push(this.method.model);
    this.toRead = toRead;
    if (path === null && this.batteryConfig.control !== 'none') this.log.info('this battery offers no SunSpec control path the hub can use; readings only');
    // Back after a reboot or a firmware update: the battery has forgotten the setpoint.
    const intent = this.intent;
    if (intent?.kind === 'setpoint' && this.method !== null) {
      await this.control(() => this.reapply(intent.powerW)).catch((err: unknown) => this.noteRewriteFailure(err));
    }
  }

  protected async poll(): Promise<void> {
    const seq = this.writeSeq;
    const read = new Map<number, DecodedModel>();
    for (const id of this.toRead) read.set(id, await this.readModel(id));
    for (const m of read.values()) this.remember(m);
    const sample = batterySample(read, this.batteryConfig.powerSign, this.quirk());
    this.sample = sample;
    const bank = read.get(802);
    if (bank !== undefined) this.checkSign(sample.powerW, numberAt(bank, 'ChaSt'));
    const method = this.method;
    if (method === null) return;
    const controls = read.get(method.model);
    const intent = this.intent;
    const setpointW = intent?.kind === 'setpoint' ? intent.powerW : null;
    let holds = true;
    if (controls !== undefined && intent !== null && seq === this.writeSeq && this.controlInFlight === 0) {
      const problem = method.readBack(controls, setpointW);
      this.setProblem('control', problem === null ? null : `${this.id}: ${problem}`);
      holds = problem === null;
    }
    if (setpointW === null) return;
    const since = this.clock.now() - this.lastControlWriteTs;
    if (this.rewriteDue(this.lastControlWriteTs) || (!holds && since >= reapplyMinMs)) {
      await this.control(() => this.reapply(setpointW)).catch((err: unknown) => this.noteRewriteFailure(err));
    } else if (method.keepAlive !== undefined) {
      const keepAlive = method.keepAlive.bind(method);
      await this.control(() => keepAlive(this.io, setpointW, sample)).catch((err: unknown) => this.noteRewriteFailure(err));
    }
  }

  protected async releaseControl(): Promise<void> {
    if (this.intent?.kind === 'setpoint') await this.releaseBattery();
  }

  private async reapply(powerW: number): Promise<void> {
    if (this.intent?.kind !== 'setpoint' || this.method === null) return;
    await this.method.apply(this.io, powerW, this.sample, true);
    this.lastControlWriteTs = this.clock.now();
    this.setProblem('rewrite', null);
  }

  private async control<T>(sequence: () => Promise<T>): Promise<T> {
    this.controlInFlight++;
    try {
      return await this.exclusiveControl(sequence);
    } finally {
      this.controlInFlight--;
    }
  }

  private requireMethod(): ControlMethod {
    if (this.method !== null) return this.method;
    if (this.discovery() === null) throw new HubError('not_available', `${this.id}: the battery has not been found yet`, { retryable: true });
    const why = this.batteryConfig.control === 'none' ? 'control is off in the config' : 'it offers no usable control model (704 WSet, 124 or 802)';
    throw new HubError('not_available', `${this.id}: cannot set the battery power: ${why}`);
  }

  private remember(m: DecodedModel): DecodedModel {
    this.models.set(m.id, m);
    return m;
  }

  private async hasPvPort(): Promise<boolean> {
    const m = this.remember(await this.readModel(714));
    for (let i = 0; m.points.has(`Prt[${i}].PrtTyp`); i++) if (numberAt(m, `Prt[${i}].PrtTyp`) === 0) return true;
    return false;
  }

  private noteRewriteFailure(err: unknown): void {
    this.setProblem('rewrite', `${this.id}: rewriting the battery setpoint failed: ${describeError(err)}`);
  }

  private checkSign(powerW: number | null, chaSt: number | null): void {
    if (powerW === null || chaSt === null || Math.abs(powerW) < signCheckMinW) return;
    const charging = 4;
    const discharging = 3;
    const disagrees = (chaSt === charging && powerW > 0) || (chaSt === discharging && powerW < 0);
    this.setProblem(
      'sign',
      disagrees ? `${this.id}: 802 W reads ${powerW} W (> 0 discharge) but ChaSt says ${chaSt === charging ? 'CHARGING' : 'DISCHARGING'}; check powerSign` : null,
    );
  }
}

export const sunspecBatteryDriver: DriverDefinition<SunSpecBatteryConfig> = {
  type: 'sunspec-battery',
  description: 'SunSpec home battery over Modbus TCP or RTU: SoC, SoH and power (802, 713/714, 124, Fronius 160); setpoints via 704 WSet, 124 or 802',
  roles: ['battery'],
  configSchema: sunspecBatteryConfigSchema,
  create: (config: SunSpecBatteryConfig & DeviceConfigBase, ctx: DriverContext) => new SunSpecBattery(config, ctx),
};
