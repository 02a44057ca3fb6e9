/** Shared set-up of the OCPP integration tests: the real hub on the simulated home with an OCPP charger. */
import type { OcppCharger } from '../../drivers/ocpp/ocpp-charger.js';
import type { SimChargerKind } from '../../drivers/sim/ocpp-sim-charger.js';
import type { OcppStationSim } from '../../drivers/sim/ocpp-station-sim.js';
import type { PlanSlot } from '../../main/common/plan.js';
import type { Hub } from '../../main/hub/hub.js';
import { startTestHub } from './hub-harness.js';

export function startOcppHub(charger: SimChargerKind, speed = 20): Promise<Hub> {
  return startTestHub({
    speed,
    simStartIso: '2026-01-14T20:00:00+01:00',
    // Port 0: tests run in parallel; the simulated station learns the real port from the hub.
    // The optimiser is off: these tests inject the plan slots they need (planSlot below)
    // and check the charger path; the MPC loop has its own test (mpc.test.ts).
    config: (c) => ({ ...c, ocpp: { ...c.ocpp, port: 0 }, simulation: { ...c.simulation, charger }, optimiser: { ...c.optimiser, enabled: false } }),
  });
}

export function station(hub: Hub): OcppStationSim {
  const s = hub.sim?.ocpp;
  if (s === null || s === undefined) throw new Error('the simulated home has no OCPP station');
  return s;
}

export function charger(hub: Hub): OcppCharger {
  const c = hub.devices.charger;
  if (c === null || c.type !== 'ocpp') throw new Error('the hub has no OCPP charger');
  return c as unknown as OcppCharger;
}

/** A one-slot plan around now (the optimiser's output, injected). */
export function planSlot(nowMs: number, slot: Partial<PlanSlot>): PlanSlot {
  const startMs = Math.floor(nowMs / 900_000) * 900_000;
  return {
    startMs,
    endMs: startMs + 4 * 3_600_000,
    importPerKWh: 0.3,
    exportPerKWh: 0.4,
    priceEstimated: false,
    pvForecastW: 0,
    loadForecastW: 2000,
    gridW: 0,
    batteryW: 0,
    carW: 0,
    pvLimitW: null,
    batterySocPct: 10,
    carSocPct: null,
    carPluggedIn: true,
    costEur: 0,
    reason: 'test plan',
    ...slot,
  };
}

/** "HH:MM" of site time + minutes, in the site's zone. */
export function localHhMm(ms: number, timeZone = 'Europe/Amsterdam'): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}
