import { describe, expect, it } from 'vitest';
import { noLimits } from '../../../main/common/limits.js';
import type { Plan, PlanSlot } from '../../../main/common/plan.js';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';
import { flexEnvelope } from '../../../main/signals/flex-envelope.js';

const now = Date.parse('2026-06-21T16:00:00Z');
const cap = { batteryMaxChargeW: 5000, batteryMaxDischargeW: 5000, batteryReserveSocPct: 10, carMaxChargeW: 11_000, carMaxDischargeW: 10_000, fuseLimitW: 17_250 };

function snapshot(over: { v2g?: boolean; limits?: SiteSnapshot['limits'] } = {}): SiteSnapshot {
  return {
    ts: now,
    seq: 1,
    grid: { powerW: 1000, energyImportWh: null, energyExportWh: null, phases: null, fuseLimitW: 17_250 },
    pv: { powerW: 0, energyWh: null },
    battery: { powerW: 0, socPct: 50, capacityWh: 10_000, setpointW: 0 },
    wallbox: { powerW: 0, state: 'connected', setpointW: 0, maxChargeW: 11_000, maxDischargeW: 10_000 },
    car: { pluggedIn: true, socPct: 60, socEstimated: false, mode: 'smart', minSocPct: 30, targetSocPct: 80, readyBy: null, v2h: true, v2g: over.v2g ?? false },
    home: { powerW: 1000 },
    limits: over.limits ?? noLimits,
    control: { failsafe: false, failsafeReasons: [], limiting: [], decision: '' },
    devices: [],
  };
}

const slot = (o: Partial<PlanSlot>): PlanSlot => ({
  startMs: now,
  endMs: now + 900_000,
  importPerKWh: 0.3,
  exportPerKWh: 0.1,
  priceEstimated: false,
  pvForecastW: 0,
  loadForecastW: 1000,
  gridW: 1000,
  batteryW: 0,
  carW: 0,
  pvLimitW: null,
  batterySocPct: 50,
  carSocPct: 60,
  carPluggedIn: true,
  costEur: 0,
  reason: '',
  ...o,
});

describe('flexibility envelope', () => {
  it('without a plan: the next hour at the current state, car discharge only with V2G', () => {
    const e = flexEnvelope(null, snapshot(), cap, now);
    expect(e.slots).toHaveLength(4);
    // up: battery 5 kW + car 11 kW = 16 kW, within the fuse (17.25 - 1 kW).
    // down: battery 5 kW only (no V2G).
    expect(e.slots[0]).toMatchObject({ plannedGridW: 1000, upW: 16_000, downW: 5000 });
    expect(flexEnvelope(null, snapshot({ v2g: true }), cap, now).slots[0]?.downW).toBe(15_000);
  });

  it('follows the plan and respects the import cap, §14a and the export cap', () => {
    const plan: Plan = { createdMs: now, status: 'optimal', solveMs: 1, costEur: 0, flags: [], summary: '', slots: [slot({ carW: 7000, gridW: 8000 }), slot({ startMs: now + 900_000, endMs: now + 1_800_000, batterySocPct: 100 })] };
    const limits = { importLimitW: 10_000, exportLimitW: 0, controllableLimitW: 8000, signals: [] };
    const e = flexEnvelope(plan, snapshot({ limits }), cap, now);
    // Slot 1: up limited by the import cap (10 - 8 kW) and §14a (8 - 7 kW charging): 1 kW.
    // down: battery 5 kW + stop the car 7 kW = 12 kW, but export cap 0: at most 8 kW (to zero import).
    expect(e.slots[0]).toMatchObject({ upW: 1000, downW: 8000 });
    // Slot 2: battery full, no car charging planned: up = car 4 kW... capped by import 10 - 1 = 9 kW and §14a 8 kW.
    expect(e.slots[1]).toMatchObject({ upW: 8000 });
  });
});
