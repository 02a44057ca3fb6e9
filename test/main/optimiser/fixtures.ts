/**
 * Small plan problems built by hand for the optimiser tests: one-hour slots
 * (so W and Wh read the same), no battery, no car, no limits unless a test
 * adds them. Plus one shared HiGHS instance (loading the WebAssembly takes a
 * moment) and a solve helper that fails the test when no plan comes back.
 */
import { expect } from 'vitest';
import type { Schedule } from '../../../main/optimiser/model/decode.js';
import type { BatteryModel, CarModel, CarSession, PlanProblem, ProblemSlot } from '../../../main/optimiser/model/problem.js';
import { HighsSolver } from '../../../main/optimiser/solver/highs-solver.js';
import { defaultSolveLimits, solveProblem } from '../../../main/optimiser/solver/solve-problem.js';
import type { ProblemSolution } from '../../../main/optimiser/solver/solve-problem.js';

/** 2026-06-21 00:00 UTC: a midsummer night in Europe (local day and month do not matter here). */
export const t0 = Date.UTC(2026, 5, 21, 0, 0, 0);
export const hourMs = 3_600_000;

export interface SlotSpec {
  readonly importPerKWh?: number;
  readonly exportPerKWh?: number;
  readonly pvW?: number;
  readonly loadW?: number;
  readonly importLimitW?: number | null;
  readonly exportLimitW?: number | null;
  readonly controllableLimitW?: number | null;
  readonly hours?: number;
}

/** Consecutive slots; each defaults to 1 h, 0.30 import, 0 export, no PV, no load, no limits. */
export function slots(specs: readonly SlotSpec[]): ProblemSlot[] {
  let start = t0;
  return specs.map((s) => {
    const hours = s.hours ?? 1;
    const slot: ProblemSlot = {
      startMs: start,
      endMs: start + hours * hourMs,
      hours,
      importPerKWh: s.importPerKWh ?? 0.3,
      exportPerKWh: s.exportPerKWh ?? 0,
      priceEstimated: false,
      pvW: s.pvW ?? 0,
      loadW: s.loadW ?? 0,
      importLimitW: s.importLimitW ?? null,
      exportLimitW: s.exportLimitW ?? null,
      controllableLimitW: s.controllableLimitW ?? null,
      localDay: Math.floor(start / 86_400_000),
      nextMonth: false,
    };
    start += hours * hourMs;
    return slot;
  });
}

export function problem(specs: readonly SlotSpec[], extra: Partial<PlanProblem> = {}): PlanProblem {
  return {
    slots: slots(specs),
    battery: null,
    car: null,
    demand: null,
    pvCurtailable: true,
    flex: [],
    terminalBatteryPerKWh: 0,
    terminalCarPerKWh: 0,
    ...extra,
  };
}

/** 10 kWh, 3 kW both ways, 90 % each way, reserve 1 kWh, no wear. */
export function battery(over: Partial<BatteryModel> = {}): BatteryModel {
  return {
    capacityWh: 10_000,
    socWh: 1000,
    reserveWh: 1000,
    maxChargeW: 3000,
    maxDischargeW: 3000,
    chargeEfficiency: 0.9,
    dischargeEfficiency: 0.9,
    wearPerKWh: 0,
    ...over,
  };
}

/** Plugged in from now for `endSlot` slots, no target. */
export function session(endSlot: number, over: Partial<CarSession> = {}): CarSession {
  return { startSlot: 0, endSlot, tripWh: 0, targetWh: null, departureMs: null, ...over };
}

/** 60 kWh car at 40 kWh, user minimum 18 kWh (30 %), 7.4 kW AC charger (min 1.4 kW), 92 % each way. */
export function car(over: Partial<CarModel> = {}): CarModel {
  return {
    capacityWh: 60_000,
    socWh: 40_000,
    minWh: 18_000,
    maxChargeW: 7400,
    minChargeW: 1400,
    maxDischargeW: 7400,
    minDischargeW: 1400,
    chargeEfficiency: 0.92,
    dischargeEfficiency: 0.92,
    wearPerKWh: 0,
    v2x: 'off',
    sessions: [session(4)],
    ...over,
  };
}

let shared: Promise<HighsSolver> | null = null;

/** One HiGHS per test file (each vitest file runs in its own process). */
export function highs(): Promise<HighsSolver> {
  shared ??= HighsSolver.load();
  return shared;
}

/** Generous limits: these problems are tiny, and the tests want the proved optimum. */
export const testLimits = { ...defaultSolveLimits, timeLimitMs: 10_000, maxLpRuns: 200 };

export async function solve(p: PlanProblem): Promise<ProblemSolution & { schedule: Schedule }> {
  const solution = solveProblem(p, await highs(), testLimits);
  expect(solution.status, solution.detail).toBe('optimal');
  expect(solution.schedule).not.toBeNull();
  return solution as ProblemSolution & { schedule: Schedule };
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
