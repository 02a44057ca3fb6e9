/**
 * Battery setpoints through model 704 "set active power": WSetMod WATTS,
 * WSet in W (> 0 injecting = discharging, the DER models' sign, and ours),
 * WSetEna ENABLED. The reversion settings go first: after WSetRvrtTms
 * without a write the device applies WSetEnaRvrt DISABLED, i.e. gives the
 * battery back to its own logic. Once enabled, a new setpoint is one write
 * of WSet; the whole set is rewritten every third of the revert time.
 */
import type { ControlIo, ControlMethod } from './battery-control.js';
import type { BatterySample } from './battery-sources.js';
import { numberAt, type DecodedModel } from './decode.js';

const watts = 1;

export class WSet704Control implements ControlMethod {
  readonly path = '704' as const;
  readonly model = 704;
  readonly setsMagnitude = true;
  /** Enable and mode are known to be set: only WSet needs writing. */
  private held = false;
  private lastW: number | null = null;

  async apply(io: ControlIo, powerW: number, sample: BatterySample, refresh: boolean): Promise<void> {
    const m = await io.model(704);
    // Beyond the battery's limits the device would refuse or clip; clip here so the read-back compares like with like.
    const w = Math.round(Math.max(-(sample.maxChargeW ?? Infinity), Math.min(sample.maxDischargeW ?? Infinity, powerW)));
    this.lastW = w;
    if (this.held && !refresh) {
      await io.write(m, { WSet: w });
      return;
    }
    await io.write(m, { WSetEnaRvrt: 0, WSetRvrtTms: io.revertS });
    await io.write(m, { WSetEna: 1, WSetMod: watts, WSet: w });
    this.held = true;
  }

  async release(io: ControlIo): Promise<void> {
    const m = await io.model(704);
    this.lastW = null;
    this.held = false;
    await io.write(m, { WSetEna: 0 });
  }

  readBack(m: DecodedModel, powerW: number | null): string | null {
    const enabled = numberAt(m, 'WSetEna');
    const mode = numberAt(m, 'WSetMod');
    const w = numberAt(m, 'WSet');
    if (powerW === null || this.lastW === null) {
      return enabled === 1 ? `battery still has WSetEna ENABLED (WSet ${String(w)} W) although the hub released it` : null;
    }
    const step = 10 ** (m.points.get('WSet')?.sf ?? 0);
    if (enabled === 1 && mode === watts && w !== null && Math.abs(w - this.lastW) <= step) return null;
    this.held = false;
    return `battery reports WSetEna ${String(enabled)}, WSetMod ${String(mode)}, WSet ${String(w)} W but the hub wrote ENABLED, WATTS, ${this.lastW} W`;
  }
}
