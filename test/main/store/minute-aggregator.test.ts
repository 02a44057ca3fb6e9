import { describe, expect, it } from 'vitest';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';
import { MinuteAggregator } from '../../../main/store/minute-aggregator.js';

function snap(ts: number, gridW: number | null, pvW = 0): SiteSnapshot {
  return {
    ts,
    seq: 0,
    grid: { powerW: gridW, energyImportWh: null, energyExportWh: null, phases: null, fuseLimitW: 17250 },
    pv: { powerW: pvW, energyWh: null },
    battery: { powerW: 0, socPct: 50, capacityWh: 10000, setpointW: 0 },
    wallbox: { powerW: 0, state: 'disconnected', setpointW: 0, maxChargeW: null, maxDischargeW: null },
    car: { pluggedIn: false, socPct: null, socEstimated: false, mode: 'off', minSocPct: 30, targetSocPct: 80, readyBy: null, v2h: false, v2g: false },
    home: { powerW: gridW === null ? null : gridW + pvW },
    limits: { importLimitW: null, exportLimitW: null, controllableLimitW: null, signals: [] },
    control: { failsafe: false, failsafeReasons: [], limiting: [], decision: '' },
    devices: [],
  };
}

describe('MinuteAggregator', () => {
  it('integrates energy exactly across minute boundaries', () => {
    const agg = new MinuteAggregator();
    const rows = [];
    // 3600 W import for 150 s, one snapshot every second, starting mid-minute.
    const t0 = 1_700_000_030_000;
    for (let t = t0; t <= t0 + 150_000; t += 1000) rows.push(...agg.add(snap(t, 3600)));
    rows.push(...agg.flush());
    const total = rows.reduce((s, r) => s + r.gridImportWh, 0);
    expect(total).toBeCloseTo(150, 6); // 3.6 kW * 150 s = 150 Wh
    expect(rows.map((r) => r.ts % 60_000)).toEqual(rows.map(() => 0));
    expect(rows[1]!.gridImportWh).toBeCloseTo(60, 6); // a full minute
    expect(rows[1]!.gridW).toBeCloseTo(3600, 6);
  });

  it('splits import and export and averages powers by time', () => {
    const agg = new MinuteAggregator(60_000);
    const t0 = 1_700_000_040_000 - (1_700_000_040_000 % 60_000);
    agg.add(snap(t0, 1200));
    agg.add(snap(t0 + 30_000, -600, 2000));
    const [row] = [...agg.add(snap(t0 + 60_000, 0)), ...agg.flush()];
    expect(row!.gridImportWh).toBeCloseTo(10, 6); // 1.2 kW for 30 s
    expect(row!.gridExportWh).toBeCloseTo(5, 6); // 0.6 kW for 30 s
    expect(row!.gridW).toBeCloseTo(300, 6);
    expect(row!.pvWh).toBeCloseTo(2000 / 120, 6);
  });

  it('does not integrate across a gap or unknown values', () => {
    const agg = new MinuteAggregator(10_000);
    const t0 = 1_700_000_000_000 - (1_700_000_000_000 % 60_000);
    agg.add(snap(t0, 1000));
    agg.add(snap(t0 + 30_000, null)); // 30 s gap: not integrated
    agg.add(snap(t0 + 31_000, 1000)); // 1 s of unknown grid
    agg.add(snap(t0 + 32_000, 1000));
    const [row] = agg.flush();
    expect(row!.gridImportWh).toBeCloseTo(1000 / 3600, 6); // only the last second
  });
});
