/**
 * Battery control through model 802 when a device offers nothing better.
 * 802 has no power setpoint; its writable points are the reserve window
 * (SoCRsvMin/SocRsvMax, % of WHRtg) and a controller heartbeat (CtrlHb).
 * evcc drives batteries the same way (battery modes, not power). We pin the
 * window at the current SoC on the side the hub does not want:
 *
 *   charge (< 0 W):    SoCRsvMin = SoC (no discharge), SocRsvMax as the installer set it
 *   discharge (> 0 W): SocRsvMax = SoC (no charge),    SoCRsvMin as the installer set it
 *   hold (0 W):        both = SoC
 *   release:           the installer's window back
 *
 * The battery's own logic decides the magnitude; no reserve is ever set
 * above the SoC, so a device that force-charges up to its reserve is never
 * asked to import from the grid. The window follows the SoC (rewritten when
 * the SoC moved a percent away from the pinned edge) and CtrlHb is written
 * every poll: a battery that watches it returns to local control when the
 * hub dies (802 has no revert timer of its own).
 */
import { HubError } from '../../main/common/errors.js';
import type { ControlIo, ControlMethod } from './battery-control.js';
import type { BatterySample } from './battery-sources.js';
import { numberAt, type DecodedModel } from './decode.js';

const followPct = 1;

interface Window {
  readonly min: number;
  readonly max: number;
  /** The edge pinned to the SoC: follow it. */
  readonly pinned: 'min' | 'max' | 'both';
}

export class Reserve802Control implements ControlMethod {
  readonly path = '802' as const;
  readonly model = 802;
  readonly setsMagnitude = false;
  private installer: { min: number; max: number } | null = null;
  private window: Window | null = null;
  /** What release() wrote, for the read-back after it. */
  private releasedTo: { min: number; max: number } | null = null;
  private heartbeat = 0;

  async apply(io: ControlIo, powerW: number, sample: BatterySample, _refresh: boolean): Promise<void> {
    const m = await io.model(802);
    const soc = sample.socPct ?? numberAt(m, 'SoC');
    if (soc === null) throw new HubError('not_available', `${io.deviceId}: cannot hold the battery through its reserve window: it reports no SoC`);
    this.installer ??= { min: numberAt(m, 'SoCRsvMin') ?? numberAt(m, 'SoCMin') ?? 0, max: numberAt(m, 'SocRsvMax') ?? numberAt(m, 'SoCMax') ?? 100 };
    // Whole steps of the device's SoC_SF; rounded towards the side that keeps the promise:
    // "no discharge" needs min >= SoC, "no charge" needs max <= SoC.
    const perPct = 10 ** -(m.points.get('SoCRsvMin')?.sf ?? 0);
    const up = Math.min(100, Math.ceil(soc * perPct - 1e-9) / perPct);
    const down = Math.max(0, Math.floor(soc * perPct + 1e-9) / perPct);
    const window: Window =
      powerW < 0
        ? { min: up, max: Math.max(up, this.installer.max), pinned: 'min' }
        : powerW > 0
          ? { min: Math.min(down, this.installer.min), max: down, pinned: 'max' }
          : { min: up, max: up, pinned: 'both' };
    await io.write(m, { SocRsvMax: window.max, SoCRsvMin: window.min });
    this.window = window;
    this.releasedTo = null;
    await this.beat(io, m);
  }

  async release(io: ControlIo): Promise<void> {
    const installer = this.installer;
    this.window = null;
    if (installer === null) return;
    const m = await io.model(802);
    await io.write(m, { SocRsvMax: installer.max, SoCRsvMin: installer.min });
    this.releasedTo = installer;
    this.installer = null;
  }

  async keepAlive(io: ControlIo, powerW: number, sample: BatterySample): Promise<void> {
    const w = this.window;
    const soc = sample.socPct;
    const edge = w === null ? null : w.pinned === 'max' ? w.max : w.min;
    if (soc !== null && edge !== null && Math.abs(soc - edge) >= followPct) {
      await this.apply(io, powerW, sample, false);
      return;
    }
    await this.beat(io, await io.model(802));
  }

  readBack(m: DecodedModel, powerW: number | null): string | null {
    const min = numberAt(m, 'SoCRsvMin');
    const max = numberAt(m, 'SocRsvMax');
    const want = powerW === null ? this.releasedTo : this.window;
    if (want === null) return null;
    const step = 10 ** (m.points.get('SoCRsvMin')?.sf ?? 0);
    const near = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) <= step;
    if (near(min, want.min) && near(max, want.max)) return null;
    const what = powerW === null ? 'the installer window back' : `SoCRsvMin ${want.min} %, SocRsvMax ${want.max} % (setpoint ${powerW} W)`;
    return `battery reports SoCRsvMin ${String(min)} %, SocRsvMax ${String(max)} % but the hub wrote ${what}`;
  }

  private async beat(io: ControlIo, m: DecodedModel): Promise<void> {
    this.heartbeat = (this.heartbeat + 1) % 0xfffe;
    await io.write(m, { CtrlHb: this.heartbeat });
  }
}
