import type { SiteSnapshot } from '../../main/common/snapshot.js';

/** A complete snapshot with neutral values; tests override what they look at. */
export function makeSnapshot(overrides: Partial<{ ts: number; gridW: number | null; pvW: number | null; batteryW: number | null; wallboxW: number | null; homeW: number | null; pluggedIn: boolean; wallboxState: SiteSnapshot['wallbox']['state']; batterySocPct: number | null; carSocPct: number | null }> = {}): SiteSnapshot {
  const o = { ts: 1_750_500_000_000, gridW: 500, pvW: 3_000, batteryW: -1_000, wallboxW: 1_500, homeW: 1_000, pluggedIn: true, wallboxState: 'charging' as const, batterySocPct: 60, carSocPct: 45, ...overrides };
  return {
    ts: o.ts,
    seq: 1,
    grid: { powerW: o.gridW, energyImportWh: 0, energyExportWh: 0, phases: null, fuseLimitW: 17_250 },
    pv: { powerW: o.pvW, energyWh: 0 },
    battery: { powerW: o.batteryW, socPct: o.batterySocPct, capacityWh: 10_000, setpointW: null },
    wallbox: { powerW: o.wallboxW, state: o.wallboxState, setpointW: null, maxChargeW: 11_000, maxDischargeW: 11_000 },
    car: { pluggedIn: o.pluggedIn, socPct: o.carSocPct, socEstimated: false, mode: 'solar', minSocPct: 30, targetSocPct: 80, readyBy: '07:30', v2h: false, v2g: false },
    home: { powerW: o.homeW },
    limits: { importLimitW: null, exportLimitW: null, controllableLimitW: null, signals: [] },
    control: { failsafe: false, failsafeReasons: [], limiting: [], decision: 'test' },
    devices: [],
  };
}
