/**
 * The car in the MILP: charging and V2H/V2G discharging while plugged in,
 * its stored energy across sessions, and the target at each departure.
 *
 *  - AC chargers cannot run below 6 A per phase: charging is off or at least
 *    the minimum (semi-continuous, binary y_t), and never together with
 *    discharging.
 *  - V2X never takes the car below the user's minimum. For the session in
 *    progress starting above it, that is a bound on the stored energy; a
 *    session that may start below it needs a discharge indicator δ_t with
 *    ec_t ≥ min·δ_t (discharging only while above the minimum).
 *  - V2H: the car covers at most the home's own deficit, and while it
 *    discharges nothing is exported (δ_t blocks export).
 *  - Targets are hard when reachable: the shortfall costs more than any kWh
 *    could earn, and a target out of physical reach is first lowered to what
 *    full-power charging achieves (the plan flags it).
 */
import type { LpBuilder } from './lp.js';
import { finiteOr, type Terms } from './model-helpers.js';
import type { PlanProblem } from './problem.js';

export interface CarLayout {
  readonly cc: Int32Array;
  readonly cd: Int32Array;
  readonly ec: Int32Array;
  /** Energy the car needed from elsewhere because a trip took more than it had (kWh); -1 where no trip. */
  readonly ext: Int32Array;
  /** Session index of each slot, -1 when not plugged in. */
  readonly session: Int32Array;
  /** Per session: shortfall column, -1 without a target. */
  readonly shortfall: Int32Array;
  /** Per session: the target the plan aims at (Wh, after lowering to what is reachable); NaN for none. */
  readonly targetWh: Float64Array;
}

/** Prefer the earlier of two equally priced charging slots (robust against an early departure). Per kWh and slot. */
const earlierChargeEps = 1e-5;

export interface CarTermsContext {
  /** Per slot, the balance row's terms (the car adds its powers). */
  readonly balance: Terms[];
  readonly exp: Int32Array;
  readonly penalty: number;
  /** True when the on/off rules get binaries (see BuildOptions). */
  readonly binaries: boolean;
}

export function addCarTerms(b: LpBuilder, p: PlanProblem, ctx: CarTermsContext): CarLayout {
  const { balance, exp, penalty } = ctx;
  const n = p.slots.length;
  const car = p.car;
  const sessions = car?.sessions ?? [];
  const none = (k: number): Int32Array => new Int32Array(k).fill(-1);
  const layout = {
    cc: none(n),
    cd: none(n),
    ec: none(n),
    ext: none(n),
    session: none(n),
    shortfall: none(sessions.length),
    targetWh: new Float64Array(sessions.length).fill(Number.NaN),
  };
  if (car === null || car.capacityWh <= 0) return layout;
  sessions.forEach((s, i) => {
    for (let t = Math.max(0, s.startSlot); t < Math.min(n, s.endSlot); t++) layout.session[t] = i;
  });

  const capKWh = car.capacityWh / 1000;
  const minKWh = Math.min(car.minWh, car.capacityWh) / 1000;
  const cMax = car.maxChargeW / 1000;
  const cMin = car.minChargeW > car.maxChargeW ? 0 : car.minChargeW / 1000;
  const canDischarge = car.v2x !== 'off' && car.maxDischargeW > 0;
  // The session in progress starting at or above the minimum can simply be bounded there.
  const inProgress = sessions.findIndex((s) => s.startSlot <= 0 && s.endSlot > 0);
  const boundedSession = inProgress >= 0 && car.socWh >= car.minWh ? inProgress : -1;

  for (let t = 0; t < n; t++) {
    const s = p.slots[t]!;
    const h = s.hours;
    const i = layout.session[t]!;
    const arriving = sessions.find((x) => x.startSlot === t && t > 0 && x.tripWh > 0);
    if (i < 0 && arriving === undefined) {
      // Nothing happens to the car in this slot: its energy carries over (no column, no row).
      const startKWh = Math.min(car.socWh, car.capacityWh) / 1000;
      layout.ec[t] = t === 0 ? b.col(startKWh, startKWh) : layout.ec[t - 1]!;
      continue;
    }
    const ec = b.col(i >= 0 && i === boundedSession && canDischarge ? minKWh : 0, capKWh);
    layout.ec[t] = ec;
    const row: Terms = [[ec, 1]];
    if (t > 0) row.push([layout.ec[t - 1]!, -1]);
    let rhs = t === 0 ? Math.min(car.socWh, car.capacityWh) / 1000 : 0;
    if (arriving !== undefined) {
      rhs -= arriving.tripWh / 1000;
      const ext = b.col(0, Number.POSITIVE_INFINITY, penalty);
      layout.ext[t] = ext;
      row.push([ext, -1]);
    }

    if (i >= 0) {
      const cc = b.col(0, cMin > 0 || cMax > 0 ? cMax : 0, earlierChargeEps * t * h);
      layout.cc[t] = cc;
      row.push([cc, -car.chargeEfficiency * h]);
      balance[t]!.push([cc, -1]);
      let cdMax = canDischarge ? car.maxDischargeW / 1000 : 0;
      // V2H covers at most the home's own deficit.
      if (car.v2x === 'v2h') cdMax = Math.min(cdMax, Math.max(0, s.loadW - s.pvW) / 1000);
      let cd = -1;
      if (cdMax > 0) {
        cd = b.col(0, cdMax, car.wearPerKWh * h);
        layout.cd[t] = cd;
        row.push([cd, h / car.dischargeEfficiency]);
        balance[t]!.push([cd, 1]);
      }
      const floorNeeded = cd >= 0 && i !== boundedSession;
      const cdMin = Math.min(car.minDischargeW / 1000, cdMax);
      const needDelta = ctx.binaries && cd >= 0 && (floorNeeded || cdMin > 0 || car.v2x === 'v2h');
      // As for the battery (build-model.ts): in the complete MILP never charge and discharge at once.
      const needY = ctx.binaries && (cMin > 0 || cd >= 0);
      const y = needY ? b.binary() : -1;
      if (y >= 0) {
        if (cMin > 0) {
          // cc ≥ cMin·(y - full): a car that is full at the end of the slot stopped by itself, below the minimum on average.
          const full = b.binary();
          b.row(0, Number.POSITIVE_INFINITY, [
            [cc, 1],
            [y, -cMin],
            [full, cMin],
          ]);
          b.row(0, Number.POSITIVE_INFINITY, [
            [ec, 1],
            [full, -capKWh],
          ]);
        }
        b.row(Number.NEGATIVE_INFINITY, 0, [
          [cc, 1],
          [y, -cMax],
        ]);
      }
      if (needDelta) {
        const delta = b.binary();
        b.row(Number.NEGATIVE_INFINITY, 0, [
          [cd, 1],
          [delta, -cdMax],
        ]);
        if (cdMin > 0) {
          // Likewise a discharge that ends the slot at the user's minimum stopped there.
          const atFloor = b.binary();
          b.row(0, Number.POSITIVE_INFINITY, [
            [cd, 1],
            [delta, -cdMin],
            [atFloor, cdMin],
          ]);
          b.row(Number.NEGATIVE_INFINITY, minKWh + capKWh, [
            [ec, 1],
            [atFloor, capKWh],
          ]);
        }
        if (floorNeeded) {
          b.row(0, Number.POSITIVE_INFINITY, [
            [ec, 1],
            [delta, -minKWh],
          ]);
        }
        if (car.v2x === 'v2h') {
          // V2H never exports: while the car discharges, the grid does not take energy.
          const expM = finiteOr(p.slots[t]!.exportLimitW === null ? Number.POSITIVE_INFINITY : p.slots[t]!.exportLimitW! / 1000, 1000);
          b.row(Number.NEGATIVE_INFINITY, expM, [
            [exp[t]!, 1],
            [delta, expM],
          ]);
        }
        if (y >= 0) {
          b.row(Number.NEGATIVE_INFINITY, 1, [
            [y, 1],
            [delta, 1],
          ]);
        }
      } else if (y >= 0 && cd >= 0) {
        b.row(Number.NEGATIVE_INFINITY, cdMax, [
          [cd, 1],
          [y, cdMax],
        ]);
      }
    }
    b.row(rhs, rhs, row);
  }

  sessions.forEach((s, i) => {
    if (s.targetWh === null || s.endSlot <= 0) return;
    let targetWh = Math.min(s.targetWh, car.capacityWh);
    const beyondH = s.endSlot > n && s.departureMs !== null && n > 0 ? Math.max(0, (s.departureMs - p.slots[n - 1]!.endMs) / 3_600_000) : 0;
    if (i === inProgress) {
      // What full-power charging reaches from now: more cannot be asked.
      let hours = beyondH;
      for (let t = 0; t < Math.min(n, s.endSlot); t++) hours += p.slots[t]!.hours;
      targetWh = Math.min(targetWh, Math.max(car.socWh, car.socWh + car.chargeEfficiency * car.maxChargeW * hours));
    }
    layout.targetWh[i] = targetWh;
    const last = Math.min(n, s.endSlot) - 1;
    // Departing beyond the horizon: at its end the car must be close enough to finish at full power.
    const needKWh = (targetWh - (s.endSlot > n ? car.chargeEfficiency * car.maxChargeW * (s.departureMs === null ? Number.POSITIVE_INFINITY : beyondH) : 0)) / 1000;
    if (!(needKWh > 0) || last < 0) return;
    const sf = b.col(0, Number.POSITIVE_INFINITY, penalty);
    layout.shortfall[i] = sf;
    b.row(needKWh, Number.POSITIVE_INFINITY, [
      [layout.ec[last]!, 1],
      [sf, 1],
    ]);
  });
  return layout;
}
