/**
 * How the simulated battery turns its remote controls into the one power
 * command the physics takes. Every control path (124 rate window, 802
 * reserve window, 704 WSet) is a window [minW, maxW] of allowed battery power
 * (> 0 discharge); the battery runs its own self-consumption logic (cover the
 * import, soak up the export) clipped to that window. A setpoint is a window
 * of one point. When several paths are active the more specific one wins:
 * 704 over 124 over 802. No active path: autonomous (command null).
 */
import type { SimState } from './physics-types.js';

export interface PowerWindow {
  readonly minW: number;
  readonly maxW: number;
}

export type ControlPath = '704' | '124' | '802';
const priority: readonly ControlPath[] = ['704', '124', '802'];

export class PowerWindows {
  private readonly windows = new Map<ControlPath, PowerWindow>();

  set(path: ControlPath, window: PowerWindow | null): void {
    if (window === null) this.windows.delete(path);
    else this.windows.set(path, window);
  }

  clear(): void {
    this.windows.clear();
  }

  /** The command for this physics state; null when no path is active. */
  commandW(s: SimState): number | null {
    const path = priority.find((p) => this.windows.has(p));
    const window = path === undefined ? undefined : this.windows.get(path);
    if (window === undefined) return null;
    // What the battery would do on its own: the physics' self-consumption rule.
    const ownW = s.loadW + s.car.powerW - s.pvW;
    const low = Math.min(window.minW, window.maxW);
    const wanted = Math.max(low, Math.min(window.maxW, ownW));
    // + 0 turns a -0 (from -0 % of WChaMax) into 0: the physics and the tests compare with Object.is.
    return Math.max(-s.battery.maxChargeW, Math.min(s.battery.maxDischargeW, wanted)) + 0;
  }
}
