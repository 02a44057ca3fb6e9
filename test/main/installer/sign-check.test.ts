import { describe, expect, it } from 'vitest';
import { SignCheck } from '../../../main/installer/sign-check.js';
import type { SiteSample } from '../../../main/installer/sign-check.js';

/** Drives the check by hand: a fake clock and samples, no timers. */
function run(samples: (t: number) => SiteSample, totalMs: number): SignCheck {
  let now = 0;
  let t = 0;
  const check = new SignCheck({ sample: () => samples(t), now: () => now, baselineMs: 3000, timeoutMs: 20_000 });
  check.start();
  check.stop(); // the test ticks by hand
  for (t = 0; t <= totalMs && (check.state === 'baseline' || check.state === 'waiting'); t += 250) {
    now = t;
    check.tick();
  }
  return check;
}

describe('sign check', () => {
  it('passes when the consumption rises by the load, whichever meter carries it', () => {
    const v = run((t) => ({ gridW: t < 5000 ? 400 : 1200, pvW: 0, batteryW: t < 5000 ? 0 : 1300 }), 30_000).view();
    expect(v.state).toBe('passed');
    expect(v.baselineW).toBe(400);
    expect(v.deltaW).toBe(2100);
    expect(v.gridDeltaW).toBe(800);
    expect(v.batteryDeltaW).toBe(1300);
  });

  it('fails with sign_inverted when a load makes the consumption fall (a meter the wrong way round)', () => {
    const v = run((t) => ({ gridW: t < 5000 ? -400 : -2400, pvW: 0, batteryW: 0 }), 30_000).view();
    expect(v.state).toBe('failed');
    expect(v.error?.code).toBe('sign_inverted');
    expect(v.error?.detail).toContain('grid meter');
  });

  it('fails with no_change when nothing happens before the timeout', () => {
    const v = run(() => ({ gridW: 400, pvW: 0, batteryW: 0 }), 30_000).view();
    expect(v.state).toBe('failed');
    expect(v.error?.code).toBe('no_change');
  });

  it('ignores a single spike', () => {
    const v = run((t) => ({ gridW: t === 6000 ? 5000 : 400, pvW: null, batteryW: null }), 30_000).view();
    expect(v.error?.code).toBe('no_change');
  });

  it('fails with meter_unavailable when the grid meter gives nothing', () => {
    const v = run(() => ({ gridW: null, pvW: 0, batteryW: 0 }), 30_000).view();
    expect(v.error?.code).toBe('meter_unavailable');
  });
});
