/**
 * §14a EnWG: the grid operator may dim controllable devices (car charging,
 * battery charging, heat pump) but must leave them at least 4.2 kW; a hub
 * managing several devices as one gets the scaled minimum (BNetzA BK6-22-300:
 * n × 4.2 kW × simultaneity factor). Any controllable limit below the minimum
 * is raised to it.
 *
 * Failsafe: a dimming that the hub can no longer hear about could be lifted
 * or extended without it knowing. When the operator's source is silent for
 * `silentAfterS` (no limit, no heartbeat), the hub holds the minimum as a
 * "failsafe" limit until the source speaks again: the grid stays safe, and
 * the devices keep the 4.2 kW the rules guarantee them.
 */
import type { GridLimitSignal } from '../common/limits.js';
import { minControllableLimitW } from '../common/limits.js';
import type { LimitSink } from './limit-book.js';
import type { SignalsConfig } from './signals-config.js';

/** Simultaneity factor by number of controllable devices (1..8+), as we read BK6-22-300 Anlage 1. */
const simultaneity = [1, 1, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5];

export function scaledMinimumW(devices: number): number {
  const n = Math.max(1, Math.floor(devices));
  const gzf = simultaneity[Math.min(n, 8)] ?? 0.5;
  return Math.max(minControllableLimitW, Math.round(n * minControllableLimitW * gzf));
}

export type Dso14aState = 'off' | 'listening' | 'silent';

export class Dso14a {
  readonly minimumW: number;
  private lastHeardMs: number;
  private failsafeActive = false;

  constructor(
    private readonly config: SignalsConfig['dso14a'],
    private readonly sink: LimitSink,
    startMs: number,
  ) {
    this.minimumW = Math.max(config.minimumW ?? 0, scaledMinimumW(config.controllableDevices));
    // The source gets the full silence allowance after a start before the failsafe engages.
    this.lastHeardMs = startMs;
  }

  /** A controllable limit as the controller must apply it: never below the minimum. */
  clamp(limitW: number): { limitW: number; raised: boolean } {
    return limitW < this.minimumW ? { limitW: this.minimumW, raised: true } : { limitW, raised: false };
  }

  /** Any valid message from the operator's issuer. */
  heard(issuer: string, nowMs: number): void {
    if (!this.config.enabled || issuer !== this.config.issuer) return;
    this.lastHeardMs = nowMs;
    this.check(nowMs);
  }

  lastHeard(): number {
    return this.lastHeardMs;
  }

  state(): Dso14aState {
    if (!this.config.enabled) return 'off';
    return this.failsafeActive ? 'silent' : 'listening';
  }

  /** Called periodically: engages or releases the failsafe limit. */
  check(nowMs: number): void {
    if (!this.config.enabled || !this.config.failsafe) return;
    const silent = nowMs - this.lastHeardMs > this.config.silentAfterS * 1000;
    if (silent === this.failsafeActive) return;
    this.failsafeActive = silent;
    const limit: GridLimitSignal = {
      id: '14a-failsafe',
      source: 'failsafe',
      kind: 'controllable',
      limitW: this.minimumW,
      startMs: nowMs,
      endMs: null,
      issuer: this.config.issuer,
    };
    this.sink.put('failsafe:14a', silent ? [limit] : []);
  }
}
