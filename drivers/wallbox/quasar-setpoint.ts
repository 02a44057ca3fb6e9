/**
 * From the controller's signed power request to the Quasar's setpoint
 * register: clamping, power-vs-current mode, and the deadband that keeps the
 * slow charger from restarting its 6-11 s change for every few watts.
 */
import { encodeInt16 } from './int16.js';
import { quasarRegisters } from './quasar-registers.js';

export type SetpointMode = 'power' | 'current';

export interface SetpointOptions {
  readonly mode: SetpointMode;
  /** Device limit read from 0x202, or null when not read yet (the register range then applies). */
  readonly deviceMaxW: number | null;
  /** Current mode only: W = A * voltageV * phases. */
  readonly voltageV: number;
  readonly phases: 1 | 3;
}

export interface Setpoint {
  readonly register: number;
  /** Value in the register's unit (W or A), signed. */
  readonly value: number;
  /** Word on the wire (two's complement). */
  readonly word: number;
  /** What the charger will deliver for this setpoint, W (current mode rounds to whole amperes). */
  readonly effectiveW: number;
}

/**
 * Below this change (power mode) the setpoint is not rewritten: each write
 * costs the charger 6-11 s of transition, which is worse than 100 W of error.
 */
export const POWER_DEADBAND_W = 100;

/** Largest charge (= discharge, the Quasar is symmetric) power for these options, W. */
export function maxPowerW(opts: SetpointOptions): number {
  const registerMaxW = opts.mode === 'power' ? quasarRegisters.powerSetpoint.max : quasarRegisters.currentSetpoint.max * opts.voltageV * opts.phases;
  return opts.deviceMaxW === null ? registerMaxW : Math.min(registerMaxW, opts.deviceMaxW);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The setpoint to write for a signed power request (> 0 charge, < 0 discharge). */
export function toSetpoint(powerW: number, opts: SetpointOptions): Setpoint {
  if (!Number.isFinite(powerW)) throw new RangeError(`charger power setpoint must be a finite number of W, got ${powerW}`);
  const limitW = maxPowerW(opts);
  if (opts.mode === 'power') {
    const value = Math.round(clamp(powerW, -limitW, limitW));
    return { register: quasarRegisters.powerSetpoint.address, value, word: encodeInt16(value), effectiveW: value };
  }
  const wPerA = opts.voltageV * opts.phases;
  // Floor the limit: rounding up would exceed the device or register limit by up to half an ampere.
  const limitA = Math.floor(limitW / wPerA);
  const value = clamp(Math.round(powerW / wPerA), -limitA, limitA) + 0; // + 0 turns -0 into 0
  return { register: quasarRegisters.currentSetpoint.address, value, word: encodeInt16(value), effectiveW: value * wPerA };
}

/** Whether going from the last written setpoint value to `next` is worth a write. */
export function setpointChanged(previous: number | null, next: number, mode: SetpointMode): boolean {
  if (previous === null) return true;
  if (previous === next) return false;
  // Starting, stopping and reversing direction always go through.
  if (previous === 0 || next === 0 || Math.sign(previous) !== Math.sign(next)) return true;
  return mode === 'current' || Math.abs(next - previous) >= POWER_DEADBAND_W;
}
