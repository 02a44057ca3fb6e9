import { describe, expect, it } from 'vitest';
import { decodeInt16, encodeInt16 } from '../../../drivers/wallbox/int16.js';
import { quasarConfigSchema, quasarSettings } from '../../../drivers/wallbox/quasar-config.js';
import { quasarRegisters } from '../../../drivers/wallbox/quasar-registers.js';
import { maxPowerW, setpointChanged, toSetpoint, type SetpointOptions } from '../../../drivers/wallbox/quasar-setpoint.js';
import { quasarStateInfo } from '../../../drivers/wallbox/quasar-states.js';
import { decodeQuasarStatus } from '../../../drivers/wallbox/quasar-status.js';

describe('int16 two\'s complement', () => {
  it('encodes signed setpoints as the charger expects them on the wire', () => {
    expect(encodeInt16(-7400)).toBe(0xe318);
    expect(encodeInt16(-32)).toBe(0xffe0);
    expect(encodeInt16(-1)).toBe(0xffff);
    expect(encodeInt16(7400)).toBe(0x1ce8);
    expect(encodeInt16(0)).toBe(0);
    expect(encodeInt16(-32768)).toBe(0x8000);
    expect(encodeInt16(32767)).toBe(0x7fff);
  });

  it('decodes register words back to signed values', () => {
    expect(decodeInt16(0xe318)).toBe(-7400);
    expect(decodeInt16(0xffe0)).toBe(-32);
    expect(decodeInt16(0x1ce8)).toBe(7400);
    expect(decodeInt16(0x8000)).toBe(-32768);
    expect(decodeInt16(0x7fff)).toBe(32767);
    for (const v of [-32768, -7400, -32, -1, 0, 1, 32, 7400, 32767]) expect(decodeInt16(encodeInt16(v))).toBe(v);
  });

  it('refuses values that would wrap instead of wrapping them', () => {
    expect(() => encodeInt16(32768)).toThrow(RangeError);
    expect(() => encodeInt16(-32769)).toThrow(RangeError);
    expect(() => encodeInt16(1.5)).toThrow(RangeError);
    expect(() => encodeInt16(Number.NaN)).toThrow(RangeError);
    expect(() => decodeInt16(0x10000)).toThrow(RangeError);
    expect(() => decodeInt16(-1)).toThrow(RangeError);
  });
});

describe('Quasar state codes', () => {
  it('maps the field codes to hub charger states and plug state', () => {
    expect(quasarStateInfo(0)).toMatchObject({ chargerState: 'disconnected', carConnected: false });
    expect(quasarStateInfo(1)).toMatchObject({ chargerState: 'charging', carConnected: true });
    expect(quasarStateInfo(2)).toMatchObject({ chargerState: 'connected', carConnected: true });
    expect(quasarStateInfo(3)).toMatchObject({ chargerState: 'connected', carConnected: true });
    expect(quasarStateInfo(4)).toMatchObject({ chargerState: 'paused', carConnected: true });
    expect(quasarStateInfo(5)).toMatchObject({ chargerState: 'connected', carConnected: true });
    expect(quasarStateInfo(6)).toMatchObject({ chargerState: 'disconnected', carConnected: false });
    expect(quasarStateInfo(7)).toMatchObject({ chargerState: 'error', carConnected: null });
    expect(quasarStateInfo(8)).toMatchObject({ chargerState: 'connected', carConnected: true });
    expect(quasarStateInfo(9)).toMatchObject({ chargerState: 'error', carConnected: null });
    expect(quasarStateInfo(10)).toMatchObject({ chargerState: 'connected', carConnected: true });
    expect(quasarStateInfo(11)).toMatchObject({ chargerState: 'discharging', carConnected: true });
  });

  it('does not guess for unknown codes', () => {
    expect(quasarStateInfo(12)).toMatchObject({ chargerState: 'unknown', carConnected: null, label: 'unknown state code 12' });
    expect(quasarStateInfo(65535).chargerState).toBe('unknown');
  });
});

describe('Quasar setpoints', () => {
  const power: SetpointOptions = { mode: 'power', deviceMaxW: null, voltageV: 230, phases: 1 };
  const current: SetpointOptions = { mode: 'current', deviceMaxW: null, voltageV: 230, phases: 1 };

  it('clamps power to the register range, or to the device limit from 0x202', () => {
    expect(toSetpoint(20_000, power)).toMatchObject({ register: 0x104, value: 7400, word: 0x1ce8, effectiveW: 7400 });
    expect(toSetpoint(-20_000, power)).toMatchObject({ value: -7400, word: 0xe318, effectiveW: -7400 });
    expect(toSetpoint(-20_000, { ...power, deviceMaxW: 5000 })).toMatchObject({ value: -5000, effectiveW: -5000 });
    expect(toSetpoint(3000.4, power)).toMatchObject({ value: 3000, effectiveW: 3000 });
    expect(maxPowerW({ ...power, deviceMaxW: 9000 })).toBe(7400);
  });

  it('converts to whole amperes in current mode, never above the limit', () => {
    expect(toSetpoint(-7400, current)).toMatchObject({ register: 0x102, value: -32, word: 0xffe0, effectiveW: -7360 });
    expect(toSetpoint(3000, current)).toMatchObject({ value: 13, effectiveW: 2990 });
    expect(toSetpoint(50_000, current).value).toBe(32);
    // 5000 W / 230 V = 21.7 A: floor, so the charger never exceeds the 0x202 limit.
    expect(toSetpoint(50_000, { ...current, deviceMaxW: 5000 }).value).toBe(21);
    expect(toSetpoint(9000, { ...current, phases: 3 })).toMatchObject({ value: 13, effectiveW: 8970 });
    expect(toSetpoint(-100, current)).toMatchObject({ value: 0, word: 0 });
    expect(Object.is(toSetpoint(-100, current).value, -0)).toBe(false);
  });

  it('rejects non-finite requests', () => {
    expect(() => toSetpoint(Number.NaN, power)).toThrow(RangeError);
    expect(() => toSetpoint(Number.POSITIVE_INFINITY, power)).toThrow(RangeError);
  });

  it('writes only real changes: deadband in power mode, but start, stop and reversal always', () => {
    expect(setpointChanged(null, 0, 'power')).toBe(true);
    expect(setpointChanged(3000, 3000, 'power')).toBe(false);
    expect(setpointChanged(3000, 3050, 'power')).toBe(false);
    expect(setpointChanged(3000, 3100, 'power')).toBe(true);
    expect(setpointChanged(50, 0, 'power')).toBe(true);
    expect(setpointChanged(0, 50, 'power')).toBe(true);
    expect(setpointChanged(50, -50, 'power')).toBe(true);
    expect(setpointChanged(13, 14, 'current')).toBe(true);
    expect(setpointChanged(13, 13, 'current')).toBe(false);
  });
});

describe('Quasar config', () => {
  it('applies defaults', () => {
    expect(quasarSettings({ host: '10.0.0.5' })).toEqual({ host: '10.0.0.5', port: 502, unitId: 1, pollMs: 1000, idleTimeoutS: 60, setpoint: 'power', phases: 1, voltageV: 230 });
  });

  it('rejects bad and misspelt keys by name', () => {
    expect(quasarConfigSchema.safeParse({ host: 'wallbox.local', setpoint: 'current', phases: 3 }).success).toBe(true);
    const bad = quasarConfigSchema.safeParse({ host: 'x', phases: 2, idleTimeout: 30 });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => (i.path.length > 0 ? i.path.join('.') : JSON.stringify(i))).join(' ');
    expect(paths).toContain('phases');
    expect(paths).toContain('idleTimeout');
  });

  it('keeps the register table consistent with the field map', () => {
    expect(quasarRegisters.powerSetpoint).toMatchObject({ address: 0x104, type: 'int16', min: -7400, max: 7400 });
    expect(quasarRegisters.currentSetpoint).toMatchObject({ address: 0x102, type: 'int16', min: -32, max: 32 });
    expect(quasarRegisters.state.address).toBe(0x219);
    expect(quasarRegisters.actualPower).toMatchObject({ address: 0x20e, access: 'ro', type: 'int16' });
  });
});

describe('Quasar status block 0x20E..0x21E', () => {
  const block = (set: Record<number, number>): Uint16Array => {
    const words = new Uint16Array(17);
    for (const [address, value] of Object.entries(set)) words[Number(address) - 0x20e] = value;
    return words;
  };

  it('decodes signed actual power, state, SoC and error codes', () => {
    expect(decodeQuasarStatus(block({ 0x20e: 0xf830, 0x219: 11, 0x21a: 63, 0x21c: 5 }))).toEqual({ actualW: -2000, stateCode: 11, socPct: 63, socWord: 63, errorCodes: [0, 5, 0, 0] });
    expect(decodeQuasarStatus(block({ 0x20e: 7400, 0x219: 1, 0x21a: 100 }))).toMatchObject({ actualW: 7400, socPct: 100 });
  });

  it('treats SoC 0 (no DC session) and impossible SoC as unknown', () => {
    expect(decodeQuasarStatus(block({ 0x219: 4, 0x21a: 0 })).socPct).toBeNull();
    expect(decodeQuasarStatus(block({ 0x219: 1, 0x21a: 101 })).socPct).toBeNull();
  });

  it('rejects impossible power and short replies instead of passing them on', () => {
    expect(() => decodeQuasarStatus(block({ 0x20e: 0x7fff }))).toThrow(/0x20E reads 32767 W/);
    expect(() => decodeQuasarStatus(block({ 0x20e: 0x8000 }))).toThrow(/-32768 W/);
    expect(() => decodeQuasarStatus(new Uint16Array(16))).toThrow(/expected 17 registers/);
  });
});
