import { describe, expect, it } from 'vitest';
import type { GridLimitSignal } from '../../../main/common/limits.js';
import { LimitsRegistry } from '../../../main/control/limits-registry.js';
import { Dso14a, scaledMinimumW } from '../../../main/signals/dso14a.js';
import { signalsConfigSchema } from '../../../main/signals/signals-config.js';

const cfg = (o: object): ReturnType<typeof signalsConfigSchema.parse>['dso14a'] => signalsConfigSchema.parse({ dso14a: { enabled: true, ...o } }).dso14a;

describe('§14a', () => {
  it('never lets a controllable limit below 4.2 kW, scaled for several devices', () => {
    expect(scaledMinimumW(1)).toBe(4200);
    expect(scaledMinimumW(2)).toBe(6720); // 2 × 4.2 kW × 0.8
    expect(scaledMinimumW(3)).toBe(9450); // 3 × 4.2 kW × 0.75
    expect(scaledMinimumW(12)).toBe(25_200); // factor 0.5 from 8 devices on
    const dso = new Dso14a(cfg({ controllableDevices: 2 }), new LimitsRegistry(), 0);
    expect(dso.clamp(3000)).toEqual({ limitW: 6720, raised: true });
    expect(dso.clamp(8000)).toEqual({ limitW: 8000, raised: false });
  });

  it('holds the minimum as a failsafe when the operator goes silent, and lets go when it speaks again', () => {
    const registry = new LimitsRegistry();
    const puts: (readonly GridLimitSignal[])[] = [];
    const sink = { put: (s: Parameters<LimitsRegistry['put']>[0], l: readonly GridLimitSignal[]) => (puts.push(l), registry.put(s, l)) };
    const dso = new Dso14a(cfg({ silentAfterS: 60, issuer: 'dso' }), sink, 0);
    dso.check(59_000);
    expect(registry.active(59_000).controllableLimitW).toBeNull();
    dso.check(61_000);
    expect(dso.state()).toBe('silent');
    expect(registry.active(61_000)).toMatchObject({ controllableLimitW: 4200, signals: [{ source: 'failsafe', endMs: null }] });
    dso.heard('someone-else', 62_000);
    expect(dso.state()).toBe('silent');
    dso.heard('dso', 63_000);
    expect(dso.state()).toBe('listening');
    expect(registry.active(63_000).controllableLimitW).toBeNull();
    expect(puts).toHaveLength(2);
  });

  it('does nothing when not enabled', () => {
    const registry = new LimitsRegistry();
    const dso = new Dso14a(signalsConfigSchema.parse({}).dso14a, registry, 0);
    dso.check(10 * 86_400_000);
    expect(dso.state()).toBe('off');
    expect(registry.active(10 * 86_400_000).controllableLimitW).toBeNull();
  });
});
