/**
 * Everything a plan starts from, gathered from the hub at one moment: the
 * slots to the horizon, their prices (known, the tariff's own estimates,
 * yesterday's repeated, or the configured flat price), the PV and load
 * forecasts, the limits in force per slot, the devices, the month's peaks and
 * the flexibility requests. What the user should know about the inputs comes
 * back as flags.
 */
import type { CarSettings } from '../../common/car.js';
import type { FlexRequest } from '../../common/flex.js';
import type { ActiveLimits } from '../../common/limits.js';
import { localTime } from '../../common/local-time.js';
import type { Plan } from '../../common/plan.js';
import type { SiteSnapshot } from '../../common/snapshot.js';
import type { TariffSchedule } from '../../common/tariff.js';
import type { SiteDevices } from '../../control/site-devices.js';
import type { HubConfig } from '../../hub/config.js';
import type { OptimiserConfig } from '../config.js';
import type { PvArray, SiteLocation } from '../forecast/clear-sky.js';
import { forecastLoad } from '../forecast/load-forecast.js';
import { pricesFor } from '../forecast/price-forecast.js';
import type { SlotPrice } from '../forecast/price-forecast.js';
import { forecastFromRecentDays } from '../forecast/profile-forecast.js';
import { forecastPv } from '../forecast/pv-forecast.js';
import { assembleProblem } from '../model/assemble.js';
import type { FlexOffer, PlanProblem } from '../model/problem.js';
import { quarterStart, slotMs, timeline } from '../model/timeline.js';
import type { TimelineSlot } from '../model/timeline.js';
import type { ExternalForecast, PriceEntry, PvEntry } from './external-forecast.js';
import type { FlexBaselines } from './flex-baselines.js';
import type { HistoryCache } from './history-cache.js';
import { monthPeaks } from './peaks-so-far.js';
import type { PriceBook } from './price-book.js';
import { batteryModel, carInputs } from './site-inputs.js';

export interface InputSources {
  readonly hub: HubConfig;
  readonly config: OptimiserConfig;
  readonly devices: SiteDevices;
  readonly carSettings: CarSettings;
  readonly limits: (atMs: number) => ActiveLimits;
  readonly tariff: TariffSchedule | null;
  readonly flex: readonly FlexRequest[];
  readonly history: HistoryCache;
  readonly prices: PriceBook;
  readonly previousPlan: Plan | null;
  readonly flexBaselines: FlexBaselines;
  readonly externalPv: ExternalForecast<PvEntry> | null;
  readonly externalPrices: ExternalForecast<PriceEntry> | null;
}

export interface PlanInputs {
  readonly problem: PlanProblem;
  readonly flags: readonly string[];
  readonly currency: string;
  readonly carGoal: { readonly targetSocPct: number; readonly departureMs: number } | null;
}

const dayMs = 86_400_000;
const historyDays = 8;

export function planInputs(src: InputSources, snap: SiteSnapshot, nowMs: number): PlanInputs {
  const { hub, config } = src;
  const tz = hub.site.timeZone;
  const slots = timeline(nowMs, nowMs + config.horizonH * 3_600_000);
  const starts = slots.map((s) => s.startMs);
  const flags: string[] = [];

  src.prices.add(src.tariff, nowMs);
  const prices = slotPrices(src, starts, flags);

  src.history.update(nowMs);
  const histStart = quarterStart(nowMs) - historyDays * dayMs;
  const steps = historyDays * 96 + 1;
  const pvHistory = src.history.series('pvW', histStart, steps);
  const loadHistory = src.history.series('homeW', histStart, steps);
  const arrays = pvArrays(hub, config);
  const builtInPv = arrays.length > 0 ? forecastPv(pvHistory, nowMs, starts, slotMs, location(hub, config), arrays) : forecastFromRecentDays(pvHistory, nowMs, starts, slotMs);
  const pvW = starts.map((ts, i) => src.externalPv?.at(ts)?.powerW ?? builtInPv[i] ?? 0);
  const loadW = forecastLoad(loadHistory, nowMs, starts, slotMs, (ts) => localTime(ts, tz));

  const fuseW = hub.site.fuseA * hub.site.voltageV * hub.site.phases;
  const limits = (startMs: number): { importLimitW: number | null; exportLimitW: number | null; controllableLimitW: number | null } => {
    const a = src.limits(startMs);
    const exportCaps = [hub.site.exportLimitW, a.exportLimitW].filter((c): c is number => c !== null);
    return {
      importLimitW: Math.min(fuseW, a.importLimitW ?? Number.POSITIVE_INFINITY),
      exportLimitW: exportCaps.length === 0 ? null : Math.min(...exportCaps),
      controllableLimitW: a.controllableLimitW,
    };
  };

  const car = carInputs(snap, src.devices, src.carSettings, hub, config, slots, nowMs);
  flags.push(...car.flags);
  const demandCharges = src.tariff?.demandCharges ?? [];
  const problem = assembleProblem({
    timeline: slots,
    timeZone: tz,
    prices,
    pvW,
    loadW,
    limits,
    battery: batteryModel(snap, src.devices, hub, config),
    car: car.car,
    demand: demandCharges.length === 0 ? null : { charges: demandCharges, ...monthPeaks(src.history, nowMs, tz) },
    pvCurtailable: config.pv.curtailable,
    flex: flexOffers(src, slots, pvW, loadW),
    terminalShare: config.terminalShare,
  });
  const target = car.car?.sessions[0]?.targetWh;
  return {
    problem,
    flags,
    currency: src.tariff?.currency ?? 'EUR',
    carGoal: car.car !== null && car.departureMs !== null && target !== null && target !== undefined ? { targetSocPct: car.settings.targetSocPct, departureMs: car.departureMs } : null,
  };
}

function slotPrices(src: InputSources, starts: readonly number[], flags: string[]): SlotPrice[] {
  const fallback = src.config.fallbackPrice;
  if (src.tariff === null) {
    flags.push(`no tariff known yet: planned with a flat estimate of ${fallback.importPerKWh.toFixed(2)} per kWh (export ${fallback.exportPerKWh.toFixed(2)})`);
    return starts.map(() => ({ ...fallback, estimated: true }));
  }
  const extended = pricesFor(starts, (ts) => src.prices.known(ts), fallback);
  return starts.map((ts, i) => {
    const own = extended[i]!;
    if (!own.estimated) return own;
    // Beyond the known prices: the tariff's own estimate, an external price forecast, else yesterday's repeated.
    const tariffEstimate = src.prices.any(ts);
    if (tariffEstimate !== null) return { importPerKWh: tariffEstimate.importPerKWh, exportPerKWh: tariffEstimate.exportPerKWh, estimated: true };
    const external = src.externalPrices?.at(ts);
    if (external !== null && external !== undefined) return { importPerKWh: external.importPerKWh, exportPerKWh: external.exportPerKWh, estimated: true };
    return own;
  });
}

function location(hub: HubConfig, o: OptimiserConfig): SiteLocation {
  return {
    latitudeDeg: o.pv.latitudeDeg ?? hub.simulation.latitudeDeg,
    longitudeDeg: o.pv.longitudeDeg ?? hub.simulation.longitudeDeg,
  };
}

function pvArrays(hub: HubConfig, o: OptimiserConfig): PvArray[] {
  if (o.pv.arrays.length > 0) return o.pv.arrays;
  // The simulated home's array (drivers/sim: 35° south) when nothing is configured.
  return hub.simulation.enabled ? [{ kwp: hub.simulation.pvKwp, tiltDeg: 35, azimuthDeg: 180 }] : [];
}

/**
 * Requests as offers: a payment per kWh (a lump sum spread over the asked
 * energy), against the baseline the request found (flex-baselines.ts).
 */
function flexOffers(src: InputSources, slots: readonly TimelineSlot[], pvW: readonly number[], loadW: readonly number[]): FlexOffer[] {
  const out: FlexOffer[] = [];
  src.flexBaselines.keepOnly(new Set(src.flex.map((r) => r.id)));
  for (const r of src.flex) {
    if (src.tariff !== null && r.currency !== src.tariff.currency) continue;
    const from = slots.findIndex((s) => s.endMs > r.startMs);
    let to = slots.findIndex((s) => s.startMs >= r.endMs);
    if (to === -1) to = slots.length;
    if (from === -1 || from >= to) continue;
    const hours = (r.endMs - r.startMs) / 3_600_000;
    const perKWh = r.paymentPerKWh ?? (r.paymentTotal !== null && r.powerW > 0 && hours > 0 ? r.paymentTotal / ((r.powerW / 1000) * hours) : 0);
    if (!(perKWh > 0)) continue;
    const baselineW: number[] = [];
    for (let t = from; t < to; t++) baselineW.push(src.flexBaselines.baseline(r.id, slots[t]!.startMs, src.previousPlan, (loadW[t] ?? 0) - (pvW[t] ?? 0)));
    out.push({ id: r.id, fromSlot: from, toSlot: to, direction: r.direction, powerW: r.powerW, perKWh, baselineW });
  }
  return out;
}
