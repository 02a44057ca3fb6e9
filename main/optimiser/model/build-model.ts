/**
 * The plan as a MILP (see main/optimiser/README.md for the reasoning).
 *
 * Columns are kW (powers, constant over a slot) and kWh (stored energy at the
 * end of a slot); the objective is in the site currency. Per slot t of h hours:
 *
 *   balance   imp - exp + bd - bc + cd - cc - curtail = load - pv
 *   battery   eb_t = eb_{t-1} + ηc·h·bc - h/ηd·bd
 *   car       ec_t = ec_{t-1} + ηc·h·cc - h/ηd·cd - trip_t   (car-terms.ts)
 *   peaks     demand charges on import                       (demand-terms.ts)
 *   flex      rewards for answering flexibility requests     (flex-terms.ts)
 *
 * Binaries appear only where they can change the answer; an LP never imports
 * and exports at once, or charges and discharges at once, while that costs
 * money, so those exclusions are only added where prices make waste pay.
 */
import type { Lp } from './lp.js';
import { LpBuilder } from './lp.js';
import { addCarTerms } from './car-terms.js';
import type { CarLayout } from './car-terms.js';
import { addDemandTerms, demandRatePerKW } from './demand-terms.js';
import type { DemandLayout } from './demand-terms.js';
import { addFlexTerms } from './flex-terms.js';
import type { FlexLayout } from './flex-terms.js';
import { exclusive, finiteOr, type Terms } from './model-helpers.js';
import type { PlanProblem } from './problem.js';

/** Where each quantity lives in the column vector; -1 where a slot has none. */
export interface ModelLayout {
  readonly imp: Int32Array;
  /** Import above the limit: only to stay feasible when the forecast load alone exceeds it. */
  readonly impOver: Int32Array;
  readonly exp: Int32Array;
  /** Export above the cap when PV cannot be curtailed. */
  readonly expOver: Int32Array;
  readonly curtail: Int32Array;
  readonly bc: Int32Array;
  readonly bd: Int32Array;
  readonly eb: Int32Array;
  readonly car: CarLayout;
  readonly demand: DemandLayout;
  readonly flex: FlexLayout;
  /** Cost of a kWh missing from a car target, or of a kW over a limit (site currency). */
  readonly penaltyPerKWh: number;
}

export interface BuiltModel {
  readonly lp: Lp;
  readonly layout: ModelLayout;
}

/** Curtail only when it pays, not when indifferent. */
const curtailEps = 1e-4;

export interface BuildOptions {
  /**
   * With binaries, the model is a complete MILP for HiGHS's own MIP solver
   * (tests compare against it). Without, the on/off rules are left to the
   * branch-and-bound of solver/branch-and-bound.ts, which branches on the
   * columns' bounds (model/disjunctions.ts) and only where the relaxation
   * breaks a rule: much faster on this model. Default: without.
   */
  readonly binaries?: boolean;
}

export function buildModel(p: PlanProblem, options: BuildOptions = {}): BuiltModel {
  const binaries = options.binaries ?? false;
  const n = p.slots.length;
  const b = new LpBuilder();
  const none = (): Int32Array => new Int32Array(n).fill(-1);
  const imp = none();
  const impOver = none();
  const exp = none();
  const expOver = none();
  const curtail = none();
  const bc = none();
  const bd = none();
  const eb = none();
  const maxAbsPrice = p.slots.reduce((m, s) => Math.max(m, Math.abs(s.importPerKWh), Math.abs(s.exportPerKWh)), 0);
  // More than anything a kWh could earn anywhere in the horizon: a car target
  // is missed, or a limit exceeded, only when nothing else is possible.
  const penalty = 10 + 5 * maxAbsPrice + 4 * demandRatePerKW(p.demand?.charges ?? []);
  const balance: Terms[] = Array.from({ length: n }, () => []);

  for (let t = 0; t < n; t++) {
    const s = p.slots[t]!;
    const h = s.hours;
    const pvKW = Math.max(0, s.pvW) / 1000;
    const impCap = s.importLimitW === null ? Number.POSITIVE_INFINITY : Math.max(0, s.importLimitW) / 1000;
    const expCap = s.exportLimitW === null ? Number.POSITIVE_INFINITY : Math.max(0, s.exportLimitW) / 1000;
    const terms = balance[t]!;

    const loadKW = Math.max(0, s.loadW) / 1000;
    const ic = b.col(0, impCap, s.importPerKWh * h);
    imp[t] = ic;
    terms.push([ic, 1]);
    // Only a forecast load beyond the import limit could make the plan infeasible.
    if (loadKW - pvKW > impCap) {
      const over = b.col(0, Number.POSITIVE_INFINITY, (s.importPerKWh + penalty) * h);
      impOver[t] = over;
      terms.push([over, 1]);
    }
    const ec = b.col(0, expCap, -s.exportPerKWh * h);
    exp[t] = ec;
    terms.push([ec, -1]);
    if (!p.pvCurtailable && pvKW - loadKW > expCap) {
      const over = b.col(0, Number.POSITIVE_INFINITY, (penalty - s.exportPerKWh) * h);
      expOver[t] = over;
      terms.push([over, -1]);
    }
    // Curtailing pays only under an export cap or a negative price.
    if (p.pvCurtailable && pvKW > 0 && (Number.isFinite(expCap) || s.exportPerKWh < 0 || s.importPerKWh < 0)) {
      const cut = b.col(0, pvKW, curtailEps * h);
      curtail[t] = cut;
      terms.push([cut, -1]);
    }
    // Importing and exporting at once only pays where export earns at least the import price.
    if (binaries && s.exportPerKWh >= s.importPerKWh) exclusive(b, ic, finiteOr(impCap, 1000), ec, finiteOr(expCap, 1000));

    const bat = p.battery;
    if (bat !== null && bat.capacityWh > 0) {
      const bcMax = bat.maxChargeW / 1000;
      const bdMax = bat.maxDischargeW / 1000;
      const charge = b.col(0, bcMax);
      const discharge = b.col(0, bdMax, bat.wearPerKWh * h);
      // Below the reserve already (e.g. after a blackout): do not plan it any lower.
      const stored = b.col(Math.min(bat.socWh, bat.reserveWh) / 1000, bat.capacityWh / 1000);
      bc[t] = charge;
      bd[t] = discharge;
      eb[t] = stored;
      terms.push([charge, -1], [discharge, 1]);
      const row: Terms = [
        [stored, 1],
        [charge, -bat.chargeEfficiency * h],
        [discharge, h / bat.dischargeEfficiency],
      ];
      if (t > 0) row.push([eb[t - 1]!, -1]);
      const rhs = t === 0 ? Math.min(bat.socWh, bat.capacityWh) / 1000 : 0;
      b.row(rhs, rhs, row);
      // The complete MILP always excludes charging and discharging at once:
      // whether burning energy in losses pays can depend on other slots (room
      // for a negative price later, PV above an export cap that cannot be
      // capped), which no per-slot test sees. One binary per slot; the
      // branch-and-bound checks the relaxed solution instead (disjunctions.ts).
      if (binaries) exclusive(b, charge, bcMax, discharge, bdMax);
    }
  }

  const car = addCarTerms(b, p, { balance, exp, penalty, binaries });

  for (let t = 0; t < n; t++) {
    const s = p.slots[t]!;
    const netKW = (Math.max(0, s.loadW) - Math.max(0, s.pvW)) / 1000;
    b.row(netKW, netKW, balance[t]!);
    if (s.controllableLimitW !== null) {
      // §14a dims the grid draw of car and battery charging; what the PV surplus covers does not count.
      const capKW = Math.max(0, s.controllableLimitW) / 1000 + Math.max(0, -netKW);
      const row: Terms = [];
      if (bc[t]! >= 0) row.push([bc[t]!, 1]);
      if (car.cc[t]! >= 0) row.push([car.cc[t]!, 1]);
      if (row.length > 0) b.row(Number.NEGATIVE_INFINITY, capKW, row);
    }
  }

  const demand = addDemandTerms(b, p, { imp, impOver, binaries });
  const flex = addFlexTerms(b, p, imp, impOver, exp, expOver);

  // Energy left at the horizon end is worth what it will save later, so the plan does not drain it at the edge.
  if (n > 0) {
    if (eb[n - 1]! >= 0) b.addCost(eb[n - 1]!, -p.terminalBatteryPerKWh);
    if (car.ec[n - 1]! >= 0) b.addCost(car.ec[n - 1]!, -p.terminalCarPerKWh);
  }

  const lp = b.build();
  return { lp, layout: { imp, impOver, exp, expOver, curtail, bc, bd, eb, car, demand, flex, penaltyPerKWh: penalty } };
}
