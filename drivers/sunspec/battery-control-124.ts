/**
 * Battery setpoints through model 124 (see storage-control.ts for how a W
 * setpoint maps onto InWRte/OutWRte). The rates and InOutWRte_RvrtTms go
 * first, StorCtl_Mod second and only when it changes, so a new setpoint is
 * one write once the mode is set.
 */
import { HubError } from '../../main/common/errors.js';
import type { ControlIo, ControlMethod } from './battery-control.js';
import type { BatterySample } from './battery-sources.js';
import { numberAt, type DecodedModel } from './decode.js';
import { storageCommandFor, type StorageCommand } from './storage-control.js';

export class Storage124Control implements ControlMethod {
  readonly path = '124' as const;
  readonly model = 124;
  readonly setsMagnitude = true;
  private last: StorageCommand | null = null;
  /** StorCtl_Mod as the device last confirmed it (or as written); null: unknown, write it. */
  private modeHeld: number | null = null;

  async apply(io: ControlIo, powerW: number, _sample: BatterySample, refresh: boolean): Promise<void> {
    const m = await io.model(124);
    const wChaMax = numberAt(m, 'WChaMax');
    if (wChaMax === null || wChaMax <= 0) throw new HubError('not_available', `${io.deviceId}: cannot set ${powerW} W: the battery reports no WChaMax (model 124)`);
    const command = storageCommandFor(powerW, wChaMax);
    this.last = command;
    await io.write(m, { OutWRte: command.outPct, InWRte: command.inPct, InOutWRte_WinTms: 0, InOutWRte_RvrtTms: io.revertS });
    if (refresh || this.modeHeld !== command.mode) {
      await io.write(m, { StorCtl_Mod: command.mode });
      this.modeHeld = command.mode;
    }
  }

  async release(io: ControlIo): Promise<void> {
    const m = await io.model(124);
    this.last = null;
    await io.write(m, { StorCtl_Mod: 0 });
    this.modeHeld = 0;
  }

  readBack(m: DecodedModel, powerW: number | null): string | null {
    const mode = numberAt(m, 'StorCtl_Mod');
    if (mode !== this.modeHeld) this.modeHeld = null;
    const c = this.last;
    if (powerW === null || c === null) {
      return mode === 0 || mode === null ? null : `battery reports StorCtl_Mod ${mode} although the hub released it`;
    }
    const inPct = numberAt(m, 'InWRte');
    const outPct = numberAt(m, 'OutWRte');
    const step = 10 ** (m.points.get('InWRte')?.sf ?? 0);
    const near = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) <= step;
    if (mode === c.mode && near(inPct, c.inPct) && near(outPct, c.outPct)) return null;
    return (
      `battery reports StorCtl_Mod ${String(mode)}, InWRte ${String(inPct)} %, OutWRte ${String(outPct)} % ` +
      `but the hub wrote StorCtl_Mod ${c.mode}, InWRte ${round2(c.inPct)} %, OutWRte ${round2(c.outPct)} % (setpoint ${powerW} W)`
    );
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
