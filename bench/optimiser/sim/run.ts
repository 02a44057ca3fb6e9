/**
 * Runs one strategy over the simulated span, quarter hour by quarter hour,
 * and adds up what the household pays, where the energy went and whether
 * the car was ready at every departure.
 */
import { quarterMs } from '../data/sim-year.js';
import type { SimSession } from '../data/sim-year.js';
import { step } from './physics.js';
import type { Strategy, StrategyContext } from './strategy.js';

export interface StrategyResult {
  readonly name: string;
  /** What the household paid: import minus export earnings. */
  readonly billEur: number;
  /** Mean import price over the span (EUR/kWh), to value energy left stored at the end. */
  readonly meanImportPerKWh: number;
  readonly importKWh: number;
  readonly exportKWh: number;
  readonly homeKWh: number;
  readonly pvKWh: number;
  readonly curtailedKWh: number;
  readonly carChargeKWh: number;
  readonly carDischargeKWh: number;
  readonly batteryChargeKWh: number;
  readonly batteryDischargeKWh: number;
  /** Energy the car needed from elsewhere because a trip took more than it had. */
  readonly carExternalKWh: number;
  readonly peakImportW: number;
  readonly departures: number;
  readonly departuresMet: number;
  /** Departures where the target was reachable at full power from the arrival. */
  readonly departuresPossible: number;
  readonly departuresMissedPossible: number;
  /** Each missed departure (UTC ISO) and how far short of the target the car was (kWh). */
  readonly missed: readonly { readonly departure: string; readonly shortKWh: number }[];
  /** Energy stored in battery and car at the start and at the end (Wh). */
  readonly storedStartWh: number;
  readonly storedEndWh: number;
  readonly solveMs: readonly number[];
  readonly solveStatus: Readonly<Record<string, number>>;
  readonly runMs: number;
}

/** A car this close to its target (Wh) counts as ready: rounding in the last quarter hour. */
const readyToleranceWh = 100;

export function simulate(ctx: StrategyContext, strategy: Strategy, onProgress?: (share: number) => void): StrategyResult {
  const started = performance.now();
  const { year, site, tariff } = ctx;
  const hours = quarterMs / 3_600_000;
  const targetWh = (site.car.targetSocPct / 100) * site.car.capacityWh;
  let batteryWh = (site.battery.initialSocPct / 100) * site.battery.capacityWh;
  let carWh = (site.car.initialSocPct / 100) * site.car.capacityWh;
  const storedStartWh = batteryWh + carWh;
  const acc = { cost: 0, importPrice: 0, imp: 0, exp: 0, home: 0, pv: 0, curtailed: 0, cc: 0, cd: 0, bc: 0, bd: 0, external: 0, peak: 0 };
  const dep = { count: 0, met: 0, possible: 0, missedPossible: 0 };
  const missed: { departure: string; shortKWh: number }[] = [];
  let next = 0;
  let session: SimSession | null = null;
  let sessionPossible = false;
  const first = Math.round((year.startMs - year.originMs) / quarterMs);
  const last = Math.round((year.endMs - year.originMs) / quarterMs);
  for (let i = first; i < last; i++) {
    const nowMs = year.originMs + i * quarterMs;
    const arriving = year.sessions[next];
    if (arriving !== undefined && arriving.arrivalMs === nowMs) {
      next++;
      session = arriving;
      carWh -= arriving.tripWh;
      if (carWh < 0) {
        acc.external -= carWh;
        carWh = 0;
      }
      const pluggedH = (arriving.departureMs - arriving.arrivalMs) / 3_600_000;
      sessionPossible = carWh + site.car.maxChargeW * site.car.chargeEfficiency * pluggedH >= targetWh - readyToleranceWh;
    }
    const plugged = session !== null && nowMs < session.departureMs;
    const cmd = strategy.decide({ i, nowMs, batteryWh, carWh, session: plugged ? session : null });
    const r = step(site, year.pvW[i] ?? 0, year.loadW[i] ?? 0, plugged, batteryWh, carWh, cmd, hours);
    batteryWh = r.batteryWh;
    carWh = r.carWh;
    const f = r.flows;
    const price = tariff.price(year.spotPerKWh[i] ?? 0, nowMs);
    const impW = Math.max(0, f.gridW);
    const expW = Math.max(0, -f.gridW);
    acc.cost += ((impW * price.importPerKWh - expW * price.exportPerKWh) * hours) / 1000;
    acc.importPrice += price.importPerKWh;
    acc.imp += (impW * hours) / 1000;
    acc.exp += (expW * hours) / 1000;
    acc.home += (f.loadW * hours) / 1000;
    acc.pv += (f.pvW * hours) / 1000;
    acc.curtailed += (f.curtailedW * hours) / 1000;
    acc.cc += (Math.max(0, f.carW) * hours) / 1000;
    acc.cd += (Math.max(0, -f.carW) * hours) / 1000;
    acc.bc += (Math.max(0, -f.batteryW) * hours) / 1000;
    acc.bd += (Math.max(0, f.batteryW) * hours) / 1000;
    acc.peak = Math.max(acc.peak, impW);
    if (session !== null && nowMs + quarterMs === session.departureMs) {
      if (!session.truncated) {
        const met = carWh >= targetWh - readyToleranceWh;
        dep.count++;
        if (met) dep.met++;
        if (sessionPossible) dep.possible++;
        if (sessionPossible && !met) dep.missedPossible++;
        if (!met) missed.push({ departure: new Date(session.departureMs).toISOString(), shortKWh: Math.round(targetWh - carWh) / 1000 });
      }
      session = null;
    }
    if (onProgress !== undefined && (i - first) % 960 === 0) onProgress((i - first) / (last - first));
  }
  return {
    name: strategy.name,
    billEur: acc.cost,
    meanImportPerKWh: acc.importPrice / Math.max(1, last - first),
    importKWh: acc.imp,
    exportKWh: acc.exp,
    homeKWh: acc.home,
    pvKWh: acc.pv,
    curtailedKWh: acc.curtailed,
    carChargeKWh: acc.cc,
    carDischargeKWh: acc.cd,
    batteryChargeKWh: acc.bc,
    batteryDischargeKWh: acc.bd,
    carExternalKWh: acc.external,
    peakImportW: acc.peak,
    departures: dep.count,
    departuresMet: dep.met,
    departuresPossible: dep.possible,
    departuresMissedPossible: dep.missedPossible,
    missed,
    storedStartWh,
    storedEndWh: batteryWh + carWh,
    solveMs: strategy.solveMs ?? [],
    solveStatus: strategy.solveStatus ?? {},
    runMs: performance.now() - started,
  };
}
