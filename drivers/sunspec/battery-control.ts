/**
 * The ways SunSpec lets a hub drive a battery, behind one interface, and the
 * rule that picks one for a device:
 *
 *   704  WSet in W (DER AC controls), exact, with a reversion timer.
 *        Only on a storage-only DER: on a hybrid WSet is the AC output of
 *        PV and battery together, not the battery's power.
 *   124  InWRte/OutWRte window collapsed to the setpoint (storage-control.ts),
 *        with InOutWRte_RvrtTms.
 *   802  the reserve window (SoCRsvMin/SocRsvMax) plus the controller
 *        heartbeat: direction only (hold / no discharge / no charge); the
 *        battery's own logic sets the magnitude. A fallback.
 *
 * Preference in that order, minus what the vendor is known to refuse
 * (vendor-quirks.ts), unless the config names one.
 */
import type { DecodedModel } from './decode.js';
import type { BatterySample } from './battery-sources.js';
import type { BatteryControlPath } from './vendor-quirks.js';

export type { BatteryControlPath } from './vendor-quirks.js';

/** What a control path needs from its driver. */
export interface ControlIo {
  readonly deviceId: string;
  /** Site seconds the device keeps a setting without a rewrite (config revertS). */
  readonly revertS: number;
  /** The control model as last read (reads it when no poll has). */
  model(id: number): Promise<DecodedModel>;
  /** Writes adjacent writable points (engineering values, the device's scale factors). */
  write(model: DecodedModel, values: Readonly<Record<string, number | null>>): Promise<void>;
}

export interface ControlMethod {
  readonly path: BatteryControlPath;
  /** The model it writes and reads back. */
  readonly model: number;
  /** False when the path can only set a direction (802). */
  readonly setsMagnitude: boolean;
  /** Writes a setpoint (W, > 0 discharge); `refresh` rewrites everything (revert timers included). */
  apply(io: ControlIo, powerW: number, sample: BatterySample, refresh: boolean): Promise<void>;
  /** Back to the battery's own control. */
  release(io: ControlIo): Promise<void>;
  /** Compares the device's registers with what was written: a problem to report, or null. */
  readBack(model: DecodedModel, powerW: number | null): string | null;
  /** Every poll while a setpoint is held (heartbeats, following the SoC); may write. */
  keepAlive?(io: ControlIo, powerW: number, sample: BatterySample): Promise<void>;
}

export interface PathChoice {
  readonly has: (id: number) => boolean;
  /** True when a 714 on this unit lists a PV port (a hybrid: 704 WSet is not the battery's power). */
  readonly hasPvPort: boolean;
  readonly avoid: readonly BatteryControlPath[];
  /** From the config: 'auto' or a path. */
  readonly wanted: 'auto' | 'none' | BatteryControlPath;
}

export function chooseBatteryControl(choice: PathChoice): BatteryControlPath | null {
  if (choice.wanted === 'none') return null;
  const offered = (p: BatteryControlPath): boolean => {
    if (p === '704') return choice.has(704) && (choice.has(713) || choice.has(802)) && !choice.hasPvPort;
    return choice.has(Number(p));
  };
  // Named by the installer: taken as long as the model is there (they know their hybrid better than our rule).
  if (choice.wanted !== 'auto') return choice.has(Number(choice.wanted)) ? choice.wanted : null;
  return (['704', '124', '802'] as const).find((p) => offered(p) && !choice.avoid.includes(p)) ?? null;
}
