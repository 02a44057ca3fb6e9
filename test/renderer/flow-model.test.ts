import { describe, expect, it } from 'vitest';
import { flowDirection, flowLevel, flowLevelBoundsW, flowModel } from '../../renderer/src/flow/flowModel.js';
import { makeSnapshot } from './snapshot-fixture.js';

describe('flowLevel', () => {
  it('is 0 (no animation) for unknown values and for less than 50 W either way', () => {
    expect(flowLevel(null)).toBe(0);
    expect(flowLevel(Number.NaN)).toBe(0);
    expect(flowLevel(0)).toBe(0);
    expect(flowLevel(49)).toBe(0);
    expect(flowLevel(-49)).toBe(0);
  });

  it('grows with magnitude, whatever the sign, in a few steps', () => {
    expect(flowLevel(50)).toBe(1);
    expect(flowLevel(-999)).toBe(1);
    expect(flowLevel(1_000)).toBe(2);
    expect(flowLevel(3_000)).toBe(3);
    expect(flowLevel(-6_000)).toBe(4);
    expect(flowLevel(22_000)).toBe(4);
  });

  it('never decreases as power rises', () => {
    let previous = 0;
    for (let w = 0; w <= 12_000; w += 25) {
      const level = flowLevel(w);
      expect(level).toBeGreaterThanOrEqual(previous);
      previous = level;
    }
    expect([...flowLevelBoundsW]).toEqual([...flowLevelBoundsW].sort((a, b) => a - b));
  });
});

describe('flowDirection (the sign conventions of main/common/snapshot.ts)', () => {
  it('moves PV production, grid import and battery discharge into the house', () => {
    expect(flowDirection('pv', 2_000)).toBe('toCentre');
    expect(flowDirection('grid', 800)).toBe('toCentre');
    expect(flowDirection('battery', 1_500)).toBe('toCentre');
  });

  it('moves grid export and battery charging out of the house', () => {
    expect(flowDirection('grid', -800)).toBe('fromCentre');
    expect(flowDirection('battery', -1_500)).toBe('fromCentre');
  });

  it('moves car charging and home load out of the junction, V2H discharge into it', () => {
    expect(flowDirection('car', 7_000)).toBe('fromCentre');
    expect(flowDirection('car', -3_000)).toBe('toCentre');
    expect(flowDirection('home', 600)).toBe('fromCentre');
  });

  it('is idle for unknown or tiny values', () => {
    expect(flowDirection('grid', null)).toBe('idle');
    expect(flowDirection('grid', 10)).toBe('idle');
  });
});

describe('flowModel', () => {
  it('names what each node does', () => {
    const model = flowModel(makeSnapshot({ gridW: -2_000, pvW: 5_000, batteryW: -1_000, wallboxW: 1_500, homeW: 500 }));
    expect(model.grid.state).toBe('exporting');
    expect(model.pv.state).toBe('producing');
    expect(model.battery.state).toBe('charging');
    expect(model.car.state).toBe('charging');
    expect(model.home.state).toBe('consuming');
    expect(model.battery.socPct).toBe(60);
    expect(model.car.socPct).toBe(45);
  });

  it('derives the home load from the balance when the snapshot has none', () => {
    const model = flowModel(makeSnapshot({ gridW: 500, pvW: 3_000, batteryW: -1_000, wallboxW: 1_500, homeW: null }));
    expect(model.home.powerW).toBe(1_000);
    expect(flowModel(makeSnapshot({ gridW: null, homeW: null })).home.state).toBe('noData');
    // Less load than the metered terms explain: an unmetered source, shown flowing into the house.
    expect(flowModel(makeSnapshot({ homeW: -900 })).home).toMatchObject({ state: 'producing', direction: 'toCentre' });
  });

  it('says whether an idle car is plugged in, and shows V2H as discharging', () => {
    expect(flowModel(makeSnapshot({ wallboxW: 0, pluggedIn: false, wallboxState: 'disconnected' })).car.state).toBe('unplugged');
    expect(flowModel(makeSnapshot({ wallboxW: 0, pluggedIn: true, wallboxState: 'connected' })).car.state).toBe('plugged');
    expect(flowModel(makeSnapshot({ wallboxW: -4_000, wallboxState: 'discharging' })).car.state).toBe('discharging');
  });

  it('keeps unknown values unknown (null), never zero', () => {
    const model = flowModel(makeSnapshot({ pvW: null }));
    expect(model.pv.powerW).toBeNull();
    expect(model.pv.state).toBe('noData');
    expect(model.pv.level).toBe(0);
  });
});
